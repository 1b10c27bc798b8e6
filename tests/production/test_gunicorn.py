"""Production mode as a class would meet it: gunicorn, WhiteNoise, HTTPS behind a proxy.

Real HTTP requests to a real gunicorn process (SQLite in a temporary folder), so that what is
checked is what a browser would receive, headers and cookies included.
"""

import re
import urllib.parse

import pytest

from tests.servers import Browserless, gunicorn, manage, production_env

ADMIN_PASSWORD = "a-long-admin-password-for-tests"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("production")
    env = production_env(folder, DJANGO_SUPERUSER_PASSWORD=ADMIN_PASSWORD)
    manage("migrate", "--noinput", env=env)
    manage("collectstatic", "--noinput", env=env)
    manage("createsuperuser", "--noinput", "--username", "teacher", "--email", "t@e.org", env=env)
    with gunicorn(env, workers=2) as port:
        yield port


def cookie_header(response, name):
    for header in response.headers.get_all("Set-Cookie") or []:
        if header.startswith(name + "="):
            return header
    raise AssertionError(f"no Set-Cookie for {name}: {response.headers.get_all('Set-Cookie')}")


def assert_host_prefixed(header):
    """What the browser demands of a __Host- cookie: Secure, Path=/ and no Domain."""
    attributes = [part.strip().lower() for part in header.split(";")[1:]]
    assert "secure" in attributes
    assert "path=/" in attributes
    assert not any(attribute.startswith("domain=") for attribute in attributes)


def test_plain_http_is_redirected_to_https(server):
    response = Browserless(server, https_proxy_header=False).request("GET", "/")
    assert response.status == 301
    assert response.headers["Location"] == f"https://127.0.0.1:{server}/"


def test_security_headers(server):
    response = Browserless(server).request("GET", "/")
    assert response.status == 200
    hsts = response.headers["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 365 * 24 * 3600
    assert "includeSubDomains" in hsts
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert not re.search(r"\d", response.headers.get("Server", "")), "no version banner"
    assert b"djDebug" not in response.body, "the debug toolbar never runs in production"


def test_csrf_cookie_is_host_prefixed_and_secure(server):
    response = Browserless(server).request("GET", "/")
    header = cookie_header(response, "__Host-csrftoken")
    assert_host_prefixed(header)
    assert "samesite=lax" in header.lower()


def test_session_cookie_is_host_prefixed_secure_and_httponly(server):
    client = Browserless(server)
    client.request("GET", "/admin/login/")
    token = client.cookies["__Host-csrftoken"]
    body = urllib.parse.urlencode(
        {
            "username": "teacher",
            "password": ADMIN_PASSWORD,
            "csrfmiddlewaretoken": token,
            "next": "/admin/",
        }
    )
    response = client.request(
        "POST",
        "/admin/login/",
        body=body,
        headers={"Referer": f"https://127.0.0.1:{server}/admin/login/"},
    )
    assert response.status == 302, response.body[:500]
    header = cookie_header(response, "__Host-sessionid")
    assert_host_prefixed(header)
    assert "httponly" in header.lower()
    assert "samesite=lax" in header.lower()
    assert client.request("GET", "/admin/").status == 200


def test_static_files_are_hashed_compressed_and_cached(server):
    client = Browserless(server)
    page = client.request("GET", "/").body.decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "the stylesheet is served under a hashed name"
    response = client.request("GET", stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]


def test_404_page_without_debug_details(server):
    response = Browserless(server).request("GET", "/no-such-page/")
    assert response.status == 404
    body = response.body.decode()
    assert "Page not found" in body
    assert "Traceback" not in body
    assert "URLconf" not in body
