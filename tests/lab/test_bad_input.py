"""Bad engine cookies, unknown keys and corrupt records: an empty session, never a 500."""

import os

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.lab.conftest import session_key, stored, use_engine
from tutorial.lab import engines


@pytest.mark.parametrize("value", ["", "redis", "DB", "db;", "../file", "x" * 4000, "signed"])
def test_an_unknown_engine_cookie_means_the_default(client, tea, value):
    use_engine(client, value)
    response = client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    assert response.status_code == 302
    key = session_key(client)
    assert Session.objects.filter(session_key=key).exists(), "stored by the default engine"
    page = client.get(reverse("lab")).content.decode()
    assert "Your session is stored by <code>db</code>" in page


def test_a_key_the_chosen_store_does_not_have_is_a_fresh_empty_session(client, engine, tea):
    use_engine(client, engine)
    client.cookies[settings.SESSION_COOKIE_NAME] = "abcdefghijklmnopqrstuvwxyz012345"
    response = client.get(reverse("shop:cart"))
    assert response.status_code == 200
    assert "Your cart is empty." in response.content.decode()
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    assert session_key(client) != "abcdefghijklmnopqrstuvwxyz012345"
    assert stored(client, engine) == {"cart": {str(tea.pk): 1}}


def test_a_key_from_another_engine_is_not_found_in_this_one(client, tea):
    """A db key presented to the signed-cookie engine, and a signed cookie to the db engine."""
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    use_engine(client, "signed_cookies")
    assert "Your cart is empty." in client.get(reverse("shop:cart")).content.decode()
    client.cookies[settings.SESSION_COOKIE_NAME] = "eyJjYXJ0Ijp7fX0:1u:abc"
    use_engine(client, "db")
    assert client.get(reverse("shop:cart")).status_code == 200


def plant_then_corrupt(client, engine, tea):
    use_engine(client, engine)
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    return session_key(client)


@pytest.mark.parametrize(
    ("contents", "logged"),
    [
        (b"not a session", "Session data corrupted"),
        (b"\xff\xfe\x00binary", "Unreadable session record"),
        (b"", ""),
    ],
)
def test_a_corrupt_file_is_an_empty_session_and_is_logged(client, tea, caplog, contents, logged):
    key = plant_then_corrupt(client, "file", tea)
    path = os.path.join(settings.SESSION_FILE_PATH, settings.SESSION_COOKIE_NAME + key)
    with open(path, "wb") as session_file:
        session_file.write(contents)
    response = client.get(reverse("shop:cart"))
    assert response.status_code == 200
    assert "Your cart is empty." in response.content.decode()
    assert logged in caplog.text
    assert client.get(reverse("lab")).status_code == 200
    assert client.get(reverse("inspector:page")).status_code == 200
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "2"})
    assert stored(client, "file") == {"cart": {str(tea.pk): 2}}


@pytest.mark.parametrize("engine", ["db", "cached_db"])
def test_a_corrupt_row_is_an_empty_session_and_is_logged(client, tea, caplog, engine):
    key = plant_then_corrupt(client, engine, tea)
    Session.objects.filter(session_key=key).update(session_data="garbage:that:is-not-signed")
    from django.core.cache import cache

    cache.clear()  # cached_db would otherwise answer from its copy
    response = client.get(reverse("shop:cart"))
    assert response.status_code == 200
    assert "Your cart is empty." in response.content.decode()
    assert "Session data corrupted" in caplog.text
    assert client.get(reverse("inspector:page")).status_code == 200
    assert client.get(reverse("lab")).status_code == 200


def test_a_tampered_signed_cookie_is_an_empty_session(client, tea):
    key = plant_then_corrupt(client, "signed_cookies", tea)
    client.cookies[settings.SESSION_COOKIE_NAME] = key[:-3] + "abc"
    response = client.get(reverse("shop:cart"))
    assert response.status_code == 200
    assert "Your cart is empty." in response.content.decode()


def test_a_forged_figures_cookie_is_ignored(client, tea):
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    client.cookies["sessionlab_figures"] = '{"db":{"server":1,"cookie":1,"queries":999}}'
    page = client.get(reverse("lab")).content.decode()
    assert ">999<" not in page
    assert engines.COOKIE_NAME not in client.cookies
