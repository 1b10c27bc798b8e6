"""Helpers for the shop's tests: make products, plant and read a session cart, count queries."""

from decimal import Decimal

from django.conf import settings

from shop.models import Product

# Django saves a session inside transaction.atomic(). Inside the transaction that wraps every
# test, that atomic block is a savepoint, so the query counter also sees a SAVEPOINT and a
# RELEASE around the session's UPDATE or INSERT. They are bookkeeping, not queries.
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def data_queries(captured):
    """The statements of a ``django_assert_num_queries`` block, transaction control left out."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if not query["sql"].startswith(TRANSACTION_CONTROL)
    ]


def make_product(slug, price, position=0, active=True):
    return Product.objects.create(
        slug=slug,
        name_en=slug.replace("-", " ").capitalize(),
        name_zh_hant=f"中文{slug}",
        description_en=f"About {slug}.",
        description_zh_hant=f"關於{slug}。",
        price=Decimal(price),
        position=position,
        active=active,
    )


def plant_cart(client, value):
    """Store ``value`` as the client's session cart, as an earlier request (or a hand-edited
    record) might have left it."""
    session = client.session
    session["cart"] = value
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return session.session_key


def stored_cart(client):
    """What the client's session holds under "cart" right now (None if nothing)."""
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if cookie is None or not cookie.value:
        return None
    return client.session.get("cart")
