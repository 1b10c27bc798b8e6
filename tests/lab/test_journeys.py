"""The shop and the login on every engine, through the lab's middleware (no shortcuts)."""

import pytest
from django.urls import reverse

from shop.models import Order
from tests.lab.conftest import log_in, stored, use_engine
from tutorial.accounts.models import UserSession
from tutorial.lab import engines


def test_the_shop_journey(client, engine, alice, tea, cake):
    use_engine(client, engine)
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "2"})
    client.post(reverse("shop:cart_add", args=[cake.pk]), {"quantity": "1"})
    assert stored(client, engine)["cart"] == {str(tea.pk): 2, str(cake.pk): 1}

    client.post(reverse("shop:cart_update", args=[tea.pk]), {"quantity": "3"})
    client.post(reverse("shop:cart_remove", args=[cake.pk]))
    assert stored(client, engine)["cart"] == {str(tea.pk): 3}
    page = client.get(reverse("shop:cart")).content.decode()
    assert "Bubble tea" in page

    assert client.get(reverse("shop:checkout")).status_code == 302  # to the login page
    log_in(client)
    assert stored(client, engine)["cart"] == {str(tea.pk): 3}, "the cart survives the login"
    assert client.get(reverse("shop:checkout")).status_code == 200
    response = client.post(reverse("shop:checkout"))
    assert response.status_code == 302
    order = Order.objects.get(user=alice)
    assert [(line.product, line.quantity) for line in order.lines.all()] == [(tea, 3)]
    assert "cart" not in stored(client, engine)


def test_the_login_and_logout_journey(client, engine, alice):
    use_engine(client, engine)
    log_in(client)
    assert stored(client, engine)["_auth_user_id"] == str(alice.pk)
    page = client.get(reverse("account"))
    assert page.status_code == 200
    assert page.context["user"] == alice
    records = UserSession.objects.filter(user=alice)
    if engine == "signed_cookies":
        assert not records.exists(), "nothing on the server to record"
    else:
        assert [record.engine for record in records] == [engines.path_of(engine)]

    client.post(reverse("logout"))
    assert "_auth_user_id" not in stored(client, engine)
    assert client.get(reverse("account")).status_code == 302
    assert not UserSession.objects.filter(user=alice).exists()


@pytest.mark.parametrize("other", ["db", "file"])
def test_ending_a_session_in_another_engine_from_your_sessions_page(client, alice, other):
    """A user's sessions may live in different engines: each is ended in its own."""
    from django.test import Client

    phone = Client()
    use_engine(phone, other)
    log_in(phone)
    use_engine(client, "cache")
    log_in(client)
    record = UserSession.objects.get(engine__endswith=other)
    client.post(reverse("end_session", args=[record.pk]))
    assert phone.get(reverse("account")).status_code == 302, "the phone is logged out"
    assert client.get(reverse("account")).status_code == 200


def test_the_inspector_reads_each_engine_chosen_in_the_lab(client, engine, tea):
    use_engine(client, engine)
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "2"})
    state = client.get(reverse("inspector:state")).json()["session"]
    assert state["engine"] == engine
    assert state["status"] == "active"
    assert {item["key"]: item["value"] for item in state["data"]}["cart"] == f'{{"{tea.pk}": 2}}'
    assert client.get(reverse("inspector:page")).status_code == 200


def test_lesson_8_notes_the_engine_chosen_in_the_lab(client, tea):
    from tutorial.lessons import progress

    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    url = reverse("lessons:try", args=["storage-backends", "note_engine"])
    client.post(url)
    client.post(reverse("lab_switch"), {"engine": "file", "data": "bring"})
    client.post(url)
    assert progress.steps(stored(client, "file"), "storage-backends") == set()
    assert "storage-backends" in progress.done(stored(client, "file"))
