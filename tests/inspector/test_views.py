"""The full page and the JSON endpoint: read-only, private to each visitor, cheap to poll."""

import os

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from tests.inspector.conftest import cache_keys, request_for
from tutorial.inspector.snapshot import take

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.inspector.urls")]

STATE = "/inspector/state/"
COOKIE = settings.SESSION_COOKIE_NAME


def key_of(client):
    return client.cookies[COOKIE].value


def test_a_hundred_polls_without_a_session_leave_no_trace(client, engine):
    keys_before = cache_keys()
    files_before = os.listdir(settings.SESSION_FILE_PATH)
    etag = None
    for poll in range(100):
        # Half the polls as the JavaScript makes them, half as a bot would.
        headers = {"If-None-Match": etag} if etag and poll % 2 else {}
        response = client.get(STATE, headers=headers)
        assert response.status_code == (304 if headers else 200)
        assert COOKIE not in response.cookies
        etag = response.headers["ETag"]
    assert response.status_code == 304 or response.json()["status"] == "none"
    assert Session.objects.count() == 0
    assert cache_keys() - keys_before == set()
    assert os.listdir(settings.SESSION_FILE_PATH) == files_before
    assert COOKIE not in client.cookies


def test_the_full_page_creates_no_session(client, engine):
    keys_before = cache_keys()
    for _ in range(10):
        response = client.get("/inspector/")
        assert response.status_code == 200
        assert COOKIE not in response.cookies
    assert Session.objects.count() == 0
    assert cache_keys() - keys_before == set()
    assert "No ticket yet: nothing has been stored" in response.content.decode()


def test_polling_never_saves_or_extends_a_session(client, engine):
    client.post("/lab/set/", {"key": "colour", "value": '"green"'})
    key = key_of(client)
    before = take(request_for(key))
    etag = None
    for _ in range(20):
        response = client.get(STATE, headers={"If-None-Match": etag} if etag else {})
        assert COOKIE not in response.cookies
        etag = response.headers["ETag"]
    after = take(request_for(key))
    assert after.expiry.server_expires == before.expiry.server_expires
    assert after.record == before.record
    if engine in ("db", "cached_db"):
        assert Session.objects.get().expire_date == before.record.get(
            "expire_date", before.record.get("db", {}).get("expire_date")
        )


def test_another_visitors_session_is_never_reachable(client):
    victim = Client()
    victim.post("/lab/set/", {"key": "secret", "value": '"the victim\'s secret"'})
    key = key_of(victim)

    attempts = [
        client.get(STATE, {"session_key": key, COOKIE: key, "key": key}),
        client.get(STATE, headers={"X-Session-Key": key, "Authorization": f"Session {key}"}),
        client.get(STATE, {"view": key}),
        client.get("/inspector/", {"session_key": key}),
        client.get(f"/inspector/state/{key}/"),
        client.get(f"/inspector/{key}/"),
    ]
    for response in attempts:
        # (The key itself may come back: the site echoes its own URL in the language form.)
        assert response.status_code in (200, 404)
        assert "victim" not in response.content.decode()
    assert attempts[0].json()["status"] == "none"
    assert attempts[0].json()["session"]["record"] == {}
    assert COOKIE not in client.cookies


def test_the_state_endpoint_answers_304_when_nothing_changed(client):
    client.post("/lab/cart/1/")
    first = client.get(STATE)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "no-store"
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')

    again = client.get(STATE, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == "no-store"

    client.post("/lab/cart/1/")
    changed = client.get(STATE, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert changed.json()["session"]["data"][0]["value"] == '{"1": 2}'
    assert "{&quot;1&quot;: 2}" in changed.json()["html"]


def test_the_etag_depends_on_the_language_and_the_view(client):
    client.post("/lab/cart/1/")
    english = client.get(STATE, headers={"Accept-Language": "en"})
    chinese = client.get(STATE, headers={"Accept-Language": "zh-hant"})
    page = client.get(STATE, {"view": "page"}, headers={"Accept-Language": "en"})
    assert len({english.headers["ETag"], chinese.headers["ETag"], page.headers["ETag"]}) == 3
    assert "購物車" in chinese.json()["html"] or "工作階段" in chinese.json()["html"]


def test_the_state_json(client):
    client.post("/lab/cart/1/")
    state = client.get(STATE).json()
    assert state["status"] == "active"
    assert isinstance(state["now"], int)
    assert state["announcement"] == (
        "Session active, 1 key stored. Last change: Session created, Added cart."
    )
    assert 'data-key="cart"' in state["html"]
    assert state["session"]["expiry"]["server_expires"]
    page = client.get(STATE, {"view": "page"}).json()
    assert "The cabinet: what the server stores" in page["html"]


def test_the_state_endpoint_is_read_only(client):
    assert client.post(STATE).status_code == 405
    assert client.post("/inspector/").status_code == 405
    assert client.head(STATE).status_code == 200


def test_budget_one_query_for_a_session_none_without(client, settings, django_assert_num_queries):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    with django_assert_num_queries(0):
        client.get(STATE)
    client.post("/lab/cart/1/")
    with django_assert_num_queries(1):
        response = client.get(STATE)
    with django_assert_num_queries(1):
        client.get(STATE, headers={"If-None-Match": response.headers["ETag"]})
    with django_assert_num_queries(1):
        client.get(STATE, {"view": "page"})


def test_budget_for_cached_db_is_one_query_too(client, settings, django_assert_num_queries):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.post("/lab/cart/1/")
    with django_assert_num_queries(1):
        client.get(STATE)


def test_a_masked_cookie_never_leaves_the_server(client, engine, settings):
    settings.INSPECTOR_REVEAL_COOKIE = False
    client.post("/lab/cart/1/")
    client.post("/lab/cart/1/")
    key = key_of(client)
    middle = key[4:-4] if engine != "signed_cookies" else key.rsplit(":", 1)[1][4:-4]
    for response in [
        client.get(STATE),
        client.get(STATE, {"view": "page"}),
        client.get("/inspector/"),
        client.get("/lab/"),
    ]:
        assert middle not in response.content.decode()


def test_the_full_value_is_shown_where_revealing_is_allowed(client, settings):
    settings.INSPECTOR_REVEAL_COOKIE = True
    client.post("/lab/cart/1/")
    assert key_of(client) in client.get("/inspector/").content.decode()
