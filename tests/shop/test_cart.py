"""The cart module on its own: a request with a real database session, no views."""

import json
from decimal import Decimal

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from shop.cart import MAX_LINES, SESSION_KEY, Cart, CartError
from shop.models import Product
from tests.shop.helpers import make_product

pytestmark = pytest.mark.django_db


def request_with(session):
    request = RequestFactory().get("/")
    request.session = session
    return request


def saved_session(cart_value):
    """A session that an earlier request saved with ``cart_value`` under "cart"."""
    session = SessionStore()
    session[SESSION_KEY] = cart_value
    session.save()
    return SessionStore(session.session_key)


@pytest.fixture
def session():
    return SessionStore()


@pytest.fixture
def cart(session):
    return Cart(request_with(session))


# --- An empty cart --------------------------------------------------------------------------


def test_a_new_cart_is_empty_and_reading_it_costs_nothing(cart, session, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert cart.count == 0
        assert cart.lines == []
        assert cart.total == Decimal(0)
        assert list(cart) == []
    assert not session.modified
    assert session.session_key is None
    assert SESSION_KEY not in session


# --- Adding -----------------------------------------------------------------------------------


def test_add_stores_only_ids_and_quantities(cart, session, tea):
    cart.add(tea, 2)
    assert session[SESSION_KEY] == {str(tea.pk): 2}
    assert session.modified
    # What is stored survives the session's JSON serializer unchanged.
    assert json.loads(json.dumps(session[SESSION_KEY])) == {str(tea.pk): 2}


def test_add_increments_and_keeps_the_order_lines_were_added(cart, tea, cake):
    cart.add(cake)
    cart.add(tea, 3)
    cart.add(cake, 2)
    assert [(line.product, line.quantity) for line in cart] == [(cake, 3), (tea, 3)]
    assert cart.count == 6


def test_add_assigns_a_new_dict_instead_of_changing_the_stored_one(cart, session, tea):
    """Changing the stored dict in place would not mark the session modified (lesson 7)."""
    cart.add(tea)
    before = session[SESSION_KEY]
    session.modified = False
    cart.add(tea)
    assert before == {str(tea.pk): 1}
    assert session[SESSION_KEY] == {str(tea.pk): 2}
    assert session.modified


@pytest.mark.parametrize("quantity", [0, -1, True, "2", 1.0, None])
def test_add_refuses_a_quantity_that_is_not_a_positive_integer(cart, session, tea, quantity):
    with pytest.raises(CartError):
        cart.add(tea, quantity)
    assert SESSION_KEY not in session
    assert not session.modified


def test_add_refuses_to_go_above_99_and_leaves_the_cart_as_it_was(cart, session, tea):
    cart.add(tea, 98)
    session.modified = False
    with pytest.raises(CartError, match="at most 99"):
        cart.add(tea, 2)
    assert session[SESSION_KEY] == {str(tea.pk): 98}
    assert not session.modified
    cart.add(tea, 1)
    assert cart.quantity(tea) == 99


def test_a_withdrawn_product_cannot_be_added(cart, session, withdrawn):
    with pytest.raises(CartError, match="no longer on the menu"):
        cart.add(withdrawn)
    assert SESSION_KEY not in session


def test_at_most_50_different_products(cart, session):
    products = [make_product(f"item-{n}", 10) for n in range(MAX_LINES + 1)]
    for product in products[:MAX_LINES]:
        cart.add(product)
    with pytest.raises(CartError, match="at most 50 different"):
        cart.add(products[-1])
    assert len(session[SESSION_KEY]) == MAX_LINES
    # A product already in the cart can still be added again.
    cart.add(products[0])
    assert cart.quantity(products[0]) == 2


# --- Setting, removing, clearing ------------------------------------------------------------


def test_set_makes_the_quantity_exact(cart, tea):
    cart.add(tea, 5)
    cart.set(tea, 2)
    assert cart.quantity(tea) == 2


def test_set_to_zero_removes_the_line(cart, session, tea, cake):
    cart.add(tea)
    cart.add(cake)
    cart.set(tea, 0)
    assert session[SESSION_KEY] == {str(cake.pk): 1}


def test_set_to_the_same_quantity_does_not_mark_the_session_modified(cart, session, tea):
    cart.add(tea, 2)
    session.modified = False
    cart.set(tea, 2)
    assert not session.modified


@pytest.mark.parametrize("quantity", [-1, 100, 10**30, "3", 2.5, False])
def test_set_refuses_a_bad_quantity(cart, session, tea, quantity):
    cart.add(tea, 2)
    session.modified = False
    with pytest.raises(CartError):
        cart.set(tea, quantity)
    assert session[SESSION_KEY] == {str(tea.pk): 2}
    assert not session.modified


def test_a_withdrawn_product_can_be_set_to_zero_but_not_more(cart, session, tea):
    cart.add(tea, 2)
    tea.active = False
    with pytest.raises(CartError):
        cart.set(tea, 3)
    cart.set(tea, 0)
    assert SESSION_KEY not in session


def test_removing_the_last_line_removes_the_key(cart, session, tea):
    cart.add(tea)
    cart.remove(tea)
    assert SESSION_KEY not in session
    assert session.modified


def test_removing_what_is_not_there_changes_nothing(cart, session, tea, cake):
    cart.add(tea)
    session.modified = False
    cart.remove(cake)
    assert session[SESSION_KEY] == {str(tea.pk): 1}
    assert not session.modified


def test_clear(cart, session, tea, cake):
    cart.add(tea)
    cart.add(cake)
    cart.clear()
    assert SESSION_KEY not in session
    assert cart.count == 0


def test_clearing_an_empty_cart_touches_nothing(cart, session):
    cart.clear()
    assert not session.modified
    assert session.session_key is None


# --- Lines, prices, totals ------------------------------------------------------------------


def test_prices_come_from_the_database_every_time(cart, session, tea, cake):
    cart.add(tea, 2)
    cart.add(cake, 1)
    assert cart.total == Decimal(180)
    Product.objects.filter(pk=tea.pk).update(price=70)
    fresh = Cart(request_with(session))
    assert [line.subtotal for line in fresh] == [Decimal(140), Decimal(50)]
    assert fresh.total == Decimal(190)


def test_lines_cost_one_query_however_many_there_are(tea, cake, noodles, django_assert_num_queries):
    session = saved_session({str(tea.pk): 1, str(cake.pk): 2, str(noodles.pk): 3})
    cart = Cart(request_with(session))
    with django_assert_num_queries(2):  # the session, then the products
        assert cart.total == Decimal(65 + 100 + 600)
        assert cart.count == 6
        assert len(cart.lines) == 3


def test_the_count_reads_the_session_alone(tea, django_assert_num_queries):
    session = saved_session({str(tea.pk): 4})
    cart = Cart(request_with(session))
    with django_assert_num_queries(1):  # the session; no product query
        assert cart.count == 4


# --- Corrupt and stale session data ----------------------------------------------------------


# Each takes the id of a real product, so that only the shape of the value is wrong.
CORRUPT_CARTS = {
    "a string": lambda pk: "a string",
    "a list": lambda pk: [pk, 2],
    "a number": lambda pk: 42,
    "null": lambda pk: None,
    "a word for an id": lambda pk: {"bubble-tea": 1},
    "a negative id": lambda pk: {f"-{pk}": 1},
    "a leading zero": lambda pk: {f"0{pk}": 1},
    "a decimal id": lambda pk: {f"{pk}.0": 1},
    "a 30-digit id": lambda pk: {"1" * 30: 1},
    # int() would accept Arabic-Indic digits; the cart does not.
    "a non-ASCII digit": lambda pk: {"\u0661": 1},
    "a quantity as text": lambda pk: {pk: "2"},
    "a float quantity": lambda pk: {pk: 2.0},
    "a boolean quantity": lambda pk: {pk: True},
    "a zero quantity": lambda pk: {pk: 0},
    "a negative quantity": lambda pk: {pk: -4},
    "a quantity of 100": lambda pk: {pk: 100},
    "a null quantity": lambda pk: {pk: None},
    "a list quantity": lambda pk: {pk: [1]},
}


@pytest.mark.parametrize("corrupt", CORRUPT_CARTS.values(), ids=CORRUPT_CARTS.keys())
def test_a_corrupt_cart_reads_as_empty_and_is_not_rewritten_by_reading(tea, corrupt):
    session = saved_session(corrupt(str(tea.pk)))
    cart = Cart(request_with(session))
    assert cart.count == 0
    assert cart.lines == []
    assert cart.total == 0
    assert not session.modified


def test_good_lines_survive_next_to_bad_ones_and_a_change_stores_them_clean(tea, cake):
    session = saved_session({str(tea.pk): 2, "abc": 1, str(cake.pk): "3", "99999": 1})
    cart = Cart(request_with(session))
    assert [(line.product, line.quantity) for line in cart] == [(tea, 2)]
    cart.add(cake)
    assert session[SESSION_KEY] == {str(tea.pk): 2, "99999": 1, str(cake.pk): 1}


def test_lines_beyond_50_are_dropped(tea):
    value = {str(n): 1 for n in range(1000, 1000 + MAX_LINES)} | {str(tea.pk): 1}
    cart = Cart(request_with(saved_session(value)))
    assert cart.count == MAX_LINES
    assert cart.lines == []  # none of the first 50 ids exists; the 51st line was dropped


def test_a_deleted_or_withdrawn_product_is_left_out(tea, cake, noodles):
    session = saved_session({str(tea.pk): 1, str(cake.pk): 2, str(noodles.pk): 3})
    cake.delete()
    Product.objects.filter(pk=noodles.pk).update(active=False)
    cart = Cart(request_with(session))
    assert cart.count == 6  # the session alone still holds three lines...
    assert [line.product for line in cart] == [tea]
    assert cart.count == 1  # ...but once the products are read, only what is there counts
    assert cart.unavailable == 2
    assert cart.total == Decimal(65)
    assert not session.modified


def test_clearing_a_corrupt_cart_removes_it(tea):
    session = saved_session("garbage")
    Cart(request_with(session)).clear()
    assert SESSION_KEY not in session
    assert session.modified


# --- Two requests at once --------------------------------------------------------------------


def test_two_adds_at_the_same_moment_lose_one_increment_but_never_break_the_cart(tea):
    """Both requests load the session before either saves it: the later save wins whole."""
    key = saved_session({str(tea.pk): 1}).session_key
    first, second = SessionStore(key), SessionStore(key)
    Cart(request_with(first)).add(tea)
    Cart(request_with(second)).add(tea)
    first.save()
    second.save()

    cart = Cart(request_with(SessionStore(key)))
    assert cart.quantity(tea) == 2  # not 3: one increment is lost, as the docstring says
    assert [(line.product, line.quantity) for line in cart] == [(tea, 2)]


def test_two_different_adds_at_the_same_moment_leave_one_complete_cart(tea, cake):
    key = saved_session({}).session_key
    first, second = SessionStore(key), SessionStore(key)
    Cart(request_with(first)).add(tea)
    Cart(request_with(second)).add(cake, 2)
    first.save()
    second.save()

    assert SessionStore(key)[SESSION_KEY] == {str(cake.pk): 2}
