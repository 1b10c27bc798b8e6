"""Progress in request.session["lessons"]: written in lesson order, tolerant of odd contents."""

from django.contrib.sessions.backends.signed_cookies import SessionStore

from tutorial.lessons import progress


def test_marking_done_keeps_lesson_order_and_reports_what_was_new():
    session = SessionStore()
    assert progress.mark_done(session, "security") is True
    assert progress.mark_done(session, "http-is-stateless", "security") is True
    assert progress.mark_done(session, "security") is False
    assert session["lessons"] == {"done": ["http-is-stateless", "security"]}


def test_steps_are_kept_until_the_lesson_is_done():
    session = SessionStore()
    assert progress.add_step(session, "storage-backends", "db") == {"db"}
    assert progress.add_step(session, "storage-backends", "cache") == {"cache", "db"}
    assert session["lessons"] == {"done": [], "steps": {"storage-backends": ["cache", "db"]}}
    progress.mark_done(session, "storage-backends")
    assert session["lessons"] == {"done": ["storage-backends"]}


def test_reading_never_marks_the_session_modified():
    session = SessionStore()
    progress.done(session)
    progress.steps(session, "expiry")
    assert session.modified is False
    progress.reset(session)
    assert session.modified is False, "resetting nothing changes nothing"


def test_writes_assign_a_new_dict_so_django_notices():
    session = SessionStore()
    progress.mark_done(session, "expiry")
    session.modified = False
    progress.mark_done(session, "security")
    assert session.modified is True
