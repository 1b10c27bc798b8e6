from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.backends.file import SessionStore as FileSessionStore
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory, override_settings

ENGINES = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
    "file": "django.contrib.sessions.backends.file",
    "signed_cookies": "django.contrib.sessions.backends.signed_cookies",
}


def forget_file_storage_path():
    """The file engine remembers its directory on the class; make it read the setting again."""
    if "_storage_path" in vars(FileSessionStore):
        del FileSessionStore._storage_path


@pytest.fixture(params=list(ENGINES))
def engine(request, tmp_path):
    """Each of Django's five session engines in turn; file sessions in a fresh directory."""
    with override_settings(SESSION_ENGINE=ENGINES[request.param], SESSION_FILE_PATH=str(tmp_path)):
        forget_file_storage_path()
        yield request.param
    forget_file_storage_path()


@pytest.fixture
def store_class(engine):
    return import_module(ENGINES[engine]).SessionStore


def request_for(key=None, path="/"):
    """A GET request carrying ``key`` as its session cookie, as SessionMiddleware prepares it."""
    request = RequestFactory().get(path)
    if key is not None:
        request.COOKIES[settings.SESSION_COOKIE_NAME] = key
    SessionMiddleware(lambda request: None).process_request(request)
    return request


def cache_keys():
    """Every key in the default cache (local memory, or this run's prefix in Redis)."""
    cache = caches["default"]
    if isinstance(cache, LocMemCache):
        with cache._lock:
            return set(cache._cache)
    client = cache._cache.get_client()
    return {key.decode() for key in client.scan_iter(f"{cache.key_prefix}:*")}
