"""Real server processes for the tests that need more than Django's in-process test client:
production mode under gunicorn, and several processes sharing one session store."""

import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_SECRET_KEY = "production-test-key-" + "k3y" * 15


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(**overrides):
    """The environment of a server process: this one's, minus the test runner's own markers."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"PYTEST_VERSION", "PYTEST_CURRENT_TEST"}
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env["DJANGO_SETTINGS_MODULE"] = "tutorial.settings"
    env.update({key: str(value) for key, value in overrides.items() if value is not None})
    for key in [key for key, value in overrides.items() if value is None]:
        env.pop(key, None)
    return env


def production_env(folder, **overrides):
    """Production mode behind a TLS proxy, with its own SQLite and static files in `folder`."""
    return site_env(
        **{
            "DJANGO_ENV": "production",
            "DJANGO_SECRET_KEY": PRODUCTION_SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
            "SESSIONLAB_VAR_DIR": folder / "var",
            "DJANGO_STATIC_ROOT": folder / "static",
            "DATABASE_URL": None,
            "REDIS_URL": None,
            **overrides,
        }
    )


def manage(*args, env):
    """Run a management command in a fresh interpreter with the given environment."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


@contextlib.contextmanager
def gunicorn(env, workers=1, log=None):
    """Serve the site under gunicorn on a free loopback port; yields the port.

    The server's output goes to the file `log` (a temporary file by default), never to a pipe
    that nobody reads: a full pipe would block the server mid-request.
    """
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "-c", "python:tutorial.gunicorn_conf",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "tutorial.wsgi",
    ]  # fmt: skip
    with contextlib.ExitStack() as stack:
        output = stack.enter_context(
            open(log, "w+") if log else tempfile.TemporaryFile("w+")  # noqa: SIM115
        )
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, text=True
        )
        try:
            wait_for_port(port, process, output)
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for_port(port, process, output, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output.seek(0)
            raise RuntimeError(f"server exited early:\n{output.read()}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    raise RuntimeError(f"server did not listen on {port} within {timeout}s")


class Browserless:
    """A tiny HTTP client with a cookie jar, for talking to a real server process.

    It keeps cookies by name (enough for one site on one host) and can present itself as
    arriving over HTTPS through a proxy, the way the production settings expect.
    """

    def __init__(self, port, https_proxy_header=True):
        self.port = port
        self.cookies = {}
        self.https_proxy_header = https_proxy_header

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        all_headers = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.https_proxy_header:
            all_headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            all_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        response.body = response.read()
        connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value in {"", '""'} or "Max-Age=0" in header:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    def form_post(self, path, data, page=None):
        """POST a form the way a browser does: with the CSRF token from the cookie and a
        same-origin Referer (required for HTTPS). Visits `page` first if no token is held yet."""
        if not self.csrf_token():
            self.request("GET", page or path)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf_token()})
        referer = f"https://127.0.0.1:{self.port}{page or path}"
        return self.request("POST", path, body=body, headers={"Referer": referer})

    def csrf_token(self):
        return next((v for k, v in self.cookies.items() if k.endswith("csrftoken")), None)

    def session_key(self):
        return next((v for k, v in self.cookies.items() if k.endswith("sessionid")), None)


def product_ids(html):
    """The product ids on the menu page, from its add-to-cart forms."""
    return [int(found) for found in re.findall(r'action="/shop/cart/add/(\d+)/"', html)]
