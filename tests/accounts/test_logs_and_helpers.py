"""Logs without session keys, the small helpers, and the demo learners."""

import logging
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from tests.accounts.conftest import CHROME_LINUX, FIREFOX_ANDROID
from tutorial.accounts import demo, sessions
from tutorial.accounts.clients import client_ip, describe_browser
from tutorial.accounts.models import UserSession


@pytest.mark.django_db
def test_logs_never_contain_a_raw_session_key(device, alice, caplog, settings):
    caplog.set_level(logging.INFO)
    laptop, phone = device(), device(FIREFOX_ANDROID)
    keys = [laptop.cookies[settings.SESSION_COOKIE_NAME].value]
    keys.append(phone.cookies[settings.SESSION_COOKIE_NAME].value)
    record = UserSession.objects.get(session_key=keys[1])
    laptop.post(reverse("end_session", args=[record.pk]))
    laptop.post(reverse("logout"))

    assert caplog.records, "the login, the revocation and the logout are logged"
    for key in keys:
        assert key not in caplog.text
        assert sessions.log_id(key) in caplog.text


def test_log_ids_are_short_stable_and_salted(settings):
    key = "abcdefghijklmnopqrstuvwxyz012345"
    assert sessions.log_id(key) == sessions.log_id(key)
    assert len(sessions.log_id(key)) == 12
    assert key[:8] not in sessions.log_id(key)
    before = sessions.log_id(key)
    settings.SECRET_KEY = "another secret key, another salt, for this test only......."
    assert sessions.log_id(key) != before
    assert sessions.log_id(None) == "-"


@pytest.mark.parametrize(
    ("user_agent", "expected"),
    [
        (CHROME_LINUX, "Chrome on Linux"),
        (FIREFOX_ANDROID, "Firefox on Android"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari on iOS",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
            "Edge on Windows",
        ),
        ("curl/8.5.0", "curl"),
        ("", "Unknown browser"),
        ("\x00<script>", "Unknown browser"),
    ],
)
def test_describe_browser(user_agent, expected):
    assert describe_browser(user_agent) == expected


@pytest.mark.parametrize(
    ("trusted_header", "meta", "expected"),
    [
        (None, {"REMOTE_ADDR": "203.0.113.5"}, "203.0.113.5"),
        (None, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "10.0.0.1"),
        (
            "X-Forwarded-For",
            {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.5"},
            "203.0.113.5",
        ),
        ("X-Forwarded-For", {"REMOTE_ADDR": "10.0.0.1"}, "10.0.0.1"),
        ("X-Real-IP", {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "2001:db8::1"}, "2001:db8::1"),
        ("X-Forwarded-For", {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "nonsense"}, None),
        (None, {"REMOTE_ADDR": ""}, None),
    ],
)
def test_client_ip(settings, trusted_header, meta, expected):
    settings.ACCOUNTS_CLIENT_IP_HEADER = trusted_header
    request = RequestFactory().get("/", **meta)
    assert client_ip(request) == expected


@pytest.mark.django_db
def test_demo_learners_are_created_once_and_can_log_in(client):
    demo.load(StringIO())
    demo.load(StringIO())
    users = get_user_model().objects.filter(username__in=["alice", "bob"])
    assert users.count() == 2
    for username, password in demo.LEARNERS:
        assert client.login(username=username, password=password)


@pytest.mark.django_db
def test_demo_learners_get_their_advertised_password_back(client):
    demo.load(StringIO())
    alice = get_user_model().objects.get(username="alice")
    alice.set_password("changed on the password page")
    alice.save()
    demo.load(StringIO())
    assert client.login(username="alice", password="alice-sessions")


@pytest.mark.django_db
def test_no_demo_learners_in_production(settings):
    settings.PRODUCTION = True
    demo.load(StringIO())
    assert not get_user_model().objects.exists()
