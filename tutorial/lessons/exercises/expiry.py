"""Lesson 5, expiry: ``set_expiry()``, and a session the learner watches expire.

"Watch a session expire" cannot be recorded in the session that expires: by the time the goal
is met, that session is gone, progress and all. So the short-expiry button also leaves a note
in a signed cookie (see notes.py) naming the session that was set to expire, when, and which
lessons were finished. When the learner comes back after that time without that session
alive, the session really has expired: the goal is marked in the new session, and the
finished lessons from the note are carried into it so that the experiment costs no progress.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone
from django.utils.translation import gettext as _

from tutorial.lessons import progress
from tutorial.lessons.exercises import Outcome, has_session

TEMPLATE = "lessons/try/expiry.html"


def short_expiry():
    """The short expiry, in seconds: 30, or less where a test sets LESSONS_SHORT_EXPIRY."""
    return getattr(settings, "LESSONS_SHORT_EXPIRY", 30)


def choices():
    """The only values set_expiry() accepts here: the form value, the argument, and what it does."""
    short = short_expiry()
    return [
        {
            "value": str(short),
            "argument": short,
            "result": _(
                "Your session now expires %(seconds)d seconds after its last save. Wait that "
                "long without pressing anything that saves it, then reload this page."
            )
            % {"seconds": short},
        },
        {
            "value": "300",
            "argument": 300,
            "result": _("Your session now expires five minutes after its last save."),
        },
        {
            "value": "0",
            "argument": 0,
            "result": _(
                "Your session cookie now has no expiry date, so the browser deletes it when it "
                "closes. The server keeps the record until SESSION_COOKIE_AGE has passed."
            ),
        },
        {
            "value": "none",
            "argument": None,
            "result": _(
                "Your session is back to the site's default: it expires SESSION_COOKIE_AGE "
                "(two weeks) after its last save."
            ),
        },
    ]


def expired_rows():
    """How many expired rows wait in django_session for ``clearsessions`` (database engines)."""
    return (
        DatabaseSessionStore.get_model_class()
        .objects.filter(expire_date__lt=timezone.now())
        .count()
    )


def context(request):
    session = request.session
    alive = has_session(request)
    return {
        "choices": choices(),
        "alive": alive,
        "expiry_age": session.get_expiry_age() if alive else None,
        "at_browser_close": alive and session.get_expire_at_browser_close(),
        "uses_database": isinstance(session, DatabaseSessionStore),
        "engine": type(session).__module__,
        "expired_rows": expired_rows() if isinstance(session, DatabaseSessionStore) else None,
    }


def set_expiry(request):
    allowed = {choice["value"]: choice for choice in choices()}
    choice = allowed.get(request.POST.get("seconds", ""))
    if choice is None:
        return Outcome.refused(_("set_expiry() here accepts only the values on the buttons."))
    argument = choice["argument"]
    session = request.session
    session.set_expiry(argument)
    outcome = Outcome(
        lines=[f"request.session.set_expiry({argument!r})"],
        result=choice["result"],
        level=messages.SUCCESS,
        forget_note=True,
    )
    if argument and argument <= 300:
        if session.session_key is None:
            # A brand-new session gets its key when it is saved; the note needs the key now.
            session.save()
        outcome.forget_note = False
        outcome.note = {
            "key": session.session_key,
            "until": time.time() + argument,
            "done": sorted(progress.done(session)),
        }
    return outcome


def observe(request, note):
    """Back on this page after pressing a short expiry: has that session really expired?"""
    if not isinstance(note, dict) or not isinstance(note.get("until"), int | float):
        return Outcome(forget_note=True)
    left = note["until"] - time.time()
    cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if cookie == note.get("key") and has_session(request):
        if left > 0:
            return Outcome(
                result=_("Still alive: about %(seconds)d seconds to go. Reload after that.")
                % {"seconds": round(left) or 1}
            )
        return Outcome(
            result=_(
                "Still alive: something saved your session after you pressed the button, "
                "which moved its expiry. Wait again without pressing anything, then reload."
            )
        )
    if left > 0:
        return Outcome(
            result=_(
                "That session ended before its time (a logout, a flush or a new key), so it "
                "did not expire. Press the button again to start over."
            ),
            level=messages.WARNING,
            forget_note=True,
        )
    restore = note.get("done") if isinstance(note.get("done"), list) else []
    return Outcome(
        result=_(
            "Your session expired: the browser dropped the cookie and the server no longer "
            "accepts the key. This page started a new session to record the goal, with your "
            "finished lessons copied from the note."
        ),
        level=messages.SUCCESS,
        goal_met=True,
        forget_note=True,
        restore=[slug for slug in restore if isinstance(slug, str)],
    )


ACTIONS = {"set_expiry": set_expiry}
