"""Lesson 11, security: tamper with a signed value and watch the server's real check reject it.

The panel shows a value signed with ``django.core.signing.dumps()``, the same machinery the
signed_cookies engine uses, with its payload decoded. The learner edits the payload; the
server puts the edited text back into the value in place of the original payload, keeping the
original signature, exactly as someone forging a cookie would, and calls ``signing.loads()``.
Any change at all raises ``BadSignature``; the untouched value loads.
"""

import re

from django.contrib import messages
from django.core import signing
from django.utils.translation import gettext as _

from tutorial.lessons.exercises import Outcome
from tutorial.lessons.exercises.cookie import cookie_facts

TEMPLATE = "lessons/try/security.html"
SALT = "tutorial.lessons.security"
MAX_PAYLOAD = 500
SAMPLE = {"customer": "guest", "discount_percent": 0}


# payload (URL-safe base64, "." first if compressed) : timestamp (base 62) : signature (base64)
SIGNED_VALUE = re.compile(r"(\.?[A-Za-z0-9_-]+):([0-9A-Za-z]+):([A-Za-z0-9_-]+)")


def split(value):
    """A signed value's three parts: base64 payload, timestamp, signature (None if not signed)."""
    match = SIGNED_VALUE.fullmatch(value)
    return list(match.groups()) if match else None


def decoded_payload(payload):
    """The payload as readable text: base64 is an encoding, not encryption."""
    try:
        return signing.b64_decode(payload.encode()).decode()
    except (ValueError, UnicodeDecodeError):
        return None


def context(request):
    value = signing.dumps(SAMPLE, salt=SALT)
    payload, timestamp, signature = split(value)
    return {
        "signed_value": value,
        "payload": payload,
        "timestamp": timestamp,
        "signature": signature,
        "decoded": decoded_payload(payload),
        "max_payload": MAX_PAYLOAD,
        "cookie": cookie_facts(request),
    }


def tamper(request):
    value = request.POST.get("value", "")
    edited = request.POST.get("payload", "").replace("\r\n", "\n")
    parts = split(value)
    if parts is None or decoded_payload(parts[0]) is None:
        return Outcome.refused(
            _("That is not the signed value this page gave you; reload the page.")
        )
    if len(edited) > MAX_PAYLOAD:
        return Outcome.refused(_("The payload may be at most 500 characters."))
    # The forger's move: encode the edited text and splice it in, keeping the old signature.
    forged = ":".join([signing.b64_encode(edited.encode()).decode(), *parts[1:]])
    line = f"signing.loads(value, salt={SALT!r})"
    try:
        loaded = signing.loads(forged, salt=SALT)
    except signing.BadSignature as error:
        return Outcome(
            lines=[line],
            result=_(
                "Rejected: %(error)s. The signature was made for the original payload with this "
                "site's SECRET_KEY, and it does not match the edited one."
            )
            % {"error": f"BadSignature({str(error)!r})"},
            level=messages.SUCCESS,
            goal_met=True,
        )
    return Outcome(
        lines=[line],
        result=_("Loaded %(value)s: the payload is untouched, so the signature matches.")
        % {"value": repr(loaded)},
    )


ACTIONS = {"tamper": tamper}
