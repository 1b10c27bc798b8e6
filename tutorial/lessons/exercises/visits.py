"""Lesson 4, keeping the session: the visit counter, MDN's classic example.

Each press reads the number the session kept from the last request and stores one more.
"""

from django.contrib import messages
from django.utils.translation import gettext as _

from tutorial.lessons.exercises import Outcome

TEMPLATE = "lessons/try/keeping-the-session.html"
GOAL = 3


def count(session):
    """The stored count, or None if "visits" holds something that is not a whole number."""
    value = session.get("visits", 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def context(request):
    return {
        "visits": count(request.session),
        "stored": request.session.get("visits"),
        "goal_count": GOAL,
    }


def visit(request):
    current = count(request.session)
    if current is None:
        return Outcome.refused(
            _(
                "request.session['visits'] holds %(value)s, which is not a count. "
                "Start over to reset it."
            )
            % {"value": repr(request.session.get("visits"))}
        )
    request.session["visits"] = current + 1
    return Outcome(
        lines=["request.session['visits'] = request.session.get('visits', 0) + 1"],
        result=_("The server remembered %(before)d and stored %(after)d.")
        % {"before": current, "after": current + 1},
        level=messages.SUCCESS,
    )


def start_over(request):
    request.session.pop("visits", None)
    return Outcome(
        lines=["request.session.pop('visits', None)"],
        result=_("The counter is gone; the next press starts from 0 again."),
    )


def goal(request):
    return (count(request.session) or 0) >= GOAL


ACTIONS = {"visit": visit, "start_over": start_over}
