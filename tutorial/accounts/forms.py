import logging

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tutorial.accounts.clients import client_ip
from tutorial.accounts.throttle import LoginThrottle

logger = logging.getLogger(__name__)


class LoginForm(AuthenticationForm):
    """Django's login form, with "remember me" and a throttle on failed attempts.

    A failure says only that the pair did not match (Django's own message), never whether the
    username exists.
    """

    remember_me = forms.BooleanField(label=_("Remember me on this browser"), required=False)

    def clean(self):
        username = self.cleaned_data.get("username")
        if not (username and self.cleaned_data.get("password")):
            return super().clean()  # A missing field already has its own error.
        throttle = LoginThrottle(username, client_ip(self.request))
        if throttle.is_locked():
            raise self.get_throttled_error()
        try:
            cleaned_data = super().clean()
        except ValidationError:
            if throttle.record_failure() == settings.ACCOUNTS_LOGIN_FAILURE_LIMIT:
                logger.warning(
                    "login throttled: too many failures from %s", client_ip(self.request)
                )
            raise
        throttle.reset()
        return cleaned_data

    def get_throttled_error(self):
        minutes = max(1, settings.ACCOUNTS_LOGIN_LOCKOUT // 60)
        message = ngettext(
            "Too many failed attempts to log in with this username from your network. To "
            "protect the account, logging in is paused for up to %(minutes)d minute: try again "
            "later.",
            "Too many failed attempts to log in with this username from your network. To "
            "protect the account, logging in is paused for up to %(minutes)d minutes: try again "
            "later.",
            minutes,
        ) % {"minutes": minutes}
        return ValidationError(message, code="throttled")
