"""The lab's comparison table: what *this* session cost in each engine it has been in.

Measured at the end of each request that used the session, after SessionMiddleware saved it:
the bytes the engine keeps on the server, the bytes of the cookie the browser now holds, and
the database queries the session made in this request.

Where to keep them? Not in the session: the figures are known only after the session is saved,
too late to go into it; writing them would change the very sizes being measured; and with the
signed-cookie engine every extra byte travels with each request. So they live in a small cookie
of their own, signed so that the page shows only what this server measured (about 300 bytes;
set only when a figure changed, never for a visitor without a session).
"""

import json
import os
import pickle

from django.conf import settings
from django.core import signing

from tutorial.lab import engines, queries

COOKIE_NAME = "sessionlab_figures"
SALT = "tutorial.lab.figures"


def read(request):
    """``{engine: {"server": bytes, "cookie": bytes, "queries": n}}`` from the cookie; {} if
    it is missing, forged or malformed."""
    try:
        figures = json.loads(request.get_signed_cookie(COOKIE_NAME, salt=SALT))
    except (KeyError, signing.BadSignature, ValueError, TypeError):
        return {}
    if not isinstance(figures, dict):
        return {}
    return {
        name: figures[name]
        for name in engines.ENGINES
        if isinstance(figures.get(name), dict)
        and all(type(figures[name].get(field)) is int for field in ("server", "cookie", "queries"))
    }


def server_bytes(session, data):
    """The bytes the engine keeps on the server for ``data``, encoded as the engine does it."""
    name = engines.name_of(session)
    if name == "signed_cookies":
        return 0
    if name == "file":
        try:
            return os.path.getsize(session._key_to_file())
        except (OSError, ValueError):
            return len(session.encode(data))
    # The cache engines keep the dictionary itself, pickled by the cache backend.
    cached = len(pickle.dumps(data, pickle.HIGHEST_PROTOCOL))
    if name == "cache":
        return cached
    row = len(session.encode(data))
    return row + cached if name == "cached_db" else row


def measure(session):
    """This request's figures for ``session``, or None if it has no record or was not used."""
    key = session.session_key
    if not key or not session.accessed or engines.name_of(session) == "":
        return None
    data = getattr(session, "_session_cache", None)
    if data is None:
        return None
    return {
        "server": server_bytes(session, data),
        "cookie": len(f"{settings.SESSION_COOKIE_NAME}={key}".encode()),
        "queries": queries.counted(session) or 0,
    }


def note(request, response):
    """Update the figures cookie with this request's measurements, if they changed."""
    session = getattr(request, "session", None)
    figures = measure(session) if session is not None else None
    if figures is None:
        return
    known = read(request)
    name = engines.name_of(session)
    if known.get(name) == figures:
        return
    known[name] = figures
    response.set_signed_cookie(
        COOKIE_NAME,
        json.dumps(known, separators=(",", ":")),
        salt=SALT,
        max_age=engines.COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE or None,
        httponly=True,
        samesite="Lax",
    )
