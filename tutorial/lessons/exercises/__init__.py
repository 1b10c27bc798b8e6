"""Each lesson's Try it panel: one module per lesson.

A module may define:

``TEMPLATE``
    the template of its Try it panel (required);
``context(request)``
    extra template context, read-only: it must never write the session;
``ACTIONS``
    ``{"name": function}``: what the panel's POST forms do. A function takes the request and
    returns an :class:`Outcome`: the Python lines that ran, what happened, and whether the goal
    was met. The view posts back to ``lessons/<slug>/try/<name>/``;
``goal(request)``
    the goal checked from the session's real state (a cart with two products, a counter at 3).
    Lessons whose goal is an event (a rejected signature, a session that expired) mark it
    from the action or the observation that saw the event, and have no ``goal``;
``observe(request)``
    what the lesson's page notices on arrival, comparing its note (see ``notes.py``) with the
    session; returns an :class:`Outcome` or None.
"""

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.urls import NoReverseMatch, reverse

from tutorial.lessons import progress

# Keys the site itself keeps in the session. The playground cannot set, delete or pop them:
# "cart" is the shop's (shop/cart.py), "lessons" is the learner's progress (progress.py),
# "login_time" is when the accounts app logged the learner in (its 12-hour limit reads it).
SITE_KEYS = frozenset({"cart", progress.SESSION_KEY, "login_time"})

# Keys that the lessons' own buttons use. The playground may change them (and the lessons
# cope with whatever it puts there), but they are not "a value of your own" in lesson 3.
DEMO_KEYS = frozenset({"first_visit", "visits", "drink"})


@dataclass
class Outcome:
    """What a Try it action (or a page's observation) did, for the view to report and record."""

    lines: list[str] = field(default_factory=list)  # the exact Python that ran
    result: str = ""  # what happened, in the learner's language
    level: int = messages.INFO
    goal_met: bool = False
    step: str | None = None  # a halfway point towards the goal, recorded in the progress
    note: Any = None  # a note to leave for the next request (see notes.py)
    forget_note: bool = False
    restore: list[str] = field(default_factory=list)  # finished lessons to carry over

    @classmethod
    def refused(cls, message):
        """Bad input: say why, and change nothing."""
        return cls(result=message, level=messages.ERROR)


def has_session(request):
    """True if the request brought the key of a session that exists and has not expired.

    With no session cookie this costs nothing; otherwise it loads the session (one query with
    the database engine), after which Django forgets a key it could not find.
    """
    session = request.session
    if session.session_key is None:
        return False
    session.keys()  # loads the session; an unknown or expired key is dropped
    return session.session_key is not None


def own_keys(session):
    """The keys a learner stored themselves: not Django's, not the site's, not the lessons'."""
    keys = session.keys()  # a session has keys() like a dict, but cannot be iterated itself
    return [
        key
        for key in keys
        if not key.startswith("_") and key not in SITE_KEYS and key not in DEMO_KEYS
    ]


def url_or_none(name, *args):
    """The URL of a page another part of the site provides, or None if it is not installed.

    The shop, the accounts and the backend lab are built separately; a lesson links to them
    only when they exist, so it never shows a dead link.
    """
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None
