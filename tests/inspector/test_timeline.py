"""The timeline middleware: what each request did to its session, kept in the cache."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.inspector.conftest import cache_keys
from tutorial.inspector import timeline
from tutorial.inspector.snapshot import shorten

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.inspector.urls")]

TIMELINE = "tutorial.inspector.middleware.SessionTimelineMiddleware"


def key_of(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_adding_to_the_cart_records_the_key_change(client):
    client.post("/lab/cart/1/")
    key = key_of(client)
    client.post("/lab/cart/1/")

    latest, first = timeline.read(key)
    assert first["changes"] == [
        {"kind": "created", "key": shorten(key)},
        {"kind": "added", "key": "cart", "after": '{"1": 1}'},
    ]
    assert latest["changes"] == [
        {"kind": "changed", "key": "cart", "before": '{"1": 1}', "after": '{"1": 2}'}
    ]
    assert (latest["method"], latest["path"], latest["status"]) == ("POST", "/lab/cart/1/", 302)
    # The Set-Cookie header as sent, with the value shortened.
    assert latest["set_cookie"].startswith(f"{settings.SESSION_COOKIE_NAME}={shorten(key)}; ")
    assert "HttpOnly" in latest["set_cookie"]
    assert "Max-Age=" in latest["set_cookie"]
    assert key not in latest["set_cookie"]


def test_logging_in_rotates_the_key_and_the_timeline_moves_with_it(client, django_user_model):
    django_user_model.objects.create_user("mei")
    client.post("/lab/cart/1/")
    old = key_of(client)
    client.post("/lab/login/", {"username": "mei"})
    new = key_of(client)

    assert new != old
    login, cart = timeline.read(new)  # carried over from the old key
    assert login["changes"][0] == {"kind": "rotated", "before": shorten(old), "after": shorten(new)}
    assert [change["key"] for change in login["changes"][1:]] == [
        "_auth_user_backend",
        "_auth_user_hash",
        "_auth_user_id",
        "login_time",  # stamped by the accounts app, for the absolute login lifetime
    ]
    assert cart["changes"][1]["key"] == "cart"
    assert timeline.read(old) == []  # moved, not copied


def test_logging_out_records_a_flush(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("mei"))
    client.post("/lab/cart/1/")
    key = key_of(client)
    client.post("/lab/logout/")

    assert key_of(client) == ""  # the cookie was deleted
    (logout, _) = timeline.read(key)
    assert logout["changes"][0] == {"kind": "flushed", "key": shorten(key)}
    assert {change["key"] for change in logout["changes"][1:]} == {
        "_auth_user_backend",
        "_auth_user_hash",
        "_auth_user_id",
        "cart",
        "login_time",
    }
    assert {change["kind"] for change in logout["changes"][1:]} == {"removed"}
    assert logout["set_cookie"].startswith(
        f'{settings.SESSION_COOKIE_NAME}=""; expires=Thu, 01 Jan'
    )


def test_cycle_key_removal_and_expiry(client):
    client.post("/lab/set/", {"key": "colour", "value": '"green"'})
    old = key_of(client)
    client.post("/lab/cycle/")
    new = key_of(client)
    client.post("/lab/delete/", {"key": "colour"})
    client.post("/lab/expiry/", {"value": "30"})

    expiry, removed, rotated, _ = timeline.read(new)
    assert rotated["changes"] == [
        {"kind": "rotated", "before": shorten(old), "after": shorten(new)}
    ]
    assert removed["changes"] == [{"kind": "removed", "key": "colour", "before": '"green"'}]
    assert expiry["changes"] == [{"kind": "expiry", "before": None, "after": 30}]


def test_a_session_found_expired_is_recorded_before_the_new_one(client):
    client.post("/lab/cart/1/")
    old = key_of(client)
    Session.objects.filter(session_key=old).update(expire_date=timezone.now())
    client.post("/lab/cart/1/")
    new = key_of(client)

    assert new != old
    assert timeline.read(new)[0]["changes"] == [
        {"kind": "expired", "key": shorten(old)},
        {"kind": "created", "key": shorten(new)},
        {"kind": "added", "key": "cart", "after": '{"1": 1}'},
    ]


def test_plain_reads_and_the_inspector_record_nothing(client):
    client.post("/lab/cart/1/")
    key = key_of(client)
    for path in ["/lab/read/", "/inspector/state/", "/inspector/", "/", "/lab/"]:
        response = client.get(path)
        assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert len(timeline.read(key)) == 1


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies")
def test_a_signed_cookie_changes_on_every_save_without_being_rotated(client):
    client.post("/lab/cart/1/")
    client.post("/lab/cart/1/")
    latest, first = timeline.read(key_of(client))
    assert [change["kind"] for change in first["changes"]] == ["created", "added"]
    assert [change["kind"] for change in latest["changes"]] == ["changed"]


def test_the_timeline_keeps_the_last_twenty_events(client):
    for _ in range(timeline.SIZE + 5):
        client.post("/lab/cart/1/")
    events = timeline.read(key_of(client))
    assert len(events) == timeline.SIZE
    assert events[0]["changes"][0]["after"] == '{"1": 25}'


def test_the_cache_holds_no_session_key(client):
    client.post("/lab/cart/1/")
    key = key_of(client)
    assert any(cache_key.endswith(timeline.cache_key(key)) for cache_key in cache_keys())
    assert not any(key in cache_key for cache_key in cache_keys())


def test_a_failure_to_record_never_breaks_the_request(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(timeline, "record", broken)
    response = client.post("/lab/cart/1/")
    assert response.status_code == 302
    assert client.get("/lab/read/").content == b'{"1": 1}'


def test_the_middleware_adds_no_query(django_user_model, django_assert_num_queries):
    django_user_model.objects.create_user("mei")
    steps = [
        ("post", "/lab/cart/1/", {}),  # creates the session
        ("post", "/lab/cart/1/", {}),  # changes it
        ("post", "/lab/login/", {"username": "mei"}),  # rotates the key
        ("get", "/lab/read/", {}),  # reads it
        ("get", "/inspector/state/", {}),  # the inspector's poll
        ("post", "/lab/expiry/", {"value": "30"}),
        ("post", "/lab/logout/", {}),  # flushes it
    ]
    without = [m for m in settings.MIDDLEWARE if m != TIMELINE]
    assert len(without) == len(settings.MIDDLEWARE) - 1

    baseline = []
    with override_settings(MIDDLEWARE=without):
        client = Client()
        for method, path, data in steps:
            with CaptureQueriesContext(connection) as queries:
                getattr(client, method)(path, data)
            baseline.append(len(queries))

    client = Client()
    for (method, path, data), expected in zip(steps, baseline, strict=True):
        with django_assert_num_queries(expected):
            getattr(client, method)(path, data)
