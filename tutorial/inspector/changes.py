"""What a request did to a session: the one comparison behind the timeline and the toolbar panel."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext_lazy as _

from tutorial.inspector.snapshot import shorten

LABELS = {
    "created": _("Session created"),
    "rotated": _("Key rotated"),
    "flushed": _("Flushed"),
    "expired": _("Found expired"),
    "added": _("Added"),
    "changed": _("Changed"),
    "removed": _("Removed"),
    "expiry": _("Expiry changed"),
    "saved": _("Saved again: the expiry moved"),
}
VALUE_LIMIT = 200


def as_text(value):
    """A value as its JSON, cut short enough to keep a timeline of twenty events small."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, cls=DjangoJSONEncoder)
    return text if len(text) <= VALUE_LIMIT else text[: VALUE_LIMIT - 1] + "…"


def between(
    before_key,
    before_data,
    after_key,
    after_data,
    *,
    flushed=False,
    found_expired=False,
    rotates=True,
):
    """The changes from one state of a session to the next, in the order they happened.

    Each change is a small dict with a ``kind`` (a key of LABELS). Session keys are shortened;
    values are JSON text. ``before_data`` is None when the request changed the session without
    reading it first (a bare ``flush()``): then only what happened to the key can be told.
    ``rotates`` is False for the signed-cookie engine, whose "key" is the cookie itself and
    changes on every save without being rotated. A save that changed nothing else (the session
    was marked modified, or SESSION_SAVE_EVERY_REQUEST is on) is reported by the caller.
    """
    changes = []
    if found_expired and before_key:
        changes.append({"kind": "expired", "key": shorten(before_key)})
    if flushed and before_key:
        changes.append({"kind": "flushed", "key": shorten(before_key)})
    if after_key and after_key != before_key:
        if before_key and rotates and not (flushed or found_expired):
            changes.append(
                {"kind": "rotated", "before": shorten(before_key), "after": shorten(after_key)}
            )
        elif not before_key or flushed or found_expired:
            changes.append({"kind": "created", "key": shorten(after_key)})
    if before_data is None or after_data is None:
        return changes

    for key in sorted(before_data.keys() | after_data.keys()):
        if key == "_session_expiry":
            continue
        if key not in before_data:
            changes.append({"kind": "added", "key": key, "after": as_text(after_data[key])})
        elif key not in after_data:
            changes.append({"kind": "removed", "key": key, "before": as_text(before_data[key])})
        elif before_data[key] != after_data[key]:
            changes.append(
                {
                    "kind": "changed",
                    "key": key,
                    "before": as_text(before_data[key]),
                    "after": as_text(after_data[key]),
                }
            )
    expiry_before = before_data.get("_session_expiry")
    expiry_after = after_data.get("_session_expiry")
    if expiry_before != expiry_after:
        changes.append({"kind": "expiry", "before": expiry_before, "after": expiry_after})
    return changes
