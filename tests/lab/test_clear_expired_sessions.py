"""The clean-up command: expired rows and files go, live ones stay."""

import os
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.contrib.sessions.models import Session
from django.core.management import call_command

from tutorial.lab import engines


def file_path(key):
    return os.path.join(settings.SESSION_FILE_PATH, settings.SESSION_COOKIE_NAME + key)


def make(store_class, expiry):
    store = store_class()
    store["cart"] = {"1": 1}
    store.set_expiry(expiry)
    store.save()
    return store.session_key


def test_expired_rows_and_files_are_removed_and_live_ones_kept(db, capsys):
    FileStore = engines.store_class("file")
    live_row = make(DatabaseStore, 3600)
    expired_row = make(DatabaseStore, 3600)
    Session.objects.filter(session_key=expired_row).update(
        expire_date=Session.objects.get(session_key=expired_row).expire_date - timedelta(days=1)
    )
    live_file = make(FileStore, None)
    expired_file = make(FileStore, None)
    old = os.stat(file_path(expired_file)).st_mtime - settings.SESSION_COOKIE_AGE - 60
    os.utime(file_path(expired_file), (old, old))
    with open(file_path("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"), "wb") as unreadable:
        unreadable.write(b"\xff\xfe")

    call_command("clear_expired_sessions")

    assert set(Session.objects.values_list("session_key", flat=True)) == {live_row}
    assert os.path.exists(file_path(live_file))
    assert not os.path.exists(file_path(expired_file))
    assert not os.path.exists(file_path("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"))
    assert sorted(os.listdir(settings.SESSION_FILE_PATH)) == [
        settings.SESSION_COOKIE_NAME + live_file
    ], "no new file was created for an expired one"
    assert "Removed 1 expired database rows and 2 expired files." in capsys.readouterr().out


def test_without_a_file_store_only_rows_are_cleared(db, capsys):
    assert not os.path.exists(settings.SESSION_FILE_PATH)
    call_command("clear_expired_sessions")
    assert "Removed 0 expired database rows and 0 expired files." in capsys.readouterr().out
