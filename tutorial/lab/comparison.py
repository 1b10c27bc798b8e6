"""The comparison table: each engine's figures for this session, and its three answers explained.

The three questions (does a session survive a server restart? is it shared by several server
processes? can the server revoke it?) are answered for *this* site's configuration: the cache
engines answer differently with local memory and with Redis.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tutorial.lab import engines
from tutorial.session_cookies import COOKIE_SIZE_LIMIT

YES, NO, PARTLY = "yes", "no", "partly"

__all__ = ["COOKIE_SIZE_LIMIT", "rows"]


@dataclass
class Answer:
    verdict: str  # YES, NO or PARTLY: the word shown and the class that colours it
    why: str

    @property
    def label(self):
        return {YES: _("yes"), NO: _("no"), PARTLY: _("partly")}[self.verdict]


@dataclass
class Row:
    engine: str
    where: str
    current: bool
    figures: dict | None  # None: this session has not been in this engine (in this browser)
    restart: Answer
    shared: Answer
    revoke: Answer

    @property
    def answers(self):
        return (self.restart, self.shared, self.revoke)


WHERE = {
    "db": _("a row in the django_session table"),
    "cache": _("one cache key"),
    "cached_db": _("a row, and a copy under a cache key"),
    "file": _("one file in SESSION_FILE_PATH"),
    "signed_cookies": _("nowhere on the server: the cookie is the session"),
}


def answers(name, per_process):
    """(restart, shared, revoke) for one engine, given whether the cache is per process."""
    revoke_record = Answer(YES, _("Delete the record and the next request finds nothing."))
    if name == "db":
        return (
            Answer(YES, _("The database is on disk.")),
            Answer(YES, _("Every process reads the same table.")),
            revoke_record,
        )
    if name == "cache" and per_process:
        return (
            Answer(NO, _("Local memory dies with the process.")),
            Answer(
                NO,
                _(
                    "Each process has its own local memory. With several workers, a session "
                    "saved by one is unknown to the others: you are logged in on some requests "
                    "only, whichever worker answers."
                ),
            ),
            Answer(YES, _("Delete the cache key (in the process that holds it).")),
        )
    if name == "cache":
        return (
            Answer(PARTLY, _("Only if Redis saves to disk; and it may evict the key early.")),
            Answer(YES, _("Every process talks to the same Redis.")),
            Answer(YES, _("Delete the cache key.")),
        )
    if name == "cached_db":
        shared = (
            Answer(
                PARTLY,
                _(
                    "The row is shared, but each process reads its own local-memory copy "
                    "first, which another process's save leaves stale."
                ),
            )
            if per_process
            else Answer(YES, _("The row and the Redis copy are shared."))
        )
        return (Answer(YES, _("The row is in the database.")), shared, revoke_record)
    if name == "file":
        return (
            Answer(YES, _("Unless the folder is wiped, like a temporary directory.")),
            Answer(PARTLY, _("Only processes on the same machine see the folder.")),
            Answer(YES, _("Delete the file.")),
        )
    return (
        Answer(YES, _("The browser keeps it; it stays valid as long as SECRET_KEY does.")),
        Answer(YES, _("Any process with the same SECRET_KEY can check the signature.")),
        Answer(
            NO,
            _(
                "Nothing to delete: a copied cookie stays valid until SESSION_COOKIE_AGE has "
                "passed since it was signed, whatever set_expiry() said."
            ),
        ),
    )


def rows(current, measured):
    """One row per engine, in the order of ``engines.ENGINES``."""
    per_process = engines.cache_is_per_process()
    return [
        Row(name, WHERE[name], name == current, measured.get(name), *answers(name, per_process))
        for name in engines.ENGINES
    ]
