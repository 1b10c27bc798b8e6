"""The snapshot reads each engine's real storage, read-only, and does its expiry arithmetic from
what is stored (not from get_expiry_age())."""

import json
import os
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cache import SessionStore as CacheSessionStore
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.cache import caches
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import timezone

from tests.inspector.conftest import cache_keys, request_for
from tutorial.inspector import snapshot
from tutorial.inspector.snapshot import shorten, take

pytestmark = pytest.mark.django_db

AGE = settings.SESSION_COOKIE_AGE
SERVER_SIDE = {"db", "cache", "cached_db", "file"}


def saved(store_class, data, expiry="unset"):
    """Store ``data`` as the engine would at the end of a request; return the session key."""
    store = store_class()
    store.update(data)
    if expiry != "unset":
        store.set_expiry(expiry)
    store.save()
    return store.session_key


def close_to(moment, expected, seconds=3):
    return abs((moment - expected).total_seconds()) <= seconds


def test_no_cookie_means_no_session(engine):
    snap = take(request_for())
    assert snap.status == snapshot.NONE
    assert snap.engine == engine
    assert snap.data == []
    assert snap.expiry is None
    assert snap.timeline == []
    assert snap.cookie.received is False
    assert snap.cookie.value == ""


def test_reads_the_stored_data_of_each_engine(store_class, engine):
    key = saved(store_class, {"cart": {"1": 2}, "_auth_user_id": "7"})
    request = request_for(key)
    snap = take(request)

    assert snap.status == snapshot.ACTIVE
    assert snap.engine == engine
    assert {item.key: json.loads(item.value) for item in snap.data} == {
        "cart": {"1": 2},
        "_auth_user_id": "7",
    }
    # Reserved keys come first and are explained.
    assert snap.data[0].key == "_auth_user_id"
    assert snap.data[0].reserved
    assert "logged in" in snap.data[0].note
    # Reading touched nothing of the request's session.
    assert request.session.accessed is False
    assert request.session.modified is False


