"""Lesson 3, server-side storage: store a value and look at the record Django keeps for it.

With the database engines the record is a row of the ``django_session`` table, read here
straight from the model, exactly as stored. With the other engines there is no row, and the
panel says which engine is active instead of pretending.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from tutorial.lessons.exercises import has_session, own_keys
from tutorial.lessons.exercises.playground import set_value

TEMPLATE = "lessons/try/server-side-storage.html"


def stored_row(request):
    """The learner's own ``django_session`` row, or None (no session, or not a database engine)."""
    session = request.session
    if not isinstance(session, DatabaseSessionStore) or not has_session(request):
        return None
    return session.model.objects.filter(session_key=session.session_key).first()


def context(request):
    session = request.session
    row = stored_row(request)
    return {
        "engine": type(session).__module__,
        "uses_database": isinstance(session, DatabaseSessionStore),
        "row": row,
        "decoded": sorted(row.get_decoded().items()) if row else [],
    }


def goal(request):
    """A value of the learner's own is in the session (not one the site or Django put there)."""
    return bool(own_keys(request.session))


ACTIONS = {"store": set_value}
