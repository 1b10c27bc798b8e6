"""Log in, log out, sign up, change the password, and see and end your sessions.

The first four are Django's own ``contrib.auth`` views; the subclasses only add what this site
teaches: remember me, and a message that shows the session key change.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from tutorial.accounts import demo, lifetime, sessions
from tutorial.accounts.forms import LoginForm
from tutorial.accounts.models import UserSession

logger = logging.getLogger(__name__)


def remember(session, remember_me):
    """Remember me, in one line: which expiry the session *cookie* gets.

    Unchecked, ``set_expiry(0)``: the cookie has no ``Max-Age`` or ``Expires`` and the browser
    drops it when it closes. Checked, ``set_expiry(None)``: the site's ``SESSION_COOKIE_AGE``.
    The record on the server expires after ``SESSION_COOKIE_AGE`` without a save either way.
    """
    session.set_expiry(None if remember_me else 0)


def announce_new_key(request, previous_key):
    """Tell the user that logging in gave their session a new key, and show both."""
    new_key = sessions.short_key(request.session.session_key)
    if previous_key:
        message = _(
            "You are logged in, and Django gave your session a new key (%(old)s → %(new)s): the "
            "old key now opens nothing, so a key someone planted or saw before you logged in is "
            "useless to them. What the session held, such as a cart, moved to the new key."
        ) % {"old": sessions.short_key(previous_key), "new": new_key}
    else:
        message = _(
            "You are logged in. You had no session yet, so Django started one (key %(new)s)."
        ) % {"new": new_key}
    messages.success(request, message)


def timeouts():
    return {
        "idle_timeout": lifetime.in_words(settings.SESSION_COOKIE_AGE),
        "login_lifetime": lifetime.in_words(settings.ACCOUNTS_LOGIN_LIFETIME),
    }


class LoginView(auth_views.LoginView):
    """Django's ``LoginView``, which already sends ``next`` through
    ``url_has_allowed_host_and_scheme()``: only addresses on this site are followed."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        previous_key = self.request.session.session_key
        login(self.request, form.get_user())  # Rotates the key: cycle_key().
        remember(self.request.session, form.cleaned_data["remember_me"])
        announce_new_key(self.request, previous_key)
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            **timeouts(),
            failure_limit=settings.ACCOUNTS_LOGIN_FAILURE_LIMIT,
            failure_window=lifetime.in_words(settings.ACCOUNTS_LOGIN_FAILURE_WINDOW),
            demo_learners=[] if settings.PRODUCTION else demo.LEARNERS,
        )


class LogoutView(auth_views.LogoutView):
    """Django's ``LogoutView`` (POST only): ``logout()`` flushes the whole session."""

    def post(self, request, *args, **kwargs):
        was_logged_in = request.user.is_authenticated
        response = super().post(request, *args, **kwargs)
        if was_logged_in:
            messages.info(
                request,
                _(
                    "You are logged out. Django flushed your session: the server deleted its "
                    "record with everything in it (your cart too) and told your browser to "
                    "forget the cookie."
                ),
            )
        return response


@method_decorator(sensitive_post_parameters(), name="dispatch")
class SignupView(auth_views.RedirectURLMixin, FormView):
    """Create an account with Django's ``UserCreationForm`` and log straight in."""

    form_class = UserCreationForm
    template_name = "registration/signup.html"
    next_page = settings.LOGIN_REDIRECT_URL

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("account")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        previous_key = self.request.session.session_key
        login(self.request, form.save())
        remember(self.request.session, False)
        announce_new_key(self.request, previous_key)
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, next=self.get_redirect_url())


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's ``PasswordChangeView``, which calls ``update_session_auth_hash()``.

    Each session holds a hash of the password it logged in with. A new password makes every
    other session's hash stale, so their next request is logged out; this session gets the new
    hash (and a new key), so it stays logged in.
    """

    def form_valid(self, form):
        previous_key = self.request.session.session_key
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Password changed. This session stays logged in under a new key (%(old)s → %(new)s).")
            % {
                "old": sessions.short_key(previous_key),
                "new": sessions.short_key(self.request.session.session_key),
            },
        )
        return response


@login_required
def account(request):
    """Your sessions: every browser logged in as you, and the two timeouts of this one."""
    current_key = request.session.session_key
    stored_on_server = sessions.stored_on_server(request.session)
    records = []
    if stored_on_server:
        records = UserSession.objects.active_for(request.user, current_key)
        if not any(record.is_current for record in records):
            # Logged in before its record existed (or the record was deleted by hand).
            UserSession.objects.record(request, request.user)
            records = UserSession.objects.active_for(request.user, current_key)
    return render(
        request,
        "accounts/account.html",
        {
            "records": records,
            "other_count": sum(not record.is_current for record in records),
            "stored_on_server": stored_on_server,
            "login_time": lifetime.login_time(request.session),
            "login_ends_at": lifetime.login_ends_at(request.session),
            "cookie_dies_with_browser": request.session.get_expire_at_browser_close(),
            **timeouts(),
        },
    )


@require_POST
@login_required
def end_session(request, pk):
    """Log out one of your sessions, on whichever device it is."""
    record = UserSession.objects.filter(pk=pk, user=request.user).first()
    if record is None:
        messages.info(request, _("That session had already ended."))
    elif record.session_key == request.session.session_key:
        logout(request)
        messages.info(request, _("You are logged out of this browser."))
        return redirect(settings.LOGOUT_REDIRECT_URL)
    else:
        browser = record.browser
        record.end()
        logger.info("session ended by its user: session %s", sessions.log_id(record.session_key))
        messages.success(
            request,
            _(
                "The session on %(browser)s is logged out: its record is gone from the server, "
                "so that browser's next request arrives as a stranger."
            )
            % {"browser": browser},
        )
    return redirect("account")


@require_POST
@login_required
def end_other_sessions(request):
    """Log out every session of yours except this one."""
    current_key = request.session.session_key
    others = [
        record
        for record in UserSession.objects.active_for(request.user, current_key)
        if not record.is_current
    ]
    for record in others:
        record.end()
        logger.info("session ended by its user: session %s", sessions.log_id(record.session_key))
    if others:
        messages.success(
            request,
            ngettext(
                "%(count)d other session is logged out.",
                "%(count)d other sessions are logged out.",
                len(others),
            )
            % {"count": len(others)},
        )
    else:
        messages.info(request, _("There were no other sessions to log out."))
    return redirect("account")
