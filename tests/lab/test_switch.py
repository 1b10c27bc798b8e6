"""Switching engines: with the data or without, and never an orphan record."""

import pytest
from django.urls import reverse

from tests.lab.conftest import log_in, record_exists, session_key, stored, use_engine
from tutorial.accounts.models import UserSession
from tutorial.lab import engines

PAIRS = [(a, b) for a in engines.ENGINES for b in engines.ENGINES if a != b]


def switch(client, target, data="bring"):
    return client.post(reverse("lab_switch"), {"engine": target, "data": data})


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_bringing_the_data_keeps_the_cart_and_the_login(client, alice, tea, source, target):
    use_engine(client, source)
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "2"})
    log_in(client)
    old_key = session_key(client)
    assert record_exists(source, old_key) == (source != "signed_cookies")

    response = switch(client, target)
    assert response.status_code == 302
    assert client.cookies[engines.COOKIE_NAME].value in (target, "")
    new_key = session_key(client)
    assert new_key != old_key
    assert not record_exists(source, old_key), "the old record is deleted"
    data = stored(client, target)
    assert data["cart"] == {str(tea.pk): 2}
    assert data["_auth_user_id"] == str(alice.pk)
    assert client.get(reverse("account")).status_code == 200, "still logged in"
    records = UserSession.objects.filter(user=alice)
    if target == "signed_cookies":
        assert not records.exists()
    else:
        assert [(r.session_key, r.engine) for r in records] == [(new_key, engines.path_of(target))]


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_starting_empty_leaves_nothing_behind(client, alice, tea, source, target):
    use_engine(client, source)
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "2"})
    log_in(client)
    old_key = session_key(client)

    switch(client, target, data="empty")
    assert not record_exists(source, old_key)
    assert session_key(client) is None, "an empty session has no cookie"
    assert not UserSession.objects.exists()
    assert client.get(reverse("account")).status_code == 302, "logged out"
    assert client.cookies[engines.COOKIE_NAME].value in (target, "")
    page = client.get(reverse("lab")).content.decode()
    assert page.count('class="badge"') == 2  # the engine card and its table row
    assert f'<code class="lab-engine-name">{target}</code>' in page.split("badge")[0]


def test_back_to_the_default_engine_drops_the_engine_cookie(client, tea):
    use_engine(client, "file")
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    switch(client, "db")
    assert client.cookies[engines.COOKIE_NAME].value == ""
    assert stored(client, "db")["cart"] == {str(tea.pk): 1}


@pytest.mark.parametrize(
    "data",
    [{"engine": "redis", "data": "bring"}, {"engine": "db", "data": "all"}, {}],
)
def test_a_bad_switch_changes_nothing(client, tea, data):
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    key = session_key(client)
    response = client.post(reverse("lab_switch"), data, follow=True)
    assert response.status_code == 200
    assert "message-error" in response.content.decode()
    assert session_key(client) == key
    assert engines.COOKIE_NAME not in client.cookies


def test_switching_to_the_current_engine_changes_nothing(client, tea):
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    key = session_key(client)
    response = switch(client, "db")
    assert response.status_code == 302
    assert session_key(client) == key


def test_the_switch_is_post_only(client):
    assert client.get(reverse("lab_switch")).status_code == 405


def test_the_lab_page_creates_no_session(client, db):
    from django.contrib.sessions.models import Session

    response = client.get(reverse("lab"))
    assert response.status_code == 200
    assert Session.objects.count() == 0
    assert set(response.cookies) == {"csrftoken"}, "the switch form's CSRF cookie only"
