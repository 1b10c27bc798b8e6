"""Django's SessionMiddleware, with the session engine chosen per request.

Django picks ``SessionStore`` once, from ``SESSION_ENGINE``, when the middleware starts. This
subclass picks it on each request from the learner's engine cookie (see ``engines.chosen``),
and changes nothing else: the cookie is read, saved, refreshed and deleted exactly as Django
does it. It replaces ``django.contrib.sessions.middleware.SessionMiddleware`` in MIDDLEWARE.

It also measures: the queries the session makes in this request (``queries.watch``), and, once
the session has been saved, the figures the lab page compares (``figures.note``). Requests that
only observe the session (the inspector's polls) are not measured: they do not use it.
"""

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware

from tutorial.lab import engines, figures, queries
from tutorial.session_reads import observes_session


class LabSessionMiddleware(SessionMiddleware):
    def process_request(self, request):
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        request.session = engines.store_class_for(request)(session_key)
        queries.watch(request.session)

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if hasattr(request, "session") and not observes_session(request):
            figures.note(request, response)
        return response
