"""Keep the user ↔ session records in step with ``login()`` and ``logout()``."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from tutorial.accounts import lifetime, sessions
from tutorial.accounts.models import UserSession

logger = logging.getLogger(__name__)


@receiver(user_logged_in, dispatch_uid="accounts_logged_in")
def on_login(sender, request, user, **kwargs):
    """Start the login's lifetime and remember which session it is in.

    A receiver rather than code in the login view, so every way of logging in counts: the
    login form, sign-up, the admin's login page, and ``Client.login()`` in tests.
    """
    lifetime.stamp_login_time(request.session)
    if sessions.stored_on_server(request.session):
        if request.session.session_key is None:
            # login() flushed a session that belonged to another user; the new, empty one
            # gets its key when it is first saved. Save it now, so the key can be recorded.
            request.session.save()
        UserSession.objects.start(request, user)
    logger.info("login: user %s, session %s", user.pk, sessions.log_id(request.session.session_key))


@receiver(user_logged_out, dispatch_uid="accounts_logged_out")
def on_logout(sender, request, user, **kwargs):
    """Forget the session that is about to be flushed."""
    key = request.session.session_key
    if key:
        UserSession.objects.filter(session_key=key).delete()
    logger.info("logout: user %s, session %s", getattr(user, "pk", None), sessions.log_id(key))
