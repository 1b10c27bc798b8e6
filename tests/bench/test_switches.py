"""The switches the benchmark uses: the inspector off by a setting, bare views by a URLconf."""

import json

import pytest
from django.test import override_settings

from tests.servers import manage, site_env

pytestmark = pytest.mark.django_db


def test_the_panel_is_on_by_default_and_off_by_the_setting(client):
    assert 'data-view="panel"' in client.get("/").content.decode()
    with override_settings(INSPECTOR=False):
        page = client.get("/").content.decode()
    assert 'data-view="panel"' not in page
    assert "<main" in page


def test_the_environment_switch_removes_the_timeline_middleware(tmp_path):
    script = "from django.conf import settings; import json; print(json.dumps(settings.MIDDLEWARE))"
    timeline = "tutorial.inspector.middleware.SessionTimelineMiddleware"

    def middleware(**env):
        output = manage("shell", "-c", script, env=site_env(SESSIONLAB_VAR_DIR=tmp_path, **env))
        return json.loads(output.strip().splitlines()[-1])

    on, off = middleware(), middleware(SESSIONLAB_INSPECTOR="0")
    assert timeline in on
    assert timeline not in off
    assert [name for name in on if name != timeline] == off


@pytest.mark.urls("bench.bare_urls")
def test_the_bare_views_only_read_and_write_the_session(client):
    assert client.get("/bench/read/").json() == {"keys": 0}
    assert client.get("/bench/write/").status_code == 405
    assert client.post("/bench/write/").status_code == 302
    assert client.post("/bench/write/").status_code == 302
    assert client.session["bench"] == 2
    assert client.get("/bench/read/").json() == {"keys": 1}
    assert client.get("/shop/").status_code == 200  # the site itself is all there too


def test_the_site_does_not_ship_the_bare_views(client):
    assert client.get("/bench/read/").status_code == 404
