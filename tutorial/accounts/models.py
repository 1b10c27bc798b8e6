from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tutorial.accounts import lifetime, sessions
from tutorial.accounts.clients import client_ip, describe_browser

USER_AGENT_LENGTH = 300


class UserSessionQuerySet(models.QuerySet):
    def start(self, request, user):
        """A login: the session has just been given a new key, so it gets a new record."""
        now = timezone.now()
        return self.create(
            session_key=request.session.session_key, **self._describe(request, user, now)
        )

    def moved(self, old_key, session):
        """The session moved to another key in another engine (the backend lab), data and all.

        Its record follows it, or goes if the new engine keeps nothing on the server.
        """
        records = self.filter(session_key=old_key)
        if sessions.stored_on_server(session):
            records.update(session_key=session.session_key, engine=sessions.engine_of(session))
        else:
            records.delete()

    def record(self, request, user):
        """Note that the current session was seen now, creating its record if there is none.

        There is none after a request changed the session key while staying logged in
        (``cycle_key()``: a password change, a lesson's button), or for a session that logged in
        before this app was installed.
        """
        now = timezone.now()
        key = request.session.session_key
        if not self.filter(session_key=key).update(last_seen=now):
            self.get_or_create(session_key=key, defaults=self._describe(request, user, now))

    @staticmethod
    def _describe(request, user, now):
        return {
            "user": user,
            "engine": sessions.engine_of(request.session),
            "created": lifetime.login_time(request.session) or now,
            "last_seen": now,
            "user_agent": request.headers.get("User-Agent", "")[:USER_AGENT_LENGTH],
            "ip_address": client_ip(request),
        }

    def active_for(self, user, current_key=None):
        """The user's sessions that still log them in, newest first; forget the others.

        A session can end without anyone telling us: it expires, ``clearsessions`` removes it,
        the cache evicts it, a password change invalidates it. So the store is asked about each
        one, and records whose session is gone are deleted here, as they are found. The current
        session is alive by definition: this request was authenticated with it.
        """
        alive, gone = [], []
        for record in self.filter(user=user).order_by("-last_seen", "-pk"):
            record.is_current = record.session_key == current_key
            if record.is_current or record.logs_in(user):
                alive.append(record)
            else:
                gone.append(record.pk)
        if gone:
            self.filter(pk__in=gone).delete()
        return alive


class UserSession(models.Model):
    """Which session belongs to which user.

    The session store cannot answer "which sessions are alice's?": the user id is inside each
    session's encoded data, and with the cache engine there is not even a table to search. So
    each login writes one row here, and logout deletes it. The row holds the session key
    itself, as ``django_session`` does, because ending a session means asking the store to
    delete that key, and the engine, because the backend lab lets a session live in any of them.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions"
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    # The SESSION_ENGINE that keeps this session: with the backend lab, not always the site's.
    engine = models.CharField(_("session engine"), max_length=100, blank=True)
    created = models.DateTimeField(_("logged in"))
    last_seen = models.DateTimeField(_("last seen"))
    user_agent = models.CharField(_("user agent"), max_length=USER_AGENT_LENGTH, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = UserSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("user session")
        verbose_name_plural = _("user sessions")

    def __str__(self):
        return f"{self.user} · {sessions.log_id(self.session_key)}"

    @property
    def seen_in_the_last_minute(self):
        """``last_seen`` is only written once a minute, so "0 minutes ago" would claim too much."""
        return timezone.now() - self.last_seen < timedelta(seconds=60)

    @property
    def browser(self):
        return describe_browser(self.user_agent)

    def logs_in(self, user):
        """Whether the store still has this session, unexpired, and it still logs ``user`` in."""
        return sessions.is_logged_in_as(sessions.load(self.session_key, self.engine), user)

    def end(self):
        """Delete the session from the store and forget it: its browser is now anonymous."""
        sessions.delete(self.session_key, self.engine)
        self.delete()
