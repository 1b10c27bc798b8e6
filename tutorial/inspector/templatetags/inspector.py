"""Template helpers for the inspector: the snapshot for the side panel, and how to show times."""

import math
from datetime import timedelta

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.timesince import timeuntil
from django.utils.translation import gettext, ngettext

from tutorial.inspector.changes import LABELS

register = template.Library()


@register.simple_tag
def inspector_enabled():
    """Whether the side panel is shown: settings.INSPECTOR (SESSIONLAB_INSPECTOR=0 turns it off)."""
    return getattr(settings, "INSPECTOR", True)


@register.filter
def etag(snapshot, view):
    return snapshot.etag(view)


@register.filter
def epoch_ms(moment):
    """A datetime as milliseconds since 1970, for JavaScript's Date."""
    return int(moment.timestamp() * 1000) if moment else ""


@register.filter
def as_datetime(text):
    return parse_datetime(text) if text else None


def day_label(days, shown=None):
    """ "3 days"; ``shown`` replaces the number in the text (a placeholder for JavaScript)."""
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": shown or days}


@register.filter
def countdown(seconds):
    """Seconds left as a clock: "4:59", "1:00:00", "13 days 23:59:58". static/js/inspector/
    countdown.js formats the same way, with the day labels below."""
    seconds = max(0, math.ceil(seconds or 0))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return f"{day_label(days)} {hours:02}:{minutes:02}:{seconds:02}"
    if hours:
        return f"{hours}:{minutes:02}:{seconds:02}"
    return f"{minutes}:{seconds:02}"


@register.simple_tag
def day_labels():
    """The day label for one and for many, with "{n}" where the number goes (for JavaScript)."""
    return {"one": day_label(1, "{n}"), "other": day_label(2, "{n}")}


@register.filter
def seconds_in_words(seconds):
    """1209600 → "2 weeks"; under a minute, in seconds ("30 seconds")."""
    seconds = int(seconds)
    if seconds < 60:
        return ngettext("%(count)s second", "%(count)s seconds", seconds) % {"count": seconds}
    now = timezone.now()
    return timeuntil(now + timedelta(seconds=seconds), now)


@register.filter
def change_label(change):
    return LABELS.get(change.get("kind"), change.get("kind"))


@register.filter
def expiry_rule(value):
    """A stored ``_session_expiry`` value in words (None: no custom expiry)."""
    if value is None:
        return gettext("the default (SESSION_COOKIE_AGE)")
    if value == 0:
        return gettext("when the browser closes")
    if isinstance(value, str):
        moment = parse_datetime(value)
        return moment.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if moment else value
    return ngettext("%(count)s second", "%(count)s seconds", value) % {"count": value}
