"""Ending logins: a password change ends the other sessions; a login has an absolute lifetime."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.accounts.conftest import FIREFOX_ANDROID, PASSWORD
from tutorial.accounts.lifetime import LOGIN_TIME_KEY
from tutorial.accounts.models import UserSession

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-Passw0rd"


def key_of(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def is_logged_in(client):
    return client.get(reverse("account")).status_code == 200


def change_password(client, old=PASSWORD, new=NEW_PASSWORD):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_password_change_keeps_this_session_and_ends_the_others(device, alice):
    laptop, phone = device(), device(FIREFOX_ANDROID)
    old_key = key_of(laptop)

    response = change_password(laptop)

    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    assert key_of(laptop) != old_key, "update_session_auth_hash() rotates the key"
    done = laptop.get(reverse("password_change_done")).content.decode()
    assert f"{old_key[:8]}… → {key_of(laptop)[:8]}…" in done
    assert is_logged_in(laptop)
    assert not is_logged_in(phone)


def test_the_others_are_gone_from_the_list_at_once(device, alice):
    laptop, _ = device(), device(FIREFOX_ANDROID)
    change_password(laptop)
    records = laptop.get(reverse("account")).context["records"]
    assert [record.session_key for record in records] == [key_of(laptop)]
    assert UserSession.objects.count() == 1


def test_a_wrong_old_password_changes_nothing(device, alice):
    laptop, phone = device(), device(FIREFOX_ANDROID)
    old_key = key_of(laptop)
    response = change_password(laptop, old="not it")
    assert response.status_code == 200
    assert key_of(laptop) == old_key
    assert is_logged_in(phone)


def test_the_password_pages_need_a_login(client, db):
    for name in ["password_change", "password_change_done"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.fixture
def clock(monkeypatch):
    """Move Django's clock (``timezone.now()``, which the session store also uses)."""
    real_now = timezone.now

    def move(**delta):
        later = real_now() + timedelta(**delta)
        monkeypatch.setattr(timezone, "now", lambda: later)

    return move


def test_the_login_time_is_stored_in_the_session_under_a_plain_name(device, alice):
    laptop = device()
    stored = laptop.session[LOGIN_TIME_KEY]
    assert LOGIN_TIME_KEY == "login_time"
    assert abs(timezone.now() - timezone.datetime.fromisoformat(stored)) < timedelta(minutes=1)


def test_a_login_ends_after_its_absolute_lifetime_however_active(device, alice, clock):
    laptop = device()
    key = key_of(laptop)

    clock(hours=11, minutes=59)
    assert is_logged_in(laptop)  # A busy user: the session is saved, its idle timeout restarts.
    laptop.get("/")

    clock(hours=12, minutes=1)
    response = laptop.get(reverse("account"), follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "a login lasts at most 12\xa0hours here" in response.content.decode()
    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.exists()


def test_the_lifetime_is_a_setting(device, alice, clock, settings):
    settings.ACCOUNTS_LOGIN_LIFETIME = 30 * 60
    laptop = device()
    clock(minutes=31)
    response = laptop.get(reverse("account"), follow=True)
    assert "a login lasts at most 30\xa0minutes here" in response.content.decode()
    assert not is_logged_in(laptop)


def test_a_login_without_a_valid_login_time_is_ended(device, alice):
    for bad_value in [None, "yesterday", 12345, "2025-01-01T00:00:00"]:  # The last one is naive.
        laptop = device()
        session = laptop.session
        if bad_value is None:
            del session[LOGIN_TIME_KEY]
        else:
            session[LOGIN_TIME_KEY] = bad_value
        session.save()
        response = laptop.get(reverse("account"), follow=True)
        assert response.status_code == 200
        assert "did not record when you logged in" in response.content.decode()
        assert not is_logged_in(laptop)


def test_logged_in_pages_say_no_store(device, alice, client):
    laptop = device()
    for path in ["/", reverse("account"), reverse("password_change")]:
        assert "no-store" in laptop.get(path)["Cache-Control"]
    assert "no-store" not in client.get("/").get("Cache-Control", "")
