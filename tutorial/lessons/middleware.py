"""Lesson progress survives a logout; nothing else in the session does.

``logout()`` flushes the session: the record is deleted, and the learner's cart and login go
with it, which lesson 10 shows on purpose. Losing every finished lesson with them would only
be unkind, so this middleware writes the progress noted by the ``user_logged_out`` receiver
(signals.py) into the new session, the way Django itself once kept the language choice across
a logout. It must come after SessionMiddleware in MIDDLEWARE, so that its response runs first.
"""

from django.contrib import messages
from django.utils.translation import gettext as _

from tutorial.lessons import progress
from tutorial.lessons.signals import CARRY_ATTRIBUTE, LOGIN_LESSON


class KeepProgressAfterLogoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        finished = getattr(request, CARRY_ATTRIBUTE, None)
        if finished:
            progress.mark_done(request.session, *finished)
            if LOGIN_LESSON in finished and hasattr(request, "_messages"):
                messages.success(
                    request,
                    _(
                        "You logged out: logout() flushed your session, so your old key, your "
                        "cart and your login are gone. Only your lesson progress was copied into "
                        "a new session, and lesson 10 is done."
                    ),
                )
        return response
