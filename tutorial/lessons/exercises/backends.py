"""Lesson 8, storage backends: the five engines side by side, and the backend lab once it exists.

Until the lab lands (a URL named "lab"), the goal is to read the table and mark the lesson
done. With the lab, a learner can move their own session between engines; the "note this
engine" button records the engine that served the request, and two different ones meet the
goal.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tutorial.lessons import progress
from tutorial.lessons.exercises import Outcome, has_session, url_or_none

TEMPLATE = "lessons/try/storage-backends.html"
SLUG = "storage-backends"
ENGINES_NEEDED = 2

YES, NO = gettext_lazy("yes"), gettext_lazy("no")

# Where the data lives, size limit, survives a restart, shared by several server processes,
# can be revoked (one session, by the server, before it expires).
TRADE_OFFS = [
    (
        "db",
        gettext_lazy("a row in the django_session table"),
        gettext_lazy("none in practice (a text column)"),
        YES,
        YES,
        gettext_lazy("yes: delete the row"),
    ),
    (
        "cache",
        gettext_lazy("the cache: local memory, Redis or Memcached"),
        gettext_lazy("the cache's item size (1 MB in Memcached)"),
        gettext_lazy("local memory: no; Redis: if it saves to disk"),
        gettext_lazy("local memory: no, each process has its own; Redis: yes"),
        gettext_lazy("yes: delete the cache key (the cache may also evict it early)"),
    ),
    (
        "cached_db",
        gettext_lazy("the database, with a copy in the cache for fast reads"),
        gettext_lazy("as db"),
        YES,
        YES,
        gettext_lazy("yes: delete the row and the cache key"),
    ),
    (
        "file",
        gettext_lazy("one file per session in SESSION_FILE_PATH"),
        gettext_lazy("the disk"),
        gettext_lazy("yes, unless the folder is a temporary one that gets wiped"),
        gettext_lazy("only by processes on the same machine"),
        gettext_lazy("yes: delete the file"),
    ),
    (
        "signed_cookies",
        gettext_lazy("in the cookie itself, in the browser: signed, readable, not encrypted"),
        gettext_lazy("about 4 KB, the browser's limit for one cookie"),
        YES,
        YES,
        gettext_lazy("no: a copied cookie stays valid until it expires, unless SECRET_KEY changes"),
    ),
]


def engine_name(request):
    """The short name of the engine serving this request ("db", "signed_cookies", ...)."""
    return type(request.session).__module__.rpartition(".")[2]


def context(request):
    lab_url = url_or_none("lab")
    return {
        "engine": engine_name(request),
        "trade_offs": TRADE_OFFS,
        "lab_url": lab_url,
        "engines_noted": sorted(progress.steps(request.session, SLUG)),
        "engines_needed": ENGINES_NEEDED,
    }


def mark_read(request):
    if url_or_none("lab"):
        return Outcome.refused(_("With the backend lab here, the goal is to try two engines."))
    return Outcome(result=_("Marked as done."), level=messages.SUCCESS, goal_met=True)


def note_engine(request):
    """Record the engine that served this request (only once the lab can change it)."""
    if not url_or_none("lab"):
        return Outcome.refused(
            _("The backend lab is not on this site yet: mark the lesson done instead.")
        )
    if not has_session(request):
        return Outcome.refused(
            _("You have no session yet, so no engine is storing anything for you.")
        )
    engine = engine_name(request)
    return Outcome(
        lines=["type(request.session).__module__"],
        result=_("Noted: your session is stored by the %(engine)s engine.") % {"engine": engine},
        level=messages.SUCCESS,
        step=engine,
    )


def goal(request):
    """Two different engines noted (a step each, recorded by note_engine)."""
    return len(progress.steps(request.session, SLUG)) >= ENGINES_NEEDED


ACTIONS = {"read": mark_read, "note_engine": note_engine}
