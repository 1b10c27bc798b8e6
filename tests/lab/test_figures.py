"""The comparison table's live figures, measured through the real middleware."""

import pytest
from django.urls import reverse

from tests.lab.conftest import figures_of, session_key, use_engine

# Queries the session makes when a page only reads it: one SELECT, unless a cache answers.
READ_QUERIES = {"db": 1, "cache": 0, "cached_db": 0, "file": 0, "signed_cookies": 0}


def test_a_reading_request_is_measured_per_engine(client, engine, tea):
    use_engine(client, engine)
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    client.get(reverse("shop:cart"))
    figures = figures_of(client)[engine]
    assert figures["queries"] == READ_QUERIES[engine]
    assert figures["cookie"] == len(f"sessionid={session_key(client)}")
    if engine == "signed_cookies":
        assert figures["server"] == 0
    else:
        assert figures["server"] > 0
        assert figures["cookie"] == len("sessionid=") + 32


def test_a_saving_request_in_the_database_counts_its_queries(client, tea):
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    # Load (SELECT), then save: UPDATE.
    assert figures_of(client)["db"]["queries"] == 2


def test_the_lab_page_shows_every_engine_this_session_has_been_in(client, tea):
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    client.post(reverse("lab_switch"), {"engine": "file", "data": "bring"})
    client.get(reverse("shop:cart"))
    page = client.get(reverse("lab")).content.decode()
    assert page.count("not tried yet") == 3
    assert set(figures_of(client)) == {"db", "file"}


def test_a_visitor_without_a_session_gets_no_figures(client, db):
    client.get(reverse("lab"))
    client.get(reverse("shop:menu"))
    assert "sessionlab_figures" not in client.cookies


@pytest.mark.parametrize("poll", ["inspector:state"])
def test_the_inspector_polls_are_not_measured(client, tea, poll):
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    before = client.cookies["sessionlab_figures"].value
    response = client.get(reverse(poll))
    assert "sessionlab_figures" not in response.cookies
    assert client.cookies["sessionlab_figures"].value == before
