"""Lesson 9, the shopping cart: the shop's real cart module, shown as it is on disk right now.

The source is read from ``shop/cart.py`` at run time (and re-highlighted only when the file
changes), so the lesson and the code can never drift apart. If the shop is not installed,
the panel says so and shows nothing.
"""

from importlib.util import find_spec
from pathlib import Path

from tutorial.lessons.exercises import url_or_none
from tutorial.lessons.highlight import python_source

TEMPLATE = "lessons/try/shopping-cart.html"
CART_MODULE = "shop.cart"


def cart_source_path():
    """Where shop/cart.py is, found the way import would find it (without importing it)."""
    try:
        spec = find_spec(CART_MODULE)
    except ModuleNotFoundError:
        return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    return Path(spec.origin)


def stored_cart(session):
    """The cart as stored: {"<product id>": quantity}, or {} if it is missing or malformed."""
    cart = session.get("cart")
    if not isinstance(cart, dict):
        return {}
    return {
        key: quantity
        for key, quantity in cart.items()
        if isinstance(key, str)
        and key.isdigit()
        and isinstance(quantity, int)
        and not isinstance(quantity, bool)
        and quantity > 0
    }


def context(request):
    path = cart_source_path()
    return {
        "source": python_source(path) if path else None,
        "source_name": "shop/cart.py",
        "shop_url": url_or_none("shop:menu"),
        "cart_url": url_or_none("shop:cart"),
        "cart": sorted(stored_cart(request.session).items()),
    }


def goal(request):
    """Two different products in the cart, as the shop stored them in request.session["cart"]."""
    return len(stored_cart(request.session)) >= 2
