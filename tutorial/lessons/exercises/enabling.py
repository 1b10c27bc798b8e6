"""Lesson 6, enabling sessions: this site's real INSTALLED_APPS and MIDDLEWARE, read now.

The lists come from ``django.conf.settings`` at run time, so the lesson shows what this very
process runs (the debug toolbar, WhiteNoise in production), not a copy that could drift.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tutorial.lessons.exercises import Outcome

TEMPLATE = "lessons/try/enabling-sessions.html"

SESSIONS_APP = "django.contrib.sessions"
SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"
AUTH_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"

# Why each session-related entry is there, and what breaks without it.
NOTES = {
    SESSIONS_APP: gettext_lazy(
        "The session framework: the Session model and its django_session table, the engines, "
        "and the clearsessions command."
    ),
    "django.contrib.auth": gettext_lazy(
        "Logging in stores your user's id in the session; login() and logout() work on it."
    ),
    "django.contrib.messages": gettext_lazy(
        "Messages shown after a redirect; they can be kept in the session when the cookie is too "
        "small."
    ),
    SESSION_MIDDLEWARE: gettext_lazy(
        "Reads the cookie, gives every view request.session, and saves it and sets the cookie "
        "on the way out. Without it there is no request.session at all."
    ),
    "tutorial.lab.middleware.LabSessionMiddleware": gettext_lazy(
        "This site's SessionMiddleware: Django's own, except that it picks the session engine "
        "for each request, so the backend lab can move your session between engines."
    ),
    AUTH_MIDDLEWARE: gettext_lazy(
        "Sets request.user from the session, so it must come after SessionMiddleware."
    ),
    "django.contrib.messages.middleware.MessageMiddleware": gettext_lazy(
        "Lets a view leave a message for the next page; its default storage falls back to the "
        "session when the message cookie is full."
    ),
    "tutorial.lessons.middleware.KeepProgressAfterLogoutMiddleware": gettext_lazy(
        "This site's own: after logout() flushes the session, it copies your lesson progress "
        "into the new one."
    ),
}


def annotated(entries):
    """Each setting entry with its note, or an empty note if it has nothing to do with sessions."""
    return [(entry, NOTES.get(entry, "")) for entry in entries]


def session_middleware(middleware):
    """The entry that gives requests their session: Django's SessionMiddleware, or a subclass
    of it (this site's picks the engine per request, for the backend lab)."""
    for entry in middleware:
        try:
            found = import_string(entry)
        except ImportError:
            continue
        if isinstance(found, type) and issubclass(found, SessionMiddleware):
            return entry
    return None


def context(request):
    middleware = list(settings.MIDDLEWARE)
    sessions = session_middleware(middleware)
    in_order = (
        sessions is not None
        and AUTH_MIDDLEWARE in middleware
        and middleware.index(sessions) < middleware.index(AUTH_MIDDLEWARE)
    )
    return {
        "installed_apps": annotated(settings.INSTALLED_APPS),
        "middleware": annotated(middleware),
        "session_engine": settings.SESSION_ENGINE,
        "middleware_in_order": in_order,
    }


def mark_read(request):
    return Outcome(
        result=_("Marked as done."),
        level=messages.SUCCESS,
        goal_met=True,
    )


ACTIONS = {"read": mark_read}
