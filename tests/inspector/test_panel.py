"""The inspector's faces: the side panel on every page, and the django-debug-toolbar panel."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import RequestFactory

from tutorial.inspector.panels import SessionPanel
from tutorial.inspector.snapshot import shorten

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.inspector.urls")]


def test_a_visitor_without_a_session_sees_the_empty_state_explained(client):
    body = client.get("/").content.decode()
    assert '<aside class="inspector-panel" aria-label="Session inspector"' in body
    assert 'data-state-url="/inspector/state/"' in body
    panel = client.get("/inspector/state/").json()["html"]
    assert "No ticket yet: nothing has been stored" in panel
    assert Session.objects.count() == 0


def test_the_panel_costs_its_page_nothing_and_links_to_the_full_page(
    client, django_assert_num_queries
):
    """The page renders only the panel's frame (and a link, for browsers without JavaScript);
    its script fills it from the state endpoint once the page and its session save are done."""
    client.post("/lab/cart/1/")
    with django_assert_num_queries(1):  # the page's own session load, nothing for the panel
        body = client.get("/lab/").content.decode()
    assert '<a href="/inspector/">Open the session inspector</a>' in body
    assert "data-countdown" not in body


def test_the_panel_shows_the_session_from_the_state_endpoint(client):
    client.post("/lab/cart/1/")
    panel = client.get("/inspector/state/").json()["html"]
    assert 'data-status="active"' in panel
    assert '<code data-key="cart">{&quot;1&quot;: 1}</code>' in panel
    assert "data-countdown" in panel
    assert "Added" in panel  # the latest change, from the timeline


def test_the_panel_is_collapsible_with_a_real_button(client):
    body = client.get("/").content.decode()
    button = re.search(r"<button [^>]*data-inspector-toggle[^>]*>", body).group(0)
    assert 'type="button"' in button
    assert 'aria-expanded="true"' in button
    assert 'aria-controls="inspector-body"' in button
    assert 'id="inspector-body"' in body
    assert 'role="status"' in body


def test_the_full_page_replaces_the_panel(client):
    body = client.get("/inspector/").content.decode()
    assert body.count("data-inspector ") == 1
    assert "inspector-panel" not in body
    assert '<a href="/inspector/" aria-current="page">Inspector</a>' in body
    for section in ["The ticket", "The cabinet", "What it holds", "three clocks", "Timeline"]:
        assert section in body


def test_pages_keep_to_the_content_security_policy(client):
    client.post("/lab/cart/1/")
    for path in ["/", "/inspector/", "/lab/"]:
        body = client.get(path).content.decode()
        assert 'style="' not in body
        assert not re.search(r"<[^>]+\son[a-z]+=", body)
        scripts = re.findall(r"<script[^>]*>", body)
        assert scripts == ['<script type="module" src="/static/js/inspector/main.js">']


def test_the_debug_toolbar_panel_shows_before_after_and_the_diff(settings):
    """The same snapshot, taken before SessionMiddleware and after it saved."""

    def view(request):
        request.session["cart"] = {"1": 1}
        return HttpResponse()

    saved = {}
    # The toolbar's store keeps a panel's stats as JSON: they must survive the round trip.
    store = SimpleNamespace(
        save_panel=lambda request_id, panel_id, data: saved.update(
            {panel_id: json.loads(json.dumps(data))}
        )
    )
    toolbar = SimpleNamespace(stats={}, store=store, request_id="r1")
    panel = SessionPanel(toolbar, SessionMiddleware(view))
    request = RequestFactory().get("/")
    toolbar.request = request

    response = panel.process_request(request)
    panel.generate_stats(request, response)

    stats = panel.get_stats()
    assert saved["SessionPanel"] == stats
    key = response.cookies[settings.SESSION_COOKIE_NAME].value
    assert stats["before"]["status"] == "none"
    assert stats["after"]["status"] == "active"
    assert stats["changes"] == [
        {"kind": "created", "key": shorten(key)},
        {"kind": "added", "key": "cart", "after": '{"1": 1}'},
    ]
    assert panel.nav_subtitle == "changed"
    content = panel.content
    assert "Session created" in content
    assert "cart" in content


@pytest.mark.parametrize(
    ("environment", "registered"),
    [({"DJANGO_DEBUG_TOOLBAR": "1"}, True), ({"DJANGO_DEBUG_TOOLBAR": "0"}, False)],
)
def test_the_toolbar_panel_is_registered_only_with_the_toolbar(tmp_path, environment, registered):
    """Read in a fresh interpreter outside pytest, where the toolbar can be on."""
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print('tutorial.inspector.panels.SessionPanel' in getattr(settings, "
        "'DEBUG_TOOLBAR_PANELS', []))"
    )
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **keep,
            **environment,
            "DJANGO_SETTINGS_MODULE": "tutorial.settings",
            "SESSIONLAB_VAR_DIR": str(tmp_path),
        },
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(registered)
