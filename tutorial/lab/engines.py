"""The five session engines by their short names, and which one serves a request.

The choice is kept in its own small cookie, ``sessionlab_engine``: it cannot live in the session,
because the session cannot be read before we know which engine stores it. The cookie is only a
preference, read through an allow-list: anything else (empty, unknown, garbage) means the site's
``SESSION_ENGINE``, and the worst a forged cookie can do is pick another of the five.
"""

import os
from importlib import import_module

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

#: The cookie that holds the learner's engine choice.
COOKIE_NAME = "sessionlab_engine"
#: A year: the choice is a preference, like the language, not a secret.
COOKIE_AGE = 60 * 60 * 24 * 365

ENGINES = ("db", "cache", "cached_db", "file", "signed_cookies")
PREFIX = "django.contrib.sessions.backends."


def path_of(name):
    """``"file"`` → ``"django.contrib.sessions.backends.file"``."""
    return PREFIX + name


def name_of(session_or_path):
    """The short name of a session's engine (or of an engine's module path); "" if not Django's.

    Read from the class's MRO for a session, so a subclass of a Django engine keeps its name.
    """
    if isinstance(session_or_path, str):
        paths = [session_or_path]
    else:
        paths = [klass.__module__ for klass in type(session_or_path).__mro__]
    for path in paths:
        if path.startswith(PREFIX) and path.removeprefix(PREFIX) in ENGINES:
            return path.removeprefix(PREFIX)
    return ""


def default():
    """The site's engine, by short name ("" if the site uses an engine of its own)."""
    return name_of(settings.SESSION_ENGINE)


def chosen(request):
    """The engine this request's session lives in: the learner's choice if it is one of the
    five, else the site's default."""
    value = request.COOKIES.get(COOKIE_NAME, "")
    return value if value in ENGINES else default()


def store_class(name=""):
    """The ``SessionStore`` class of an engine (the site's default for "")."""
    path = path_of(name) if name in ENGINES else settings.SESSION_ENGINE
    if name == "file":
        # The file engine refuses to start without its directory; it is git-ignored (var/).
        os.makedirs(settings.SESSION_FILE_PATH, exist_ok=True)
    return import_module(path).SessionStore


def store_class_for(request):
    """The ``SessionStore`` class that serves this request, as the lab's middleware picks it."""
    return store_class(chosen(request))


def cache_is_per_process():
    """Whether the cache the cache engines use is local memory: one per server process."""
    return isinstance(caches[settings.SESSION_CACHE_ALIAS], LocMemCache)
