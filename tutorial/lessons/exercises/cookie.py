"""Lesson 2, the session ID and its cookie: get a ticket, then read what is printed on it."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from tutorial.lessons.exercises import Outcome, has_session

TEMPLATE = "lessons/try/session-cookie.html"


def shorten(key):
    """A session key shortened for display: enough to recognise it, not enough to use it."""
    return f"{key[:4]}…{key[-4:]}" if key and len(key) > 12 else key


def cookie_facts(request):
    """The session cookie as this site sets it: its name, its value and its attributes.

    The attributes come from the settings that SessionMiddleware uses when it writes the
    ``Set-Cookie`` header, so they are exactly what the browser was told.
    """
    session = request.session
    alive = has_session(request)
    at_browser_close = alive and session.get_expire_at_browser_close()
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "has_cookie": alive,
        "value": shorten(session.session_key) if alive else "",
        "value_length": len(session.session_key) if alive else 0,
        "http_only": settings.SESSION_COOKIE_HTTPONLY,
        "secure": settings.SESSION_COOKIE_SECURE,
        "same_site": settings.SESSION_COOKIE_SAMESITE or "",
        "path": settings.SESSION_COOKIE_PATH,
        "domain": settings.SESSION_COOKIE_DOMAIN or "",
        "at_browser_close": at_browser_close,
        "max_age": None if not alive or at_browser_close else session.get_expiry_age(),
    }


def context(request):
    return {"cookie": cookie_facts(request)}


def get_ticket(request):
    """Store something, so that Django has a reason to create a session and send its cookie."""
    first = request.session.get("first_visit")
    now = timezone.now().isoformat(timespec="seconds")
    request.session.setdefault("first_visit", now)
    if first is None:
        result = _("Stored a value: your session now exists, and the response carried its cookie.")
    else:
        result = _("Nothing changed: the key was already set, so setdefault() left it alone.")
    return Outcome(
        lines=[f"request.session.setdefault('first_visit', {now!r})"],
        result=result,
        goal_met=True,
    )


ACTIONS = {"ticket": get_ticket}
goal = has_session
