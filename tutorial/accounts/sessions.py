"""The session store, seen from outside a request: load, end and name a session by its key.

A request has its own session in ``request.session``. To look at *another* session (a user's
phone, seen from their laptop) we open it the way ``SessionMiddleware`` does: through the
``SessionStore`` of the engine that keeps it, so the same code works for the database, the cache,
``cached_db`` and files.

Which engine is that? Usually ``settings.SESSION_ENGINE``, but the backend lab lets each learner
move their own session to another engine, so one user's sessions may live in several. Each
``UserSession`` row therefore names its engine (the module path, as ``SESSION_ENGINE`` does), and
the functions below take it; left out, it means the site's ``SESSION_ENGINE``.
"""

import os
from importlib import import_module

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieStore
from django.utils.crypto import constant_time_compare, salted_hmac


def session_store_class(engine=""):
    """The ``SessionStore`` of ``engine`` (a module path), else of ``settings.SESSION_ENGINE``."""
    if engine == "django.contrib.sessions.backends.file":
        # The file engine refuses to start without its directory (git-ignored, under var/).
        os.makedirs(settings.SESSION_FILE_PATH, exist_ok=True)
    return import_module(engine or settings.SESSION_ENGINE).SessionStore


def engine_of(session):
    """The engine of a session object, as a module path: what ``UserSession.engine`` records."""
    return type(session).__module__


def stored_on_server(session=None):
    """Whether this session (else the site's sessions) lives on the server, where it can be
    deleted without its browser.

    With the signed-cookies engine the whole session is in the browser's cookie: there is no
    record to list or delete, and "the session key" changes on every save.
    """
    store = type(session) if session is not None else session_store_class()
    return not issubclass(store, SignedCookieStore)


def load(session_key, engine=""):
    """The data of the session with this key, or ``{}`` when it is gone or has expired."""
    return session_store_class(engine)(session_key).load()


def delete(session_key, engine=""):
    """End a session in the store: its browser's next request finds nothing and is anonymous."""
    session_store_class(engine)(session_key).delete()


def is_logged_in_as(data, user):
    """Whether session data still logs ``user`` in, checked the way ``auth.get_user()`` does.

    A session stops logging its user in when it expires, is deleted or flushed, or when the
    password changes: the password hash stored in it at login no longer matches.
    """
    if data.get(SESSION_KEY) != user._meta.pk.value_to_string(user):
        return False
    stored_hash = data.get(HASH_SESSION_KEY) or ""
    return any(
        constant_time_compare(stored_hash, expected)
        for expected in (user.get_session_auth_hash(), *user.get_session_auth_fallback_hash())
    )


def short_key(session_key):
    """The first characters of a key: enough to recognise it on the page, not to use it."""
    return f"{session_key[:8]}…" if session_key else ""


def log_id(session_key):
    """A short salted hash that tells sessions apart in the logs without revealing the key.

    A session key is a password for the session: whoever reads it in a log file can paste it
    into a cookie and be that user. The hash is keyed with ``SECRET_KEY``, so it cannot be
    reversed, or recomputed by someone who only has the logs.
    """
    if not session_key:
        return "-"
    return salted_hmac("tutorial.accounts.sessions.log_id", session_key).hexdigest()[:12]
