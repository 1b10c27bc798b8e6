"""Record what each request did to its session: the inspector's timeline."""

import copy
import logging

from django.conf import settings
from django.utils import timezone

from tutorial.inspector import changes, timeline
from tutorial.inspector.snapshot import engine_of, shorten

logger = logging.getLogger(__name__)


class SessionRecorder:
    """Watches one request's session object without adding a single read of its storage.

    Telling what a view changed needs the data as it was *before* the view. Reading it here would
    cost a query on every request, so the recorder wraps this one object's ``load()`` and keeps a
    copy of what the view's own first read returned, and wraps ``flush()`` to notice a flush. A
    view that never reads its session costs nothing. The class and other requests are untouched.
    """

    def __init__(self, session):
        self.session = session
        self.key = session.session_key or None
        self.data = None  # unknown until the view reads the session
        self.flushed = False
        self.found_expired = False
        if hasattr(session, "_session_cache"):
            self.data = copy.deepcopy(session._session_cache)  # read earlier by a middleware
        elif self.key is None:
            self.data = {}  # nothing stored: the view starts from an empty session
        self._load, self._flush = session.load, session.flush
        session.load, session.flush = self.load, self.flush

    def load(self):
        data = self._load()
        self.data = copy.deepcopy(data)
        # Each engine reacts to a key it cannot use: db, cache and file forget the key (the file
        # engine even gives the session a new one), the signed-cookie engine asks for a new cookie.
        self.found_expired = bool(
            self.key
            and not data
            and (self.session.session_key != self.key or self.session.modified)
        )
        return data

    def flush(self):
        self.flushed = True
        return self._flush()

    def event(self, request, response):
        """The timeline entry for this request, or None if neither session nor cookie changed."""
        key = self.session.session_key or None
        cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
        if (cookie is None and key == self.key) or not (key or self.key):
            return None
        found = changes.between(
            self.key,
            self.data,
            key,
            getattr(self.session, "_session_cache", None),
            flushed=self.flushed,
            found_expired=self.found_expired,
            rotates=engine_of(self.session) != "signed_cookies",
        )
        if not found and cookie is not None and cookie.value:
            found = [{"kind": "saved"}]
        return {
            "at": timezone.now().isoformat(),
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "changes": found,
            "set_cookie": set_cookie_header(cookie) if cookie is not None else "",
        }


def set_cookie_header(morsel):
    """The Set-Cookie header as sent, with the value shortened (the timeline never keeps a key)."""
    _, _, attributes = morsel.OutputString().partition(";")
    value = shorten(morsel.value) if morsel.value else '""'
    return f"{morsel.key}={value};{attributes}"


class SessionTimelineMiddleware:
    """Record, around each view, what the request did to its session and the cookie it sent.

    Placement: in MIDDLEWARE directly *above* SessionMiddleware (outside it), because:

    - on the way out, SessionMiddleware saves the session, gives a new session its key and sets
      or deletes the cookie. Only outside it can the timeline record the key the browser really
      receives and the Set-Cookie header really sent;
    - on the way in, ``process_view`` runs after every middleware's request phase, so
      ``request.session`` exists there and the recorder is attached before the view reads it.

    An event is written to the cache only when the session's key or cookie changed (every save
    sets the cookie again), never for plain reads or the inspector's own polls, and never to the
    database: the timeline adds no query to any request. A failure to record is logged and the
    response goes out unchanged: a teaching aid must never break the lesson.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        recorder = getattr(request, "_session_recorder", None)
        if recorder is not None and response.status_code < 500:
            try:
                if event := recorder.event(request, response):
                    new_key = recorder.session.session_key or recorder.key
                    timeline.record(event, old_key=recorder.key, new_key=new_key)
            except Exception:
                logger.exception("Could not record the session timeline for %s", request.path)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if hasattr(request, "session"):
            request._session_recorder = SessionRecorder(request.session)
