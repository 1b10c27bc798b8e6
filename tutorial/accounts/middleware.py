"""Three small middlewares around a logged-in session. Each runs after ``AuthenticationMiddleware``
and ``MessageMiddleware`` (see ``MIDDLEWARE`` in the settings).

They look at ``request.session`` rather than ``request.user`` where they can: the session is
loaded once per request anyway, while ``request.user`` costs a query for the user.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.core.cache import cache
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from tutorial.accounts import lifetime, sessions
from tutorial.accounts.models import UserSession
from tutorial.session_reads import observes_session

logger = logging.getLogger(__name__)

#: ``last_seen`` is written at most this often per session.
LAST_SEEN_INTERVAL = 60


def is_logged_in(request):
    return SESSION_KEY in request.session


class LoginLifetimeMiddleware:
    """Log the user out once their login is older than ``ACCOUNTS_LOGIN_LIFETIME``.

    It runs before the view, so the request that crosses the line is already anonymous: a page
    that needs a login sends the user to the login form. Requests that only observe the session
    (the inspector's polls) are left alone: looking at a session must not end it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if observes_session(request):
            return None
        if is_logged_in(request) and lifetime.login_has_ended(request.session):
            started = lifetime.login_time(request.session)
            logger.info(
                "login lifetime over, logging out: session %s",
                sessions.log_id(request.session.session_key),
            )
            logout(request)
            if started is None:
                messages.warning(
                    request,
                    _("You have been logged out: this session did not record when you logged in."),
                )
            else:
                messages.warning(
                    request,
                    _(
                        "You have been logged out: a login lasts at most %(lifetime)s here, "
                        "however active you are. Log in again to continue."
                    )
                    % {"lifetime": lifetime.in_words(settings.ACCOUNTS_LOGIN_LIFETIME)},
                )
        return None


class LastSeenMiddleware:
    """Keep the user's record of this session current: its key, and when it was last seen.

    ``last_seen`` is written at most once a minute per session, never on every request: a cache
    entry that lives a minute says "written recently" (``cache.add()`` stores it only when it is
    absent, and says whether it did). The entry is named after the session key, so when a
    request changes the key while staying logged in (``cycle_key()``, on a password change for
    instance), the new key is due at once and its record is written in that same request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not observes_session(request)
            and is_logged_in(request)
            and sessions.stored_on_server(request.session)
            and self.due(request.session.session_key)
            # Last: request.user verifies the session (the view has usually loaded it already).
            and request.user.is_authenticated
        ):
            UserSession.objects.record(request, request.user)
        return response

    @staticmethod
    def due(session_key):
        marker = f"accounts:last-seen:{sessions.log_id(session_key)}"
        return cache.add(marker, True, timeout=LAST_SEEN_INTERVAL)


class NoStoreWhenLoggedInMiddleware:
    """Tell browsers and proxies not to keep pages made for a logged-in user.

    With ``Cache-Control: no-store`` the back button after logging out cannot bring a private
    page back from the browser's cache, and no shared cache keeps a copy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not observes_session(request) and is_logged_in(request):
            add_never_cache_headers(response)
        return response
