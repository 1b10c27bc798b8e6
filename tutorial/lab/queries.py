"""Count the database queries one request's session makes, and only those.

A session is lazy: it loads on the first read, saves in SessionMiddleware's response, and may
create, delete or rotate its record in between (``login()``, ``flush()``). So the counter wraps
those methods of the one session object, and while one of them runs, every SQL statement passes
through ``connection.execute_wrapper``. Other queries of the request (products, users) are not
counted, nor the ``SAVEPOINT`` bookkeeping of a save nested in another transaction.

It also makes a load that meets an unreadable record safe: Django's engines already treat a bad
signature or garbled data as an empty session (and log it), but the file engine lets a file that
is not ASCII escape as an exception. Here such a load is logged, the file removed, and the
session starts empty, as it would for any other corrupt record.
"""

import functools
import logging

from django.db import connection

logger = logging.getLogger(__name__)

#: The session methods that can reach the store.
METHODS = ("load", "save", "create", "exists", "delete", "cycle_key", "flush")
BOOKKEEPING = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


class SessionQueries:
    """Attached to one session object: ``count`` is the queries its methods have made."""

    def __init__(self, session):
        self.session = session
        self.count = 0
        self._depth = 0
        for name in METHODS:
            setattr(session, name, self._counting(getattr(session, name)))
        session.load = self._safe(session.load)

    def __call__(self, execute, sql, params, many, context):
        if not sql.lstrip().upper().startswith(BOOKKEEPING):
            self.count += 1
        return execute(sql, params, many, context)

    def _counting(self, method):
        @functools.wraps(method)
        def counted(*args, **kwargs):
            if self._depth:  # called by another session method that is already counting
                return method(*args, **kwargs)
            self._depth += 1
            try:
                with connection.execute_wrapper(self):
                    return method(*args, **kwargs)
            finally:
                self._depth -= 1

        return counted

    def _safe(self, load):
        @functools.wraps(load)
        def safe_load():
            try:
                return load()
            except ValueError:  # UnicodeDecodeError from the file engine's open(encoding="ascii")
                key = self.session.session_key
                logger.warning(
                    "Unreadable session record in %s: treated as empty",
                    type(self.session).__module__,
                )
                self.session._session_key = None
                if key:
                    type(self.session)(key).delete()
                return {}

        return safe_load


def watch(session):
    """Count the queries of ``session`` from now on; returns the counter (once per session)."""
    if not hasattr(session, "lab_queries"):
        session.lab_queries = SessionQueries(session)
    return session.lab_queries


def counted(session):
    """How many queries ``session`` made, or None if nobody was counting."""
    queries = getattr(session, "lab_queries", None)
    return None if queries is None else queries.count
