"""The timeline: what the last requests did to one session, kept beside it in the cache.

Not in the session itself, which would change what the inspector shows and save the session on
requests that didn't; not in the database, because the middleware that writes it must add no
query. One cache entry per session holds its last ``SIZE`` events. The entry is keyed by a salted
hash of the session key, so the cache never holds a usable key; it moves with the session when
the key changes (``login()`` rotates it), and lasts as long as a session can.

Two requests of one session finishing at the same instant may both append to the same old list,
and one event is lost: acceptable for a teaching aid, and the price of taking no lock.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

SIZE = 20
SALT = "tutorial.inspector.timeline"


def cache_key(session_key):
    return "inspector:timeline:" + salted_hmac(SALT, session_key).hexdigest()


def read(session_key):
    """The recorded events of this session, newest first."""
    return list(reversed(cache.get(cache_key(session_key), [])))


def record(event, *, old_key, new_key):
    """Append ``event`` to the timeline of ``old_key`` and keep the result under ``new_key``."""
    events = cache.get(cache_key(old_key), []) if old_key else []
    events = [*events, event][-SIZE:]
    cache.set(cache_key(new_key), events, timeout=settings.SESSION_COOKIE_AGE)
    if old_key and old_key != new_key:
        cache.delete(cache_key(old_key))
