"""The shopping cart, kept in the session under one key.

The session holds only what the learner chose, ``{"<product id>": quantity}``::

    request.session["cart"] == {"3": 2, "7": 1}

Nothing else goes in: no prices, no names, no model instances. The session is serialised to JSON
(so keys are strings), and the database stays the one place that knows what a product is called,
what it costs and whether it is still on the menu.

Three rules make the cart safe to use:

1. **Read defensively.** The stored value is data from a previous request, maybe from an older
   version of this code, maybe edited by hand. Every read keeps only well-formed lines (a
   positive integer id, a quantity from 1 to 99, at most 50 lines) and lists only products that
   exist and are active. A corrupt cart shows up as a shorter cart, never as an error. Reading
   never writes: a page that only shows the cart saves nothing.

2. **Write a new dict, and only on a change.** ``session["cart"] = lines`` is what tells Django
   to save the session. Changing the stored dict in place (``session["cart"]["3"] += 1``) would
   not: Django does not see inside the values it holds, and the change would be lost. So every
   change builds a fresh dict and assigns it, and an operation that changes nothing (removing a
   product that is not there, clearing an empty cart) assigns nothing, so no session is saved or
   created for it.

3. **Each save is whole.** Two requests from the same browser can run at once (two tabs, a
   double click). Each loads the session, changes its own copy and saves the *whole* session
   back. The second save wins: one of the two additions can be lost (a "lost update", which a
   later lesson comes back to), but the stored value is always one complete, valid cart written
   by one request, never a mixture of two. Preventing the lost update would take a lock around every
   request of a session, which Django's session framework deliberately does not do.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from shop.models import Product
from tutorial import session_cookies

SESSION_KEY = "cart"
MAX_QUANTITY = 99
MAX_LINES = 50

# A product id as the session stores it: a positive integer in decimal digits, no sign, no
# leading zero ("01" and "1" would be one product twice), short enough for a 64-bit column.
PRODUCT_ID = re.compile(r"[1-9][0-9]{0,17}", re.ASCII)


class CartError(ValueError):
    """A change the cart refuses; the message is meant for the learner."""


@dataclass(frozen=True)
class Line:
    product: Product
    quantity: int

    @property
    def unit_price(self):
        return self.product.price

    @property
    def subtotal(self):
        return self.unit_price * self.quantity


class Cart:
    """The cart of one request's session.

    ``Cart(request)`` costs nothing; the session is read when the cart is first used, and the
    products are fetched (one query) only when lines or the total are asked for.
    """

    def __init__(self, request):
        self.session = request.session
        self._lines = None

    # --- Reading ---------------------------------------------------------------------------

    def _stored(self):
        """A clean copy of what the session holds, ``{"<id>": quantity}``, bad lines left out."""
        stored = self.session.get(SESSION_KEY)
        if not isinstance(stored, dict):
            return {}
        lines = {}
        for key, quantity in stored.items():
            if len(lines) == MAX_LINES:
                break
            # type() rather than isinstance(): JSON's true would otherwise count as 1.
            if (
                isinstance(key, str)
                and PRODUCT_ID.fullmatch(key)
                and type(quantity) is int
                and 1 <= quantity <= MAX_QUANTITY
            ):
                lines[key] = quantity
        return lines

    @property
    def lines(self):
        """The lines whose products are on the menu, in the order they were first added."""
        if self._lines is None:
            stored = self._stored()
            products = Product.objects.filter(pk__in=stored, active=True) if stored else []
            by_id = {str(product.pk): product for product in products}
            self._lines = [
                Line(by_id[key], quantity) for key, quantity in stored.items() if key in by_id
            ]
        return self._lines

    def __iter__(self):
        return iter(self.lines)

    @property
    def count(self):
        """How many items the cart holds: the header shows it on every page.

        Before the lines are loaded it is read from the session alone, with no query, so it
        still counts a product taken off the menu since it was added; once they are loaded
        (the cart page), it counts what is really there.
        """
        if self._lines is not None:
            return sum(line.quantity for line in self._lines)
        return sum(self._stored().values())

    @property
    def unavailable(self):
        """How many stored lines were left out because their product is gone or withdrawn."""
        return len(self._stored()) - len(self.lines)

    @property
    def total(self):
        return sum((line.subtotal for line in self.lines), Decimal(0))

    def quantity(self, product):
        return self._stored().get(str(product.pk), 0)

    @property
    def cookie_size(self):
        """The session cookie's bytes when the session lives in it (signed cookies), else None."""
        if not session_cookies.in_cookie(self.session):
            return None
        return session_cookies.size(self.session)

    @property
    def cookie_nearly_full(self):
        size = self.cookie_size
        return size is not None and size >= session_cookies.COOKIE_SIZE_WARNING

    # --- Changing --------------------------------------------------------------------------

    def add(self, product, quantity=1):
        """Add ``quantity`` (1 or more) of ``product`` to what the cart already holds."""
        if type(quantity) is not int or quantity < 1:
            raise CartError(_("Choose a quantity from 1 to %(max)s.") % {"max": MAX_QUANTITY})
        self.set(product, self.quantity(product) + quantity)

    def set(self, product, quantity):
        """Make the cart hold exactly ``quantity`` of ``product``; 0 removes the line."""
        if type(quantity) is not int or quantity < 0:
            raise CartError(_("Choose a quantity from 0 to %(max)s.") % {"max": MAX_QUANTITY})
        if quantity > MAX_QUANTITY:
            raise CartError(
                _("You can have at most %(max)s of %(product)s in your cart.")
                % {"max": MAX_QUANTITY, "product": product}
            )
        if quantity == 0:
            self.remove(product)
            return
        if not product.active:
            raise CartError(_("%(product)s is no longer on the menu.") % {"product": product})
        lines = self._stored()
        if str(product.pk) not in lines and len(lines) >= MAX_LINES:
            raise CartError(
                _("Your cart can hold at most %(max)s different products.") % {"max": MAX_LINES}
            )
        lines[str(product.pk)] = quantity
        self._check_fits(lines)
        self._save(lines)

    def _check_fits(self, lines):
        """With the signed-cookie engine the session *is* the cookie: refuse a cart that would
        make it bigger than a browser keeps (it would drop the cookie silently, cart and all).

        The size is the real one: the whole session, with these lines, encoded as the engine
        encodes it.
        """
        if not session_cookies.in_cookie(self.session):
            return
        data = {**dict(self.session.items()), SESSION_KEY: lines}
        size = session_cookies.size_with(self.session, data)
        if size > session_cookies.COOKIE_SIZE_LIMIT:
            raise CartError(
                _(
                    "Not added: your session is kept in its cookie (the signed-cookies engine), "
                    "and this would make the cookie %(size)s bytes, more than the %(limit)s a "
                    "browser keeps. Remove something first, or move your session to another "
                    "engine."
                )
                % {"size": size, "limit": session_cookies.COOKIE_SIZE_LIMIT}
            )

    def remove(self, product):
        lines = self._stored()
        lines.pop(str(product.pk), None)
        self._save(lines)

    def clear(self):
        self._save({})

    def _save(self, lines):
        """Store ``lines`` as a new value, or remove the key when the cart is empty.

        Nothing is assigned when the stored value is already equal, so the session is marked
        modified exactly when the cart changes. (A corrupt stored value is never equal to a
        clean one: any change rewrites it clean.)
        """
        self._lines = None
        if lines == self.session.get(SESSION_KEY):
            return
        if lines:
            self.session[SESSION_KEY] = lines
        else:
            # pop() marks the session modified only if the key was there.
            self.session.pop(SESSION_KEY, None)
