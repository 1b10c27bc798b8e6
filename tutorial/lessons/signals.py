"""Lesson 10's goal, "log in and out once", noticed where it happens: at logout.

``logout()`` sends ``user_logged_out`` and then flushes the session, so anything this receiver
wrote into the session would be thrown away a moment later. It only notes on the request what
to carry over: the lessons already finished, plus lesson 10 itself if a logged-in user is
logging out. KeepProgressAfterLogoutMiddleware writes that into the new, empty session after
the view has returned.
"""

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from tutorial.lessons import progress

LOGIN_LESSON = "login-state"
CARRY_ATTRIBUTE = "lessons_progress_after_logout"


@receiver(user_logged_out, dispatch_uid="tutorial.lessons.note_logout")
def note_logout(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    finished = progress.done(request.session)
    if user is not None and user.is_authenticated:
        finished.add(LOGIN_LESSON)
    setattr(request, CARRY_ATTRIBUTE, finished)
