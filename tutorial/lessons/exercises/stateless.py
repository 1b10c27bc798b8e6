"""Lesson 1, HTTP is stateless: the same request twice, with and without the cookie.

The page's script asks :func:`answer` twice: once as the browser normally does (the session
cookie goes along) and once with ``credentials: 'omit'`` (no cookie at all). Only the cookie
lets the server tell this request from any stranger's. Then the script posts :func:`ran`,
which marks the goal.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from tutorial.lessons.exercises import Outcome
from tutorial.lessons.exercises.cookie import shorten

TEMPLATE = "lessons/try/http-is-stateless.html"


def answer(request):
    """What the server can tell about this request. Reads the session and never writes it.

    The session key itself stays out of the answer, shortened to a few characters to recognise
    it by: the cookie is HttpOnly so that scripts cannot read it, and an endpoint that handed
    the whole key to scripts would undo that.
    """
    cookie_sent = settings.SESSION_COOKIE_NAME in request.COOKIES
    keys = sorted(request.session.keys())  # loads the session if a cookie came with the request
    key = request.session.session_key  # None unless the key named a live session
    return {
        "cookie_sent": cookie_sent,
        "recognised": key is not None,
        "session": shorten(key) if key else None,
        "keys": keys,
    }


def context(request):
    url = reverse("lessons:whoami")
    return {"whoami_url": url, "whoami_absolute_url": request.build_absolute_uri(url)}


def ran(request):
    return Outcome(
        result=_("You sent the same request twice and compared the answers."), goal_met=True
    )


ACTIONS = {"ran": ran}
