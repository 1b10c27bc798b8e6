"""Lesson 10's goal, "log in and out once", noticed where it happens: at logout.

``logout()`` sends ``user_logged_out`` and then flushes the session, so anything this receiver
wrote into the session would be thrown away a moment later. It only notes on the request what
to carry over, and KeepProgressAfterLogoutMiddleware writes it into the new, empty session once
the view has returned:

- the lessons already finished, so that a logout does not cost the learner their progress;
- lesson 10 itself, when a logged-in user logs out by pressing a button (a POST, not the
  site's own 12-hour limit) and is taking the lessons: they have progress already, or they
  logged out from lesson 10's page.

A visitor with no lesson progress who logs out elsewhere gets the plain flush: no new session.
"""

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from django.urls import reverse

from tutorial.lessons import progress

LOGIN_LESSON = "login-state"
CARRY_ATTRIBUTE = "lessons_progress_after_logout"


def logged_out_from_the_lesson(request):
    lesson_url = reverse("lessons:detail", args=[LOGIN_LESSON])
    return request.POST.get(REDIRECT_FIELD_NAME) == lesson_url


@receiver(user_logged_out, dispatch_uid="tutorial.lessons.note_logout")
def note_logout(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    finished = progress.done(request.session)
    by_the_learner = user is not None and request.method == "POST"
    if by_the_learner and (finished or logged_out_from_the_lesson(request)):
        finished.add(LOGIN_LESSON)
    if finished:
        setattr(request, CARRY_ATTRIBUTE, finished)
