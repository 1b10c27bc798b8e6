"""Remove expired sessions from every engine that keeps rows or files.

Django's ``clearsessions`` asks only the configured ``SESSION_ENGINE`` to clear its expired
sessions. With the backend lab, sessions also live in the other engines, so this command clears
both stores that keep something until it is removed:

- the database (``db`` and ``cached_db`` share the ``django_session`` table): expired rows;
- the file store (``SESSION_FILE_PATH``): files the file engine itself finds expired, and files
  it cannot read at all.

Caches expire their keys by themselves, and signed cookies keep nothing on the server. Run it
from cron, e.g. every night: ``15 3 * * * cd /srv/sessionlab && .venv/bin/python manage.py
clear_expired_sessions``.
"""

import os

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.contrib.sessions.backends.file import SessionStore as FileStore
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = "Remove expired sessions from the database and the file store (every engine's)."

    def handle(self, *args, **options):
        rows = self.clear_database()
        files = self.clear_files()
        self.stdout.write(f"Removed {rows} expired database rows and {files} expired files.")

    def clear_database(self):
        """What ``db.SessionStore.clear_expired()`` does, counting the rows."""
        expired = DatabaseStore.get_model_class().objects.filter(expire_date__lt=timezone.now())
        deleted, _ = expired.delete()
        return deleted

    def clear_files(self):
        """What ``file.SessionStore.clear_expired()`` does, counting the files, and surviving an
        unreadable one (the engine would stop at it with an exception)."""
        directory = settings.SESSION_FILE_PATH
        if not os.path.isdir(directory):
            return 0
        prefix = settings.SESSION_COOKIE_NAME
        removed = 0
        for name in os.listdir(directory):
            if not name.startswith(prefix):
                continue
            path = os.path.join(directory, name)
            session = FileStore(name.removeprefix(prefix))
            # Loading an expired session removes its file, then creates a new one: don't.
            session.create = lambda: None
            try:
                session.load()
            except ValueError:  # not ASCII: not a session file the engine can ever read
                os.remove(path)
            if not os.path.exists(path):
                removed += 1
        return removed
