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
from django.utils.translation import ngettext

from tutorial.accounts import lifetime, sessions
from tutorial.accounts.models import UserSession

logger = logging.getLogger(__name__)

#: ``last_seen`` is written at most this often per session.
LAST_SEEN_INTERVAL = 60


def is_logged_in(request):
    return SESSION_KEY in request.session


class LoginLifetimeMiddleware:
    """Log the user out once their login is older than ``ACCOUNTS_LOGIN_LIFETIME``.

    It runs before the view, so the request that crosses the line is already anonymous: a page
    that needs a login sends the user to the login form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
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
                hours = settings.ACCOUNTS_LOGIN_LIFETIME // 3600
                messages.warning(
                    request,
                    ngettext(
                        "You have been logged out: a login lasts at most %(hours)d hour here, "
                        "however active you are. Log in again to continue.",
                        "You have been logged out: a login lasts at most %(hours)d hours here, "
                        "however active you are. Log in again to continue.",
                        hours,
                    )
                    % {"hours": hours},
                )
        return self.get_response(request)


class LastSeenMiddleware:
    """Keep the user's record of this session current: its key, and when it was last seen.

    ``last_seen`` is written at most once a minute per session, never on every request: a cache
    entry that lives a minute says "written recently" (``cache.add()`` succeeds only when it is
    absent). When the request changed the session key while staying logged in
    (``cycle_key()``, for instance on a password change), the record follows it at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key_before = request.session.session_key
        response = self.get_response(request)
        if is_logged_in(request) and sessions.stored_on_server():
            key = request.session.session_key
            rotated = key != key_before
            # request.user is checked last: it verifies the session, and was loaded by the view.
            if (rotated or self.due(key)) and request.user.is_authenticated:
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
        if is_logged_in(request):
            add_never_cache_headers(response)
        return response
