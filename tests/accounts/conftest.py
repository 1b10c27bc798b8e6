"""Fixtures for the accounts tests: a learner, a quick password hasher, an empty cache."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

PASSWORD = "correct horse battery staple"
FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0"
CHROME_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Hashing passwords the production way takes most of a second; these tests log in a lot."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """The login throttle and the last-seen marks live in the cache: start every test afresh.

    A key prefix of its own, rather than ``cache.clear()``: on Redis that empties the whole
    database, whoever else's keys are in it.
    """
    default = settings.CACHES["default"]
    prefix = f"{default.get('KEY_PREFIX', '')}-test-{uuid.uuid4().hex}"
    settings.CACHES = {**settings.CACHES, "default": {**default, "KEY_PREFIX": prefix}}


@pytest.fixture
def alice(db):
    return get_user_model().objects.create_user("alice", password=PASSWORD)


def log_in(client, username="alice", password=PASSWORD, follow=False, headers=None, **data):
    """Log in through the real login form, as a browser would."""
    return client.post(
        reverse("login"),
        {"username": username, "password": password, **data},
        follow=follow,
        headers=headers,
    )


@pytest.fixture
def device():
    """A browser of its own (a Django test client with its own cookies), logged in as alice."""

    def make(user_agent=CHROME_LINUX, **extra):
        client = Client(headers={"user-agent": user_agent}, **extra)
        response = log_in(client)
        assert response.status_code == 302, "the login failed"
        return client

    return make
