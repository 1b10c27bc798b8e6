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
from tutorial.lessons.signals import CARRY_ATTRIBUTE


class KeepProgressAfterLogoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        finished = getattr(request, CARRY_ATTRIBUTE, None)
        if finished:
            progress.mark_done(request.session, *finished)
            if hasattr(request, "_messages"):
                messages.info(
                    request,
                    _(
                        "This site started a new session holding only your lesson progress, "
                        "so that logging out does not cost you the lessons you finished."
                    ),
                )
        return response
