"""Lesson 10, login state: log in (the key rotates, the cart stays), log out (everything goes).

The goal, "log in and out once", is met by the logout itself: ``logout()`` sends
``user_logged_out`` just before it flushes the session. A write in that receiver would be
flushed with everything else, so the receiver (signals.py) only notes on the request that a
logged-in user logged out, and keep-progress middleware writes the goal, with the lessons
already finished, into the new session once the view has returned.
"""

from django.contrib.auth import REDIRECT_FIELD_NAME

from tutorial.lessons.exercises import has_session, url_or_none
from tutorial.lessons.exercises.cart import stored_cart
from tutorial.lessons.exercises.cookie import shorten

TEMPLATE = "lessons/try/login-state.html"


def context(request):
    alive = has_session(request)
    return {
        "login_url": url_or_none("login"),
        "logout_url": url_or_none("logout"),
        "next_field": REDIRECT_FIELD_NAME,
        "key": shorten(request.session.session_key) if alive else "",
        "cart_count": len(stored_cart(request.session)),
        "at_browser_close": alive and request.session.get_expire_at_browser_close(),
    }
