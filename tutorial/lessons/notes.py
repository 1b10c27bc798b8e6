"""A lesson's note to itself: a small signed cookie that outlives the session it talks about.

Two goals are about something the session itself cannot remember:

- lesson 5, "watch a session expire": once the session has expired it is gone, so the fact
  that it *was* set to expire has to be written somewhere else;
- lesson 7, "see the nested-mutation pitfall": the lost change is lost precisely because
  nothing is saved in that request, so writing a note into the session would save the change
  too and spoil the demonstration.

So the lesson writes a note in a cookie of its own, signed (the learner can read it but not
forge it) and sent back only to that lesson's pages (its ``Path`` is the lesson's URL). The
next visit compares the note with the session's real state. One note per lesson.
"""

from django.conf import settings
from django.core import signing

COOKIE_NAME = "lessons_note"
MAX_AGE = 60 * 60 * 24  # a day: plenty for an experiment that takes a minute


def _salt(lesson):
    # The salt ties a note to its lesson: lesson 7's note cannot be replayed to lesson 5.
    return f"tutorial.lessons.notes.{lesson.slug}"


def read(request, lesson):
    """The note this lesson left in the learner's browser, or None (missing, forged, too old)."""
    value = request.COOKIES.get(COOKIE_NAME)
    if value is None:
        return None
    try:
        return signing.loads(value, salt=_salt(lesson), max_age=MAX_AGE)
    except (signing.BadSignature, ValueError):
        return None


def write(response, lesson, value):
    """Leave a note (any JSON-serialisable value) for this lesson's next request."""
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps(value, salt=_salt(lesson)),
        max_age=MAX_AGE,
        path=lesson.url,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def forget(response, lesson):
    response.delete_cookie(COOKIE_NAME, path=lesson.url, samesite="Lax")
