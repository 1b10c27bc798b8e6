"""Query budgets, with the database session engine (see conftest's ``db_sessions``).

``django_assert_num_queries`` counts every statement, and Django saves a session inside
``transaction.atomic()``: within the test's own transaction that adds a SAVEPOINT and a RELEASE
around the session's write. The exact counts below include them; ``data_queries`` shows that
what is left is exactly the budget.
"""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.shop.helpers import data_queries, plant_cart, stored_cart

pytestmark = pytest.mark.django_db


def tables(queries):
    """Which table each statement reads or writes, in order: ``["django_session", ...]``."""
    names = ["django_session", "shop_product"]
    return [next(name for name in names if f'"{name}"' in sql) for sql in queries]


def test_menu_for_a_visitor_with_a_session_costs_two_queries(
    client, tea, cake, django_assert_num_queries
):
    plant_cart(client, {str(tea.pk): 1})
    with django_assert_num_queries(2) as captured:
        response = client.get(reverse("shop:menu"))
    assert response.status_code == 200
    assert tables(data_queries(captured)) == ["django_session", "shop_product"]


def test_menu_for_a_visitor_without_a_session_costs_one_query_and_creates_nothing(
    client, tea, settings, django_assert_num_queries
):
    with django_assert_num_queries(1):  # the products; the header's count reads no session
        response = client.get(reverse("shop:menu"))
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.count() == 0


def test_the_cart_page_costs_two_queries(client, tea, cake, noodles, django_assert_num_queries):
    plant_cart(client, {str(tea.pk): 1, str(cake.pk): 2, str(noodles.pk): 3})
    with django_assert_num_queries(2) as captured:
        response = client.get(reverse("shop:cart"))
    assert response.context["cart"].count == 6
    assert tables(data_queries(captured)) == ["django_session", "shop_product"]


def test_the_cart_page_with_nothing_in_it_costs_at_most_one_query(
    client, django_assert_num_queries
):
    plant_cart(client, {})
    with django_assert_num_queries(1):  # the session; no products to look up
        client.get(reverse("shop:cart"))


def test_add_to_cart_costs_three_queries(client, tea, cake, django_assert_num_queries):
    plant_cart(client, {str(cake.pk): 1})
    with django_assert_num_queries(5) as captured:  # 3 queries + SAVEPOINT and RELEASE
        client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    queries = data_queries(captured)
    assert tables(queries) == ["django_session", "shop_product", "django_session"]
    assert queries[-1].startswith("UPDATE")
    assert stored_cart(client) == {str(cake.pk): 1, str(tea.pk): 1}


def test_the_first_add_creates_the_session_in_three_queries(client, tea, django_assert_num_queries):
    with django_assert_num_queries(5) as captured:  # 3 queries + SAVEPOINT and RELEASE
        client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    queries = data_queries(captured)
    # The product, then a check that the new random key is free, then the new row.
    assert tables(queries) == ["shop_product", "django_session", "django_session"]
    assert queries[-1].startswith("INSERT")
    assert Session.objects.count() == 1


def test_the_header_count_costs_no_query_of_its_own(client, tea, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get(reverse("home"))
    plant_cart(client, {str(tea.pk): 2})
    with django_assert_num_queries(1) as captured:  # loading the session, nothing more
        client.get(reverse("home"))
    assert tables(data_queries(captured)) == ["django_session"]
