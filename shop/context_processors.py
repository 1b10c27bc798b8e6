from shop.cart import Cart


def cart(request):
    """Give every page the visitor's cart, so the header can show how many items it holds.

    Building a ``Cart`` reads nothing. The count reads the session alone, never the products, so
    it costs no query of its own; for a visitor without a session cookie, reading the session
    costs no query either and creates no session. A view that passes its own ``cart`` (the cart
    page, whose lines are loaded) overrides this one.
    """
    return {"cart": Cart(request)}
