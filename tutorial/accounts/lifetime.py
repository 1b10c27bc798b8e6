"""The absolute lifetime of a login, which Django does not have.

Django's own timeout is an *idle* one: a session expires ``SESSION_COOKIE_AGE`` seconds after it
was last saved, so a user who keeps clicking stays logged in forever. Here the login time goes
into the session, and ``LoginLifetimeMiddleware`` logs the user out once
``ACCOUNTS_LOGIN_LIFETIME`` seconds have passed since, whatever they do.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.timesince import timeuntil

#: The session key that holds when the user logged in, as an ISO 8601 string.
LOGIN_TIME_KEY = "login_time"


def stamp_login_time(session):
    session[LOGIN_TIME_KEY] = timezone.now().replace(microsecond=0).isoformat()


def login_time(session):
    """When this session logged in, or ``None`` when the value is missing or not a time."""
    value = session.get(LOGIN_TIME_KEY)
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else None


def login_ends_at(session):
    started = login_time(session)
    if started is None:
        return None
    return started + timedelta(seconds=settings.ACCOUNTS_LOGIN_LIFETIME)


def login_has_ended(session):
    """Whether the login is over. A login without a valid start time counts as over: fail closed."""
    ends_at = login_ends_at(session)
    return ends_at is None or timezone.now() >= ends_at


def in_words(seconds):
    """A duration setting as people say it: "2 weeks", "12 hours", in the user's language."""
    now = timezone.now()
    return timeuntil(now + timedelta(seconds=seconds), now)
