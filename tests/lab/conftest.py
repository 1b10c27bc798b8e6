"""Fixtures for the backend lab: each engine in turn, through the real middleware."""

import os
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.file import SessionStore as FileSessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from tutorial.lab import engines, figures

PASSWORD = "correct horse battery staple"


def forget_file_storage_path():
    """The file engine remembers its directory on the class; make it read the setting again."""
    if "_storage_path" in vars(FileSessionStore):
        del FileSessionStore._storage_path


@pytest.fixture(autouse=True)
def lab_settings(settings, tmp_path):
    """The database engine as the site's default, file sessions in a fresh (not yet existing)
    directory, and a quick password hasher."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.SESSION_FILE_PATH = str(tmp_path / "sessions")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    forget_file_storage_path()
    yield
    forget_file_storage_path()


@pytest.fixture(params=engines.ENGINES)
def engine(request):
    return request.param


@pytest.fixture
def alice(db):
    return get_user_model().objects.create_user("alice", password=PASSWORD)


def use_engine(client, name):
    client.cookies[engines.COOKIE_NAME] = name


def log_in(client, username="alice"):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the login failed"
    return response


def session_key(client):
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie is not None and cookie.value else None


def stored(client, name):
    """The session data the client's cookie names, read from engine ``name`` ({} if none)."""
    key = session_key(client)
    return engines.store_class(name)(key).load() if key else {}


def record_exists(name, key):
    """Whether engine ``name`` still holds a record (row, cache key or file) for ``key``."""
    if name in ("db", "cached_db") and Session.objects.filter(session_key=key).exists():
        return True
    if name in ("cache", "cached_db"):
        prefix = import_module(engines.path_of(name)).KEY_PREFIX
        if cache.get(prefix + key) is not None:
            return True
    if name == "file":
        return os.path.exists(
            os.path.join(settings.SESSION_FILE_PATH, settings.SESSION_COOKIE_NAME + key)
        )
    return False


def figures_of(client):
    """The lab's figures cookie, read as the lab page reads it."""
    cookie = client.cookies.get(figures.COOKIE_NAME)
    request = RequestFactory().get("/")
    if cookie is not None:
        request.COOKIES[figures.COOKIE_NAME] = cookie.value
    return figures.read(request)
