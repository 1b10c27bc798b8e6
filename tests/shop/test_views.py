"""The shop's pages and POST endpoints, through the test client, with every bad input."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from shop.cart import MAX_LINES, Line
from shop.models import Order, Product
from tests.shop.helpers import make_product, plant_cart, stored_cart

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(db):
    return get_user_model().objects.create_user("mei", password="not-used-here")


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def add(client, product, quantity="1", **extra):
    url = reverse("shop:cart_add", args=[product if isinstance(product, int) else product.pk])
    return client.post(url, {"quantity": quantity, **extra})


# --- Reading pages ----------------------------------------------------------------------------


def test_the_menu_lists_active_products_with_prices(client, tea, cake, withdrawn):
    response = client.get(reverse("shop:menu"), headers={"accept-language": "en"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bubble tea" in body
    assert "NT$65" in body
    assert "Pineapple cake" in body
    assert "Sun cake" not in body
    assert body.index("Bubble tea") < body.index("Pineapple cake")


def test_the_menu_in_traditional_chinese(client, tea):
    response = client.get(reverse("shop:menu"), headers={"accept-language": "zh-TW"})
    body = response.content.decode()
    assert "中文bubble-tea" in body
    assert "Bubble tea" not in body


def test_the_product_page(client, tea):
    response = client.get(reverse("shop:product", args=[tea.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "About bubble-tea." in body
    assert 'name="quantity"' in body
    assert "img/shop/placeholder.svg" in body  # the test product has no drawing of its own


@pytest.mark.parametrize("slug", ["no-such-thing", "sun-cake"])
def test_an_unknown_or_withdrawn_product_page_is_a_404(client, withdrawn, slug):
    assert client.get(reverse("shop:product", args=[slug])).status_code == 404


def test_browsing_creates_no_session(client, tea, settings):
    for url in [
        reverse("shop:menu"),
        reverse("shop:product", args=[tea.slug]),
        reverse("shop:cart"),
        reverse("home"),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.count() == 0


def test_the_header_shows_the_item_count_on_every_page(client, tea, cake):
    plant_cart(client, {str(tea.pk): 2, str(cake.pk): 1})
    for url in [reverse("home"), reverse("shop:menu"), reverse("shop:cart")]:
        body = client.get(url, headers={"accept-language": "en"}).content.decode()
        assert '<span class="cart-count" aria-hidden="true">3</span>' in body
        assert "(3 items)" in body


def test_the_header_shows_zero_without_a_session(client):
    body = client.get(reverse("home")).content.decode()
    assert '<span class="cart-count" aria-hidden="true">0</span>' in body


def test_the_cart_page_lists_lines_and_the_total(client, tea, cake):
    plant_cart(client, {str(tea.pk): 2, str(cake.pk): 1})
    response = client.get(reverse("shop:cart"))
    body = response.content.decode()
    assert "NT$130" in body  # 2 of 65
    assert "NT$180" in body  # the total
    assert response.context["cart"].count == 3


def test_the_empty_cart_page(client):
    body = client.get(reverse("shop:cart"), headers={"accept-language": "en"}).content.decode()
    assert "Your cart is empty." in body


# --- Adding -----------------------------------------------------------------------------------


def test_add_stores_the_line_says_so_and_goes_back(client, tea):
    response = add(client, tea, "2", next=reverse("shop:menu"))
    assert response.status_code == 302
    assert response.url == reverse("shop:menu")
    assert stored_cart(client) == {str(tea.pk): 2}
    assert messages_of(response) == ["Added to your cart: Bubble tea, quantity 2."]


def test_add_twice_increments(client, tea):
    add(client, tea)
    add(client, tea, "3")
    assert stored_cart(client) == {str(tea.pk): 4}


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", ""])
def test_add_never_redirects_off_the_site(client, tea, next_url):
    response = add(client, tea, next=next_url)
    assert response.url == reverse("shop:menu")


def test_add_an_unknown_product_is_a_404(client, tea):
    assert add(client, 999_999).status_code == 404
    assert stored_cart(client) is None


def test_add_with_an_id_too_big_for_the_database_is_a_404(client):
    response = client.post(f"/shop/cart/add/{'9' * 40}/", {"quantity": "1"})
    assert response.status_code == 404


def test_add_a_withdrawn_product_is_refused(client, tea, withdrawn):
    plant_cart(client, {str(tea.pk): 1})
    response = add(client, withdrawn)
    assert response.status_code == 302
    assert messages_of(response) == ["Sun cake is no longer on the menu."]
    assert stored_cart(client) == {str(tea.pk): 1}


@pytest.mark.parametrize(
    "quantity",
    ["", "abc", "0", "-1", "100", "1.5", "1e3", "9" * 5000, " " * 10],
    ids=[
        "empty",
        "text",
        "zero",
        "negative",
        "100",
        "decimal",
        "exponent",
        "5000 digits",
        "spaces",
    ],
)
def test_add_with_a_bad_quantity_changes_nothing(client, tea, quantity):
    plant_cart(client, {str(tea.pk): 1})
    response = add(client, tea, quantity)
    assert response.status_code == 302
    assert messages_of(response) == ["Enter a quantity from 1 to 99."]
    assert stored_cart(client) == {str(tea.pk): 1}


def test_add_reads_full_width_digits_as_numbers(client, tea):
    """A Chinese input method may type "\uff12" for 2: it is a number, and it is read as one."""
    add(client, tea, "\uff12")
    assert stored_cart(client) == {str(tea.pk): 2}


def test_add_without_a_quantity_changes_nothing(client, tea):
    response = client.post(reverse("shop:cart_add", args=[tea.pk]))
    assert messages_of(response) == ["Enter a quantity from 1 to 99."]
    assert stored_cart(client) is None


def test_add_past_99_changes_nothing(client, tea):
    plant_cart(client, {str(tea.pk): 95})
    response = add(client, tea, "5")
    assert messages_of(response) == ["You can have at most 99 of Bubble tea in your cart."]
    assert stored_cart(client) == {str(tea.pk): 95}


def test_at_most_50_different_products(client):
    products = [make_product(f"item-{n}", 10) for n in range(MAX_LINES + 1)]
    plant_cart(client, {str(product.pk): 1 for product in products[:MAX_LINES]})
    response = add(client, products[-1])
    assert messages_of(response) == ["Your cart can hold at most 50 different products."]
    assert len(stored_cart(client)) == MAX_LINES
    assert str(products[-1].pk) not in stored_cart(client)


# --- Updating, removing, clearing -------------------------------------------------------------


def update(client, product, quantity):
    return client.post(reverse("shop:cart_update", args=[product.pk]), {"quantity": quantity})


def test_update_sets_the_quantity(client, tea):
    plant_cart(client, {str(tea.pk): 1})
    response = update(client, tea, "4")
    assert response.url == reverse("shop:cart")
    assert stored_cart(client) == {str(tea.pk): 4}
    assert messages_of(response) == ["Bubble tea: the quantity in your cart is now 4."]


def test_update_to_zero_removes_the_line(client, tea, cake):
    plant_cart(client, {str(tea.pk): 1, str(cake.pk): 2})
    response = update(client, tea, "0")
    assert stored_cart(client) == {str(cake.pk): 2}
    assert messages_of(response) == ["Removed Bubble tea from your cart."]


@pytest.mark.parametrize("quantity", ["", "x", "-1", "100", "2.5", "9" * 5000])
def test_update_with_a_bad_quantity_changes_nothing(client, tea, quantity):
    plant_cart(client, {str(tea.pk): 3})
    response = update(client, tea, quantity)
    assert response.url == reverse("shop:cart")
    assert messages_of(response) == ["Enter a quantity from 0 to 99 (0 removes the item)."]
    assert stored_cart(client) == {str(tea.pk): 3}


def test_update_an_unknown_product_is_a_404(client, tea):
    plant_cart(client, {str(tea.pk): 3})
    response = client.post(reverse("shop:cart_update", args=[424242]), {"quantity": "1"})
    assert response.status_code == 404
    assert stored_cart(client) == {str(tea.pk): 3}


def test_remove(client, tea, cake):
    plant_cart(client, {str(tea.pk): 1, str(cake.pk): 2})
    response = client.post(reverse("shop:cart_remove", args=[tea.pk]))
    assert response.url == reverse("shop:cart")
    assert stored_cart(client) == {str(cake.pk): 2}
    assert messages_of(response) == ["Removed Bubble tea from your cart."]


def test_remove_what_is_not_in_the_cart_says_so(client, tea, cake):
    plant_cart(client, {str(cake.pk): 2})
    response = client.post(reverse("shop:cart_remove", args=[tea.pk]))
    assert messages_of(response) == ["Bubble tea was not in your cart."]
    assert stored_cart(client) == {str(cake.pk): 2}


def test_remove_an_unknown_product_is_a_404(client):
    assert client.post(reverse("shop:cart_remove", args=[424242])).status_code == 404


def test_clear(client, tea, cake):
    plant_cart(client, {str(tea.pk): 1, str(cake.pk): 2})
    response = client.post(reverse("shop:cart_clear"))
    assert response.url == reverse("shop:cart")
    assert stored_cart(client) is None
    assert messages_of(response) == ["Your cart is empty."]


def test_clearing_without_a_session_creates_none(client, settings):
    response = client.post(reverse("shop:cart_clear"))
    assert response.status_code == 302
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert Session.objects.count() == 0


# --- Methods and CSRF -------------------------------------------------------------------------


def post_only_urls(product_id):
    return [
        reverse("shop:cart_add", args=[product_id]),
        reverse("shop:cart_update", args=[product_id]),
        reverse("shop:cart_remove", args=[product_id]),
        reverse("shop:cart_clear"),
    ]


def test_get_on_a_post_only_endpoint_is_a_405(client, tea):
    for url in post_only_urls(tea.pk):
        assert client.get(url).status_code == 405, url


def test_a_post_without_a_csrf_token_is_refused_with_the_site_page(tea, settings):
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    plant_cart(client, {str(tea.pk): 2})
    for url in post_only_urls(tea.pk):
        response = client.post(url, {"quantity": "5"})
        assert response.status_code == 403, url
        assert "This form could not be accepted" in response.content.decode()
    assert stored_cart(client) == {str(tea.pk): 2}


# --- Corrupt sessions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["not a dict", [1, 2, 3], 7, None, {"abc": "def"}, {"1": {"nested": True}}],
)
def test_pages_render_whatever_the_session_holds(client, tea, value):
    plant_cart(client, value)
    for url in [reverse("shop:menu"), reverse("shop:cart"), reverse("home")]:
        assert client.get(url).status_code == 200, url


def test_the_cart_page_drops_bad_and_deleted_lines(client, tea, cake, withdrawn):
    gone = make_product("deleted-soon", 30)
    plant_cart(
        client,
        {
            str(tea.pk): 2,
            "abc": 1,
            str(cake.pk): "many",
            str(gone.pk): 1,
            str(withdrawn.pk): 1,
        },
    )
    gone.delete()
    response = client.get(reverse("shop:cart"), headers={"accept-language": "en"})
    assert response.status_code == 200
    cart = response.context["cart"]
    assert [(line.product, line.quantity) for line in cart] == [(tea, 2)]
    assert cart.total == Decimal(130)
    body = response.content.decode()
    assert "2 products in your cart are no longer on the menu" in body
    assert '<span class="cart-count" aria-hidden="true">2</span>' in body


def test_a_change_after_corruption_stores_a_clean_cart(client, tea, cake):
    plant_cart(client, {str(tea.pk): 2, "abc": 1, str(cake.pk): "many"})
    add(client, cake)
    assert stored_cart(client) == {str(tea.pk): 2, str(cake.pk): 1}


# --- Logging in and out -----------------------------------------------------------------------


def test_the_cart_survives_logging_in_and_is_gone_after_logging_out(client, tea, learner):
    add(client, tea, "2")
    anonymous_key = client.cookies["sessionid"].value
    client.force_login(learner)
    assert client.cookies["sessionid"].value != anonymous_key  # login() gave a new key...
    assert stored_cart(client) == {str(tea.pk): 2}  # ...and kept the data
    client.logout()
    assert stored_cart(client) is None


# --- Checkout and orders ----------------------------------------------------------------------


def test_checkout_asks_an_anonymous_visitor_to_log_in(client, tea, settings):
    plant_cart(client, {str(tea.pk): 1})
    for method in (client.get, client.post):
        response = method(reverse("shop:checkout"))
        assert response.status_code == 302
        assert response.url.startswith(resolve_url(settings.LOGIN_URL))
        assert "next=/shop/checkout/" in response.url
    assert Order.objects.count() == 0


def test_checkout_shows_the_order_to_confirm(client, tea, learner):
    client.force_login(learner)
    add(client, tea, "2")
    response = client.get(reverse("shop:checkout"))
    assert response.status_code == 200
    assert "NT$130" in response.content.decode()
    assert Order.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_empty_cart_cannot_be_checked_out(client, learner, method):
    client.force_login(learner)
    response = getattr(client, method)(reverse("shop:checkout"))
    assert response.url == reverse("shop:cart")
    assert messages_of(response) == ["Your cart is empty: add something from the menu first."]
    assert Order.objects.count() == 0


def test_a_cart_of_only_withdrawn_products_cannot_be_checked_out(client, learner, withdrawn):
    client.force_login(learner)
    plant_cart(client, {str(withdrawn.pk): 1})
    client.post(reverse("shop:checkout"))
    assert Order.objects.count() == 0


def test_checkout_places_the_order_with_a_price_snapshot_and_empties_the_cart(
    client, tea, cake, withdrawn, learner
):
    client.force_login(learner)
    add(client, tea, "2")
    add(client, cake, "3")
    session = client.session
    session["cart"] = {**session["cart"], str(withdrawn.pk): 1}
    session.save()

    response = client.post(reverse("shop:checkout"))

    order = Order.objects.get()
    assert response.url == reverse("shop:order", args=[order.pk])
    assert messages_of(response)[-1] == f"Thank you! Order {order.pk} has been placed."
    assert order.user == learner
    assert order.total == Decimal(2 * 65 + 3 * 50)
    lines = [(line.product, line.quantity, line.unit_price) for line in order.lines.all()]
    assert lines == [(tea, 2, Decimal(65)), (cake, 3, Decimal(50))]
    assert stored_cart(client) is None

    # The menu's price changes; what was paid does not.
    Product.objects.filter(pk=tea.pk).update(price=99)
    order.refresh_from_db()
    assert order.total == Decimal(280)
    assert order.lines.first().unit_price == Decimal(65)


def test_a_failed_order_keeps_the_cart(client, tea, learner, monkeypatch):
    """The order is one transaction: if a line cannot be written, no order row remains."""
    client.force_login(learner)
    add(client, tea, "2")

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("shop.models.OrderLine.objects.bulk_create", fail)
    client.raise_request_exception = True
    with pytest.raises(RuntimeError):
        client.post(reverse("shop:checkout"))
    assert Order.objects.count() == 0
    assert stored_cart(client) == {str(tea.pk): 2}


def test_the_confirmation_page(client, tea, learner):
    client.force_login(learner)
    add(client, tea, "2")
    response = client.post(reverse("shop:checkout"), follow=True)
    body = response.content.decode()
    order = Order.objects.get()
    assert f"Order {order.pk}" in body
    assert "NT$130" in body


def test_someone_elses_order_is_a_404(client, tea, learner):
    other = get_user_model().objects.create_user("ming")
    order = Order.objects.create(user=other, total=0)
    client.force_login(learner)
    assert client.get(reverse("shop:order", args=[order.pk])).status_code == 404


def test_order_pages_need_a_login(client, settings, learner):
    order = Order.objects.create(user=learner, total=0)
    for url in [reverse("shop:orders"), reverse("shop:order", args=[order.pk])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(resolve_url(settings.LOGIN_URL))


def test_order_history_lists_only_your_orders_and_says_why_they_are_rows(client, learner):
    other = get_user_model().objects.create_user("ming")
    mine = Order.objects.create(user=learner, total=Decimal(1250))
    theirs = Order.objects.create(user=other, total=Decimal(40))
    client.force_login(learner)
    response = client.get(reverse("shop:orders"), headers={"accept-language": "en"})
    body = response.content.decode()
    assert list(response.context["orders"]) == [mine]
    assert "NT$1,250" in body
    assert reverse("shop:order", args=[theirs.pk]) not in body
    assert "Your orders are rows in the database" in body
    assert "your cart lives in your session" in body


# --- Admin --------------------------------------------------------------------------------------


def test_the_admin_pages_for_products_and_orders(client, tea, learner):
    admin = get_user_model().objects.create_superuser("admin", password="not-used-here")
    order = Order.objects.place(learner, [Line(tea, 2)])
    client.force_login(admin)
    for url in [
        reverse("admin:shop_product_changelist"),
        reverse("admin:shop_product_change", args=[tea.pk]),
        reverse("admin:shop_order_changelist"),
        reverse("admin:shop_order_change", args=[order.pk]),
    ]:
        assert client.get(url).status_code == 200, url
