"""The home page, the error pages and the headers every response carries."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_in_english(client):
    response = client.get("/", headers={"accept-language": "en"})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "How a website remembers you" in body
    assert "<svg" in body


def test_home_page_in_traditional_chinese(client):
    response = client.get("/", headers={"accept-language": "zh-TW,zh;q=0.9"})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="zh-hant">' in body
    assert "網站怎麼記得你" in body
    assert "How a website remembers you" not in body


def test_language_cookie_wins_over_the_browser_preference(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    body = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert "網站怎麼記得你" in body


def test_switching_language_sets_a_cookie_and_no_session(client, settings):
    response = client.post(reverse("set_language"), {"language": "zh-hant", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hant"
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.count() == 0


def test_reading_the_home_page_creates_no_session(client, settings):
    response = client.get("/")
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.count() == 0


def test_security_headers_on_every_response(client):
    for path in ["/", "/no-such-page/"]:
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_404_page_uses_the_site_layout(client, settings):
    settings.DEBUG = False
    for language, title in [("en", "Page not found"), ("zh-hant", "找不到這個頁面")]:
        response = client.get("/no-such-page/", headers={"accept-language": language})
        assert response.status_code == 404
        body = response.content.decode()
        assert title in body
        assert 'class="site-header"' in body
        assert "css/site.css" in body


def test_csrf_failure_uses_the_site_layout(settings):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "zh-hant"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "This form could not be accepted" in body
    assert 'class="site-header"' in body
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_500_page_renders_without_a_request():
    from django.template.loader import render_to_string

    body = render_to_string("500.html")
    assert "Something went wrong on our side" in body
