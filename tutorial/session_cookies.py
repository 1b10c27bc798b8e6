"""How big the session cookie is, and would be: the signed-cookie engine's 4 KB ceiling.

With ``signed_cookies`` the whole session travels in the cookie, and a browser keeps at most
4096 bytes of ``name=value`` for one cookie (RFC 6265, section 6.1). A bigger cookie is not
refused with an error: the browser silently drops it, and the learner's last change (or the
whole session) vanishes. So the shop measures before it adds, and the inspector warns early.

The size is computed honestly: by encoding the data exactly as the engine will
(``SessionStore._get_session_key``: JSON, zlib-compressed, signed), not by guessing.
"""

from django.conf import settings
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieStore

#: Browsers keep at most this many bytes of "name=value" per cookie.
COOKIE_SIZE_LIMIT = 4096
#: From here on, the inspector and the cart page warn that the cookie is getting full.
COOKIE_SIZE_WARNING = 3072


def in_cookie(session):
    """Whether this session is kept in its cookie (the signed-cookies engine)."""
    return isinstance(session, SignedCookieStore)


def size_with(session, data):
    """The bytes of ``name=value`` the session cookie would have if the session held ``data``."""
    store = type(session)()
    store._session_cache = dict(data)
    value = store._get_session_key()
    return len(f"{settings.SESSION_COOKIE_NAME}={value}".encode())


def size(session):
    """The bytes of the session cookie for what ``session`` holds now (loads the session)."""
    return size_with(session, dict(session.items()))