def test_record_of_the_database_engine_is_the_row(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.INSPECTOR_REVEAL_COOKIE = True
    key = saved(request_for().session.__class__, {"a": 1})
    row = Session.objects.get(session_key=key)
    snap = take(request_for(key))
    assert snap.record == {
        "table": "django_session",
        "session_key": key,
        "session_data": row.session_data,
        "expire_date": row.expire_date,
    }
    assert snap.expiry.server_expires == row.expire_date


def test_record_of_the_cache_engine_is_the_cache_entry(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    settings.INSPECTOR_REVEAL_COOKIE = False
    key = saved(CacheSessionStore, {"a": 1})
    record = take(request_for(key)).record
    assert record["cache_key"] == "django.contrib.sessions.cache" + shorten(key)
    assert record["present"] is True
    assert record["ttl_note"] == ""
    assert close_to(record["expires"], timezone.now() + timedelta(seconds=AGE))


def test_cached_db_reports_both_copies_and_whether_they_agree(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    store_class = request_for().session.__class__
    key = saved(store_class, {"a": 1})
    snap = take(request_for(key))
    assert snap.record["agreement"] == "agree"
    assert snap.record["db"]["session_data"] is not None
    assert snap.record["cache"]["present"] is True

    caches[settings.SESSION_CACHE_ALIAS].delete(store_class.cache_key_prefix + key)
    snap = take(request_for(key))
    assert snap.status == snapshot.ACTIVE  # the row is still there
    assert snap.record["agreement"] == "cache_empty"
    # The snapshot did not refill the cache, as the engine's own load() would have.
    assert caches[settings.SESSION_CACHE_ALIAS].get(store_class.cache_key_prefix + key) is None


@pytest.mark.parametrize("engine", ["file"], indirect=True)
def test_record_of_the_file_engine_is_the_file(engine, store_class):
    key = saved(store_class, {"a": 1})
    path = os.path.join(settings.SESSION_FILE_PATH, settings.SESSION_COOKIE_NAME + key)
    with override_settings(INSPECTOR_REVEAL_COOKIE=False):
        record = take(request_for(key)).record
    with open(path) as handle:
        assert record["contents"] == handle.read()
    assert record["size"] == os.path.getsize(path)
    assert record["path"].endswith(shorten(key))


@pytest.mark.parametrize("engine", ["signed_cookies"], indirect=True)
def test_record_of_the_signed_cookie_engine_is_the_cookie_itself(engine, store_class):
    key = saved(store_class, {"cart": {"1": 2}})
    payload, _stamp, signature = key.rsplit(":", 2)
    with override_settings(INSPECTOR_REVEAL_COOKIE=False):
        record = take(request_for(key)).record
    assert record["payload"] == payload
    assert json.loads(record["json"]) == {"cart": {"1": 2}}
    assert close_to(record["timestamp"], timezone.now())
    assert record["signature"] == shorten(signature)


@pytest.mark.parametrize("engine", ["signed_cookies"], indirect=True)
def test_a_tampered_signed_cookie_is_invalid_and_left_alone(engine, store_class):
    key = saved(store_class, {"is_admin": False})
    payload, stamp, signature = key.rsplit(":", 2)
    forged = f"{payload[:-2]}xx:{stamp}:{signature}"
    request = request_for(forged)
    snap = take(request)
    assert snap.status == snapshot.INVALID
    assert snap.data == []
    # The engine's own load() would have marked the session for a new cookie.
    assert request.session.modified is False


def test_the_engine_comes_from_the_session_object_not_the_settings(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    key = saved(CacheSessionStore, {"a": 1})
    request = request_for(key)
    request.session = CacheSessionStore(key)  # as a per-learner engine switch would
    snap = take(request)
    assert snap.engine == "cache"
    assert snap.status == snapshot.ACTIVE


@pytest.mark.parametrize("engine", sorted(SERVER_SIDE), indirect=True)
def test_missing_record(engine, store_class):
    key = saved(store_class, {"a": 1})
    store_class(key).delete()
    snap = take(request_for(key))
    assert snap.status == snapshot.MISSING
    assert snap.data == []


# --- Expiry arithmetic -------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ["default", 30, 0, "datetime"])
def test_expiry_arithmetic(store_class, engine, rule):
    now = timezone.now()
    fixed = (now + timedelta(hours=1)).replace(microsecond=0)
    expiry = {"default": "unset", 30: 30, 0: 0, "datetime": fixed}[rule]
    key = saved(store_class, {"a": 1}, expiry)
    snap = take(request_for(key))
    clocks = snap.expiry

    # The rule, as stored in _session_expiry.
    assert clocks.rule == {"default": "default", 30: "seconds", 0: "browser_close"}.get(
        rule, "date"
    )
    # The cookie, as SessionMiddleware set it at this save.
    if rule == 0:
        assert clocks.cookie_at_browser_close is True
        assert clocks.cookie_max_age is None
    elif rule == "datetime":
        assert clocks.cookie_expires == fixed
    else:
        seconds = AGE if rule == "default" else 30
        assert clocks.cookie_max_age == seconds
        assert close_to(clocks.cookie_expires, now + timedelta(seconds=seconds))

    # The server's record, from what the store holds.
    expected = {
        "default": now + timedelta(seconds=AGE),
        30: now + timedelta(seconds=30),
        0: now + timedelta(seconds=AGE),
        "datetime": fixed,
    }[rule]
    if engine == "signed_cookies":
        # The server accepts the cookie for SESSION_COOKIE_AGE whatever set_expiry() said.
        assert close_to(clocks.server_expires, now + timedelta(seconds=AGE))
        assert clocks.server_note == "signed_age"
    elif engine == "file" and rule == 30:
        # Django's file engine never finds a number-of-seconds expiry expired.
        assert clocks.server_expires is None
        assert clocks.server_note == "file_number"
    else:
        assert close_to(clocks.server_expires, expected)
        assert close_to(timezone.now() + timedelta(seconds=snap.remaining), expected)


def test_remaining_time_comes_from_the_row_not_from_the_configured_age(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    store_class = request_for().session.__class__
    key = saved(store_class, {"a": 1}, 30)
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + timedelta(seconds=10)
    )
    snap = take(request_for(key))
    assert 8 <= snap.remaining <= 10  # get_expiry_age() would still answer 30
    assert store_class(key).get_expiry_age() == 30


@pytest.mark.parametrize("engine", ["file"], indirect=True)
def test_remaining_time_of_a_file_session_counts_from_its_modification_time(engine, store_class):
    key = saved(store_class, {"a": 1})
    path = os.path.join(settings.SESSION_FILE_PATH, settings.SESSION_COOKIE_NAME + key)
    an_hour_ago = timezone.now().timestamp() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))
    snap = take(request_for(key))
    assert AGE - 3603 <= snap.remaining <= AGE - 3597


@pytest.mark.parametrize("engine", ["signed_cookies"], indirect=True)
def test_remaining_time_of_a_signed_cookie_counts_from_its_timestamp(
    engine, store_class, monkeypatch
):
    an_hour_ago = timezone.now().timestamp() - 3600
    monkeypatch.setattr(signing.time, "time", lambda: an_hour_ago)
    key = saved(store_class, {"a": 1})
    monkeypatch.undo()
    snap = take(request_for(key))
    assert AGE - 3603 <= snap.remaining <= AGE - 3597


def test_expired_records(engine, store_class, monkeypatch):
    """Each engine's record past its end is reported expired (or missing, for a cache)."""
    long_ago = timezone.now().timestamp() - AGE - 60
    if engine == "signed_cookies":
        monkeypatch.setattr(signing.time, "time", lambda: long_ago)
    key = saved(store_class, {"a": 1})
    monkeypatch.undo()
    if engine in ("db", "cached_db"):
        Session.objects.filter(session_key=key).update(
            expire_date=timezone.now() - timedelta(seconds=1)
        )
    if engine == "cached_db":
        caches["default"].delete(store_class.cache_key_prefix + key)
    if engine == "cache":
        store_class(key).delete()  # a cache forgets an entry when its time runs out
    if engine == "file":
        path = os.path.join(settings.SESSION_FILE_PATH, settings.SESSION_COOKIE_NAME + key)
        os.utime(path, (long_ago, long_ago))
    files_before = sorted(os.listdir(settings.SESSION_FILE_PATH))

    snap = take(request_for(key))

    assert snap.status == (snapshot.MISSING if engine == "cache" else snapshot.EXPIRED)
    assert snap.data == []
    # Django's file engine replaces an expired file with a new session when it loads one; the
    # snapshot must not.
    assert sorted(os.listdir(settings.SESSION_FILE_PATH)) == files_before


# --- The cookie --------------------------------------------------------------------------------


def test_cookie_value_is_masked_unless_revealing_is_allowed(store_class, engine):
    key = saved(store_class, {"a": 1})
    with override_settings(INSPECTOR_REVEAL_COOKIE=False):
        snap = take(request_for(key))
        assert snap.cookie.value == shorten(key)
        assert snap.cookie.masked
        assert snap.key == shorten(key)
        assert key not in json.dumps(snap.as_json())
        if engine != "signed_cookies":  # a signed cookie's payload is the data, not the key
            assert key[4:-4] not in json.dumps(snap.as_json())
    with override_settings(INSPECTOR_REVEAL_COOKIE=True):
        snap = take(request_for(key))
        assert snap.cookie.value == key
        assert not snap.cookie.masked
    assert snap.cookie.length == len(key)
    assert snap.cookie.size == len(f"{settings.SESSION_COOKIE_NAME}={key}".encode())
    assert snap.cookie.limit == 4096


def test_cookie_attributes_as_the_server_sets_them(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.SESSION_COOKIE_SECURE = True
    settings.SESSION_COOKIE_SAMESITE = "Strict"
    store_class = request_for().session.__class__
    attributes = {a.name: a for a in take(request_for(saved(store_class, {}))).cookie.attributes}
    assert attributes["HttpOnly"].header == "HttpOnly"
    assert "JavaScript" in attributes["HttpOnly"].note
    assert attributes["Secure"].header == "Secure"
    assert attributes["SameSite"].header == "SameSite=Strict"
    assert attributes["Path"].header == "Path=/"
    assert attributes["Domain"].header == ""
    assert attributes["Max-Age"].header == f"Max-Age={AGE}"

    key = saved(store_class, {}, 0)
    attributes = {a.name: a for a in take(request_for(key)).cookie.attributes}
    assert attributes["Max-Age"].header == ""  # until the browser closes
    assert "browser closes" in attributes["Max-Age"].note


@pytest.mark.parametrize("engine", sorted(SERVER_SIDE), indirect=True)
def test_a_cookie_no_session_key_could_match_never_reaches_the_store(
    engine, django_assert_num_queries
):
    keys_before = cache_keys()
    with django_assert_num_queries(0):
        snap = take(request_for("../../etc/passwd\x00' OR 1=1"))
    assert snap.status == snapshot.INVALID
    assert cache_keys() == keys_before


def test_unknown_engine_is_reported_not_guessed():
    from django.contrib.sessions.backends.base import SessionBase

    class Homemade(SessionBase):
        def load(self):
            raise AssertionError("the snapshot must not load the session")

    request = request_for("x" * 32)
    request.session = Homemade("x" * 32)
    snap = take(request)
    assert snap.status == snapshot.UNSUPPORTED
    assert snap.engine == ""


@pytest.mark.parametrize("engine", ["file"], indirect=True)
def test_file_engine_keeps_a_number_expiry_forever_and_the_snapshot_says_so(engine, store_class):
    """What the inspector reports is Django's own behaviour, checked here against the engine."""
    key = saved(store_class, {"a": 1}, 1)
    path = os.path.join(settings.SESSION_FILE_PATH, settings.SESSION_COOKIE_NAME + key)
    an_hour_ago = timezone.now().timestamp() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))

    snap = take(request_for(key))
    assert snap.status == snapshot.ACTIVE
    assert snap.expiry.server_note == "file_number"
    assert store_class(key).load() == {"a": 1, "_session_expiry": 1}


@pytest.mark.parametrize("engine", ["db", "file", "signed_cookies"], indirect=True)
@pytest.mark.parametrize("garbage", ["next tuesday", [30], True])
def test_an_unreadable_expiry_is_reported_not_a_crash(engine, store_class, garbage):
    """Stored by hand: Django itself refuses to save most of these."""
    data = {"a": 1, "_session_expiry": garbage}
    key = saved(store_class, {"a": 1})
    store = store_class()
    if engine == "db":
        Session.objects.filter(session_key=key).update(session_data=store.encode(data))
    elif engine == "file":
        path = os.path.join(settings.SESSION_FILE_PATH, settings.SESSION_COOKIE_NAME + key)
        with open(path, "w") as handle:
            handle.write(store.encode(data))
    else:
        key = signing.dumps(
            data, salt=snapshot.SIGNED_COOKIE_SALT, serializer=store.serializer, compress=True
        )

    snap = take(request_for(key))
    assert snap.status in (snapshot.ACTIVE, snapshot.INVALID)
    if snap.expiry is not None:
        assert snap.expiry.rule == "unknown"
        assert snap.expiry.cookie_max_age is None
        attributes = {a.name: a for a in snap.cookie.attributes}
        assert attributes["Max-Age"].header == ""
    for template in ["inspector/_page_body.html", "inspector/_panel_body.html"]:
        assert "data-status" in render_to_string(template, {"snapshot": snap})
