"""Logging in and out on the session: key rotation, the cart, remember me, next, failures."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.accounts.conftest import PASSWORD, log_in

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.urls")]


def session_key(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def whoami(client):
    return client.get("/test/whoami/").json()


def test_login_rotates_the_session_key_and_the_old_key_no_longer_loads(client, alice):
    client.post("/test/cart/")
    anonymous_key = session_key(client)

    response = log_in(client)

    assert response.status_code == 302
    logged_in_key = session_key(client)
    assert logged_in_key != anonymous_key
    assert SessionStore(anonymous_key).load() == {}
    assert not Session.objects.filter(session_key=anonymous_key).exists()
    assert SessionStore(logged_in_key).load()["_auth_user_id"] == str(alice.pk)


def test_the_anonymous_cart_survives_login(client, alice):
    client.post("/test/cart/")
    assert whoami(client) == {"user": "", "cart": {"1": 2}}

    log_in(client)

    assert whoami(client) == {"user": "alice", "cart": {"1": 2}}


def test_the_page_after_login_shows_the_old_and_new_key(client, alice, settings):
    settings.INSPECTOR_REVEAL_COOKIE = False  # the inspector panel would show the whole cookie
    client.post("/test/cart/")
    old = session_key(client)

    response = log_in(client, follow=True)

    new = session_key(client)
    body = response.content.decode()
    assert f"{old[:8]}… → {new[:8]}…" in body
    assert old not in body, "only the short forms are shown"
    assert new not in body


def test_login_without_a_session_says_a_new_one_was_started(client, alice):
    body = log_in(client, follow=True).content.decode()
    assert "You had no session yet" in body
    assert f"{session_key(client)[:8]}…" in body


def test_logout_flushes_and_replaying_the_old_cookie_is_anonymous_with_no_cart(client, alice):
    client.post("/test/cart/")
    log_in(client)
    logged_in_key = session_key(client)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.cookies[settings.SESSION_COOKIE_NAME].value == ""  # The browser forgets it.
    assert not Session.objects.filter(session_key=logged_in_key).exists()

    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = logged_in_key
    assert whoami(replay) == {"user": "", "cart": {}}
    assert replay.get(reverse("account")).status_code == 302


def test_logout_is_post_only(client, alice):
    log_in(client)
    assert client.get(reverse("logout")).status_code == 405
    assert whoami(client)["user"] == "alice"


def test_without_remember_me_the_cookie_dies_with_the_browser(client, alice):
    response = log_in(client)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    assert "Max-Age" not in cookie.output()
    assert "expires" not in cookie.output().lower()
    # The server-side record still expires: two weeks after the last save.
    record = Session.objects.get(session_key=cookie.value)
    assert SessionStore(cookie.value).get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert record.expire_date is not None


def test_with_remember_me_the_cookie_lasts_the_session_age(client, alice):
    response = log_in(client, remember_me="on")

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == 1209600
    assert "Max-Age=1209600" in cookie.output()


def test_remember_me_overrides_a_browser_close_expiry_set_before_login(client, alice):
    client.post("/test/cart/")
    session = client.session
    session.set_expiry(0)
    session.save()

    cookie = log_in(client, remember_me="on").cookies[settings.SESSION_COOKIE_NAME]

    assert cookie["max-age"] == settings.SESSION_COOKIE_AGE


def test_a_failed_login_says_nothing_specific_and_creates_no_session(alice):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))  # The CSRF token comes in its own cookie, not in a session.
    token = client.cookies[settings.CSRF_COOKIE_NAME].value

    for username in ["alice", "nobody"]:
        response = client.post(
            reverse("login"),
            {"username": username, "password": "wrong", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()
        assert settings.SESSION_COOKIE_NAME not in response.cookies

    assert Session.objects.count() == 0


def test_the_login_page_creates_no_session(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.count() == 0


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, alice):
    for _ in range(5):
        response = log_in(client, password="wrong")
        assert "Please enter a correct username and password" in response.content.decode()

    response = log_in(client)

    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()
    assert whoami(client)["user"] == ""
    assert Session.objects.count() == 0


def test_four_failures_then_the_right_password_logs_in_and_clears_the_count(client, alice):
    for _ in range(4):
        log_in(client, password="wrong")
    assert log_in(client).status_code == 302
    client.post(reverse("logout"))

    for _ in range(4):
        log_in(client, password="wrong")
    assert log_in(client).status_code == 302, "the success reset the count"


def test_the_throttle_counts_per_username_and_address(client, alice):
    for _ in range(5):
        log_in(client, password="wrong")
    assert "Too many failed attempts" in log_in(client).content.decode()
    # The same username from another address, and another username from this one, still work.
    assert log_in(Client(REMOTE_ADDR="192.0.2.7")).status_code == 302
    assert "Too many" not in log_in(client, username="bob").content.decode()
    # Usernames are compared case-insensitively, so "ALICE" does not get five fresh guesses.
    assert "Too many failed attempts" in log_in(client, username="ALICE").content.decode()


def test_the_throttle_uses_the_proxy_header_only_when_trusted(client, alice, settings):
    for _ in range(5):
        log_in(client, password="wrong")
    spoofed = {"x-forwarded-for": "198.51.100.9"}
    assert "Too many failed attempts" in log_in(client, headers=spoofed).content.decode()

    settings.ACCOUNTS_CLIENT_IP_HEADER = "X-Forwarded-For"
    assert log_in(client, headers=spoofed).status_code == 302


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "http://testserver.evil.example/"]
)
def test_next_to_another_site_is_ignored(client, alice, next_url):
    response = log_in(client, next=next_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("account")


def test_next_on_this_site_is_followed(client, alice):
    response = log_in(client, next="/test/whoami/?x=1")
    assert response["Location"] == "/test/whoami/?x=1"


def test_a_logged_in_visitor_of_the_login_page_goes_to_the_account_page(client, alice):
    log_in(client)
    response = client.get(reverse("login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("account")


def test_the_login_page_shows_the_demo_learners_only_in_local_mode(client, db, settings):
    assert "alice-sessions" in client.get(reverse("login")).content.decode()
    settings.PRODUCTION = True
    body = client.get(reverse("login")).content.decode()
    assert "alice-sessions" not in body
    assert "Demo learners" not in body


def test_signup_logs_in_and_rotates_the_key(client, db):
    client.post("/test/cart/")
    old = session_key(client)
    response = client.post(
        reverse("signup"),
        {"username": "carol", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("account")
    assert whoami(client) == {"user": "carol", "cart": {"1": 2}}
    assert f"{old[:8]}… → {session_key(client)[:8]}…" in response.content.decode()


def test_signup_rejects_bad_input_and_changes_nothing(client, alice):
    response = client.post(
        reverse("signup"), {"username": "ALICE", "password1": "x", "password2": "y"}
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert Session.objects.count() == 0


def test_signup_ignores_next_to_another_site(client, db):
    response = client.post(
        reverse("signup"),
        {"username": "dave", "password1": PASSWORD, "password2": PASSWORD, "next": "//evil.x"},
    )
    assert response["Location"] == reverse("account")


def test_the_header_offers_log_in_or_the_account_and_log_out(client, alice):
    body = client.get("/").content.decode()
    assert f'href="{reverse("login")}?next=/"' in body
    log_in(client)
    body = client.get("/").content.decode()
    assert f'href="{reverse("account")}">alice</a>' in body
    assert f'action="{reverse("logout")}" method="post"' in body
