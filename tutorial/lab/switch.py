"""Move a session to another engine: a new record there, the old one deleted.

There is no "convert" in Django's session framework: each engine keeps its own records. So a
move is a new session in the target engine, holding a copy of the data (or nothing), and the
deletion of the old record, so that no row, cache key or file is left behind for nobody.

The auth keys (``_auth_user_id`` and friends) are ordinary session data: copied along, they keep
the learner logged in. The new session gets a new key, as ``login()`` would give it, and the
accounts' record of the session follows it.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser

from tutorial.accounts.models import UserSession
from tutorial.lab import engines, queries


def move(request, target, bring):
    """Replace ``request.session`` by a session of engine ``target``; return the new session.

    SessionMiddleware saves the new session and sends its cookie on the way out, or, when it is
    empty, deletes the cookie.
    """
    old = request.session
    old_key = old.session_key
    data = dict(old.items()) if bring else {}
    logged_in = SESSION_KEY in old
    new = engines.store_class(target)()
    queries.watch(new)
    new.update(data)
    old.delete()  # The old row, cache key or file; nothing at all for a signed cookie.
    if data:
        # Give the new session its key now (SessionMiddleware saves it again on the way out),
        # so that the accounts' record can follow it in this request.
        new.create()
        if logged_in and old_key:
            UserSession.objects.moved(old_key, new)
    elif old_key:
        UserSession.objects.filter(session_key=old_key).delete()
        if logged_in:
            request.user = AnonymousUser()
    request.session = new
    recorder = getattr(request, "_session_recorder", None)
    if recorder is not None:
        recorder.session = new  # The inspector's timeline compares with the session sent back.
    return new
