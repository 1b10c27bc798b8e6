"""The shop in a real browser: the cart lives in this browser's session, and only there."""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from shop import demo
from shop.models import Order

pytestmark = pytest.mark.django_db(transaction=True)


def cart_link(page):
    return page.get_by_role("link", name=re.compile(r"^Cart"))


def log_in(context, site_url, user):
    """Log this browser in without the login page (built elsewhere): the test client logs in
    *this browser's* session, exactly as ``login()`` would, and the browser gets the new key."""
    client = Client()
    cookies = {cookie["name"]: cookie["value"] for cookie in context.cookies(site_url)}
    client.cookies[settings.SESSION_COOKIE_NAME] = cookies[settings.SESSION_COOKIE_NAME]
    client.force_login(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": key, "url": site_url}])


def test_the_cart_lives_in_this_browsers_session(browser, context, page, site_url):
    demo.load(StringIO())
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(site_url + "/shop/")
    expect(cart_link(page)).to_have_accessible_name("Cart (0 items)")
    page.get_by_role("button", name="Add to cart: Pearl milk tea").click()
    expect(page.locator(".messages")).to_contain_text("Added to your cart: Pearl milk tea")
    page.get_by_role("button", name="Add to cart: Pineapple cake").click()
    expect(cart_link(page)).to_have_accessible_name("Cart (2 items)")

    cart_link(page).click()
    page.get_by_label("Quantity").nth(1).fill("3")
    page.get_by_role("button", name="Update Pineapple cake").click()
    expect(page.locator(".messages")).to_contain_text("the quantity in your cart is now 3")
    page.get_by_role("button", name="Remove Pearl milk tea").click()
    expect(page.locator(".messages")).to_contain_text("Removed Pearl milk tea")

    page.reload()
    expect(page.locator(".cart-line")).to_have_count(1)
    expect(page.locator(".cart-line")).to_contain_text("Pineapple cake")
    expect(page.get_by_label("Quantity")).to_have_value("3")
    expect(page.locator(".cart-total")).to_contain_text("NT$150")
    expect(cart_link(page)).to_have_accessible_name("Cart (3 items)")

    # Another browser has its own cookie jar, so its own session: its cart is empty.
    other = browser.new_context()
    other_page = other.new_page()
    other_page.goto(site_url + "/shop/cart/")
    expect(other_page.get_by_text("Your cart is empty.")).to_be_visible()
    expect(cart_link(other_page)).to_have_accessible_name("Cart (0 items)")
    other.close()

    # Logging in keeps the cart; checking out turns it into an order and empties it.
    user = get_user_model().objects.create_user("mei")
    log_in(context, site_url, user)
    page.goto(site_url + "/shop/checkout/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check out")
    page.get_by_role("button", name="Place the order").click()

    order = Order.objects.get(user=user)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Order {order.pk}")
    expect(cart_link(page)).to_have_accessible_name("Cart (0 items)")
    assert [(line.product.slug, line.quantity) for line in order.lines.all()] == [
        ("pineapple-cake", 3)
    ]
    assert errors == []
