"""The signed-cookie engine and a big session: warned early, refused before the 4 KB limit."""

import secrets

from django.conf import settings
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.urls import reverse

from tests.lab.conftest import session_key, use_engine
from tutorial import session_cookies


def nearly_full_session(client, product):
    """A signed-cookie session whose cookie fits, but would not with ``product`` in the cart.

    Random text does not compress, so each character of the filler costs about a byte and a
    third in the cookie (base64).
    """
    filler = secrets.token_urlsafe(2400)
    while True:
        data = {"filler": filler}
        with_cart = {**data, "cart": {str(product.pk): 1}}
        if session_cookies.size_with(SessionStore(), with_cart) > session_cookies.COOKIE_SIZE_LIMIT:
            break
        filler += secrets.token_urlsafe(3)[:4]
    store = SessionStore()
    store.update(data)
    store.save()
    use_engine(client, "signed_cookies")
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    return store.session_key


def cookie_bytes(value):
    return len(f"{settings.SESSION_COOKIE_NAME}={value}".encode())


def test_an_add_that_would_not_fit_is_refused_with_a_message(client, tea):
    before = nearly_full_session(client, tea)
    assert cookie_bytes(before) <= session_cookies.COOKIE_SIZE_LIMIT
    response = client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"}, follow=True)
    assert response.status_code == 200
    assert "more than the 4096 a browser keeps" in response.content.decode()
    assert session_key(client) == before, "the cookie is unchanged"
    assert cookie_bytes(session_key(client)) <= session_cookies.COOKIE_SIZE_LIMIT


def test_the_cart_page_and_the_inspector_warn_when_the_cookie_is_nearly_full(client, tea):
    nearly_full_session(client, tea)
    cart = client.get(reverse("shop:cart")).content.decode()
    assert "An addition that would not fit is refused." in cart
    inspector = client.get(reverse("inspector:page")).content.decode()
    assert "Nearly full" in inspector


def test_a_small_signed_cookie_cart_is_not_warned_about(client, tea):
    use_engine(client, "signed_cookies")
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    assert cookie_bytes(session_key(client)) < session_cookies.COOKIE_SIZE_WARNING
    assert "would not fit" not in client.get(reverse("shop:cart")).content.decode()
    assert "Nearly full" not in client.get(reverse("inspector:page")).content.decode()


def test_other_engines_are_not_limited(client, tea):
    """The same big session in the database: the cookie is a 32-character key."""
    client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    session = client.session
    session["filler"] = secrets.token_urlsafe(6000)
    session.save()
    response = client.post(reverse("shop:cart_add", args=[tea.pk]), {"quantity": "1"})
    assert response.status_code == 302
    assert client.session["cart"] == {str(tea.pk): 2}
