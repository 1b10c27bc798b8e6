"""What the inspector shows: the requester's own session, read as its engine stores it.

``take(request)`` is the one reader behind every face of the inspector: the side panel, the full
page, the JSON endpoint and the django-debug-toolbar panel. It keeps three rules.

1. **Read, never write.** Using ``request.session`` like a dictionary loads it, and some engines
   react to a load: the file engine replaces an expired file with a brand-new session, the
   signed-cookie engine marks a bad cookie for replacement. So the snapshot takes only the key
   from ``request.session`` (``session_key`` is a plain attribute) and reads the storage itself,
   as the engine would but without side effects: one ``SELECT``, one cache ``get``, one
   ``open()``, one signature check. Nothing here sets ``modified``, creates a key or saves.
2. **Ask this session object which engine it is**, not ``settings.SESSION_ENGINE``: a request may
   carry a store of another engine than the default one.
3. **Time left comes from the stored expiry**: ``expire_date``, the cache's own TTL, the file's
   modification time, the cookie's signed timestamp. Never from ``get_expiry_age()``, which
   answers the *configured* age, not what is left of it.
"""

import hashlib
import json
import os
import zlib
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.exceptions import InvalidSessionKey
from django.core import signing
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from tutorial.inspector import timeline
from tutorial.lab import engines
from tutorial.session_cookies import COOKIE_SIZE_LIMIT, COOKIE_SIZE_WARNING

ENGINES = {
    "django.contrib.sessions.backends.db": "db",
    "django.contrib.sessions.backends.cache": "cache",
    "django.contrib.sessions.backends.cached_db": "cached_db",
    "django.contrib.sessions.backends.file": "file",
    "django.contrib.sessions.backends.signed_cookies": "signed_cookies",
}

# The salt the signed-cookie engine signs its cookie with (a literal in Django's own module).
SIGNED_COOKIE_SALT = "django.contrib.sessions.backends.signed_cookies"

# Session statuses, from the server's point of view.
NONE = "none"  # no session key: nothing has been stored for this browser
ACTIVE = "active"  # the server holds a record that has not expired
EXPIRED = "expired"  # a record exists, but its expiry has passed: Django treats it as empty
MISSING = "missing"  # the browser sent a key the server holds nothing for
INVALID = "invalid"  # the stored data or the cookie cannot be trusted (bad signature or key)
UNSUPPORTED = "unsupported"  # a session engine the inspector does not know how to read

RESERVED_KEYS = {
    "_auth_user_id": _(
        "Who is logged in: the user's primary key. login() stores it; logout() flushes it."
    ),
    "_auth_user_backend": _(
        "Which authentication backend logged the user in, so Django can load the user again."
    ),
    "_auth_user_hash": _(
        "A fingerprint of the user's password: change the password and this session is logged out."
    ),
    "_session_expiry": _(
        "A custom expiry from set_expiry(): seconds after each save, 0 for "
        "“when the browser closes”, or a fixed date."
    ),
}
APP_KEYS = {
    "cart": _("The shop's cart: product id → quantity."),
    "lessons": _("Your progress through the lessons."),
}


def engine_of(session):
    """The short name of the engine storing ``session``, or "" for an engine we don't know.

    Read from the class of the session object itself: the first of Django's engines in its MRO,
    so that cached_db (a subclass of db) and any subclass of a Django engine are named rightly.
    """
    for klass in type(session).__mro__:
        if klass.__module__ in ENGINES:
            return ENGINES[klass.__module__]
    return ""


def shorten(value):
    """The first and last four characters: enough to tell two keys apart, useless to a thief."""
    if len(value) <= 12:
        return "…"
    return f"{value[:4]}…{value[-4:]}"


def reveals_cookie():
    """Whether the full cookie value may leave the server (INSPECTOR_REVEAL_COOKIE).

    A page that prints the session cookie undoes HttpOnly: any script on the page could read it
    there. That is fine on a learner's own machine and not on a shared deployment.
    """
    return bool(getattr(settings, "INSPECTOR_REVEAL_COOKIE", False))


@dataclass
class Attribute:
    name: str
    value: str
    note: str
    header: str  # how it appears in the Set-Cookie header; "" when the header leaves it out


@dataclass
class Cookie:
    name: str
    received: bool  # did this request carry the cookie?
    value: str  # as shown: shortened unless revealing is allowed
    masked: bool
    length: int
    size: int  # bytes of "name=value", what a browser counts against its limit
    limit: int
    near_limit: bool  # past COOKIE_SIZE_WARNING: the signed-cookie engine is running out of room
    attributes: list[Attribute]


@dataclass
class Item:
    key: str
    value: str  # the value as JSON, as the serializer stores it
    note: str
    reserved: bool


@dataclass
class Expiry:
    rule: str  # "default", "seconds", "browser_close", "date", or "unknown" (unreadable value)
    value: object  # _session_expiry as stored, None without one
    seconds: int | None  # what each save adds; None for a fixed date
    fixed: datetime | None  # the date of set_expiry(datetime)
    last_saved: datetime | None
    cookie_at_browser_close: bool
    cookie_max_age: int | None
    cookie_expires: datetime | None
    server_expires: datetime | None  # from the store itself; None when the store has no end
    server_note: str  # why server_expires is missing or special: see Reading.server_note
    save_every_request: bool


class SnapshotEncoder(DjangoJSONEncoder):
    """JSON for snapshots: a nested dataclass becomes a dict of its fields, without copying."""

    def default(self, o):
        if is_dataclass(o) and not isinstance(o, type):
            return {f.name: getattr(o, f.name) for f in fields(o)}
        return super().default(o)


@dataclass
class Snapshot:
    now: datetime
    status: str
    engine: str
    engine_path: str
    revealed: bool
    key: str  # as shown: shortened unless revealing is allowed
    key_length: int
    cookie: Cookie
    record: dict
    data: list[Item]
    expiry: Expiry | None
    timeline: list[dict]
    # For comparing two snapshots on the server (the debug-toolbar panel); never sent out.
    raw_key: str | None = field(default=None, repr=False)
    raw_data: dict = field(default_factory=dict, repr=False)

    def public(self, leave_out=()):
        """The fields that may leave the server, as they are (nested dataclasses included)."""
        private = {"raw_key", "raw_data", *leave_out}
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in private}

    def as_json(self):
        """The snapshot as plain JSON-ready data: what may leave the server."""
        return json.loads(json.dumps(self.public(), cls=SnapshotEncoder))

    def etag(self, view):
        """A weak ETag of everything one view shows except the clock, in the current language.

        Weak, because two responses with one ETag differ in the server time they carry. Encoded
        straight from the fields: an unchanged poll (a 304) is the inspector's most frequent
        request, and ``dataclasses.asdict()`` deep-copies every value first (bench/README.md).
        """
        state = [self.public(leave_out={"now"}), view, get_language()]
        text = json.dumps(state, sort_keys=True, cls=SnapshotEncoder)
        digest = hashlib.sha256(text.encode()).hexdigest()[:32]
        return f'W/"{digest}"'

    @property
    def remaining(self):
        """Seconds left on the server record at the time of the snapshot, or None."""
        if self.expiry is None or self.expiry.server_expires is None:
            return None
        return (self.expiry.server_expires - self.now).total_seconds()


@dataclass
class Reading:
    """What one engine's storage holds for one key."""

    status: str
    record: dict
    data: dict = field(default_factory=dict)
    server_expires: datetime | None = None
    last_saved: datetime | None = None  # when the store says so itself (file, signed cookie)
    # "" when server_expires is the store's own end; otherwise why it is missing or special:
    # "ttl_unknown" (a cache that can't tell), "no_ttl" (a cache entry without end),
    # "file_number" (see read_file), "signed_age" (see read_signed_cookie).
    server_note: str = ""


def read_db(store, key, now, show):
    """The ``django_session`` row, exactly as stored, expired or not (Django's load skips those)."""
    model = store.model
    record = {
        "table": model._meta.db_table,
        "session_key": show(key),
        "session_data": None,
        "expire_date": None,
    }
    row = model.objects.filter(session_key=key).first()
    if row is None:
        return Reading(MISSING, record)
    record.update(session_data=row.session_data, expire_date=row.expire_date)
    status = ACTIVE if row.expire_date > now else EXPIRED
    return Reading(status, record, store.decode(row.session_data), row.expire_date)


def cache_expiry(cache, cache_key):
    """When the cache will forget ``cache_key``: ``(moment, "")`` or ``(None, reason)``.

    Django's cache API cannot be asked for a time to live, so ask the two backends this site
    runs on in their own terms. LocMemCache keeps each key's expiry timestamp in
    ``_expire_info``; Redis answers PEXPIRETIME (the moment itself, Redis 7) or PTTL (the
    milliseconds left, older servers). Other backends are reported as unknown, not guessed.
    """
    full_key = cache.make_and_validate_key(cache_key)
    if isinstance(cache, LocMemCache):
        with cache._lock:
            moment = cache._expire_info.get(full_key)
        return (None, "no_ttl") if moment is None else (datetime.fromtimestamp(moment, UTC), "")
    if isinstance(cache, RedisCache):
        from redis.exceptions import ResponseError

        client = cache._cache.get_client(full_key)
        try:
            moment_ms = client.pexpiretime(full_key)
        except ResponseError:  # Redis before 7.0
            left_ms = client.pttl(full_key)
            moment_ms = left_ms if left_ms < 0 else timezone.now().timestamp() * 1000 + left_ms
        if moment_ms == -1:
            return None, "no_ttl"
        if moment_ms < 0:
            return None, "missing"
        return datetime.fromtimestamp(moment_ms / 1000, UTC), ""
    return None, "ttl_unknown"


def read_cache(store, key, now, show):
    """The cache entry the engine keeps under ``cache_key_prefix + key``, and how long it lasts."""
    cache = caches[settings.SESSION_CACHE_ALIAS]
    cache_key = store.cache_key_prefix + key
    data = cache.get(cache_key)
    expires, note = cache_expiry(cache, cache_key) if data is not None else (None, "")
    record = {
        "alias": settings.SESSION_CACHE_ALIAS,
        "backend": type(cache).__name__,
        "cache_key": store.cache_key_prefix + show(key),
        "present": data is not None,
        "expires": expires,
        "ttl_note": note,
    }
    if data is None:
        # A cache forgets an entry when its TTL runs out: "missing" is how expiry looks here.
        return Reading(MISSING, record)
    return Reading(ACTIVE, record, data, expires, server_note=note)


def read_cached_db(store, key, now, show):
    """Both copies: the cache entry Django reads first, and the row it falls back to."""
    db = read_db(store, key, now, show)
    cache = read_cache(store, key, now, show)
    if not cache.record["present"]:
        agreement = "cache_empty"  # the next read by the site will refill the cache from the row
    elif db.status == MISSING:
        agreement = "db_missing"
    else:
        agreement = "agree" if cache.data == db.data else "differ"
    record = {"db": db.record, "cache": cache.record, "agreement": agreement}
    if cache.record["present"]:
        # cached_db's load() trusts the cache whenever it has the entry.
        status, data = ACTIVE, cache.data
    else:
        status, data = db.status, db.data
    return Reading(status, record, data, db.server_expires or cache.server_expires)


def read_file(store, key, now, show):
    """The session file: its path, size, modification time and contents.

    The expiry follows the file engine's own rule (``SessionStore._expiry_date``): the
    ``_session_expiry`` value if there is one, else the file's modification time plus
    SESSION_COOKIE_AGE. A *number* of seconds from ``set_expiry(30)`` is compared as if it were
    the time left, so Django's file engine never finds such a file expired: only the cookie's
    Max-Age ends that session, in the browser. The snapshot reports that as it is.
    """
    record = {"path": None, "size": None, "modified": None, "contents": None}
    try:
        path = store._key_to_file(key)
    except InvalidSessionKey:
        return Reading(INVALID, record)
    record["path"] = os.path.join(store.storage_path, store.file_prefix + show(key))
    try:
        with open(path, encoding="ascii") as session_file:
            contents = session_file.read()
        modified = datetime.fromtimestamp(os.stat(path).st_mtime, UTC)
    except FileNotFoundError:
        return Reading(MISSING, record)
    except (OSError, UnicodeDecodeError):
        return Reading(INVALID, record)
    record.update(size=len(contents.encode()), modified=modified, contents=contents)
    data = store.decode(contents) if contents else {}
    expiry = data.get("_session_expiry")
    if isinstance(expiry, int | float) and expiry:
        status = ACTIVE if expiry > 0 else EXPIRED
        return Reading(status, record, data, None, modified, server_note="file_number")
    if isinstance(expiry, str):
        server_expires = parse_moment(expiry)
        if server_expires is None:
            return Reading(INVALID, record, data, None, modified)
    else:
        server_expires = modified + timedelta(seconds=store.get_session_cookie_age())
    status = ACTIVE if server_expires > now else EXPIRED
    return Reading(status, record, data, server_expires, modified)


def read_signed_cookie(store, key, now, show):
    """The cookie's own parts: payload, timestamp and signature. There is no server-side record.

    The cookie is ``payload:timestamp:signature`` (django.core.signing); a payload starting with
    "." is zlib-compressed. The server accepts the cookie until its timestamp plus
    SESSION_COOKIE_AGE whatever set_expiry() said (Django ticket #19201): a custom expiry only
    shortens the cookie's life in the browser.
    """
    record = {
        "payload": None,
        "compressed": None,
        "json": None,
        "timestamp": None,
        "signature": None,
    }
    try:
        payload, stamp, signature = key.rsplit(":", 2)
        timestamp = datetime.fromtimestamp(signing.b62_decode(stamp), UTC)
    except (ValueError, OverflowError, OSError):
        return Reading(INVALID, record)
    record.update(
        payload=payload,
        compressed=payload.startswith("."),
        timestamp=timestamp,
        signature=show(signature),
    )
    try:
        # The signature first: only a payload this server signed is worth decompressing.
        data = signing.loads(key, salt=SIGNED_COOKIE_SALT, serializer=store.serializer)
    except (signing.BadSignature, ValueError):
        return Reading(INVALID, record)
    raw = signing.b64_decode(payload.removeprefix(".").encode())
    record["json"] = (zlib.decompress(raw) if record["compressed"] else raw).decode()
    # The same test as TimestampSigner.unsign(max_age=SESSION_COOKIE_AGE) in the engine's load().
    server_expires = timestamp + timedelta(seconds=store.get_session_cookie_age())
    status = ACTIVE if server_expires > now else EXPIRED
    return Reading(status, record, data, server_expires, timestamp, server_note="signed_age")


READERS = {
    "db": read_db,
    "cache": read_cache,
    "cached_db": read_cached_db,
    "file": read_file,
    "signed_cookies": read_signed_cookie,
}


def parse_moment(text):
    """The datetime a stored ``_session_expiry`` string names (UTC if it has no zone), or None."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


def read_expiry(store, data, reading):
    """The three clocks: the cookie in the browser, the record on the server, and the rule.

    ``store`` is a detached store of the session's own class holding a copy of ``data``, so
    Django's own ``get_expire_at_browser_close()`` can answer without touching the real session.
    """
    value = data.get("_session_expiry")
    cookie_age = store.get_session_cookie_age()
    rule, seconds, fixed = "unknown", None, None
    if isinstance(value, str):
        fixed = parse_moment(value)
        rule = "date" if fixed else "unknown"
    elif value is None:
        rule, seconds = "default", cookie_age
    elif isinstance(value, int | float) and not isinstance(value, bool):
        rule, seconds = ("seconds", int(value)) if value else ("browser_close", cookie_age)

    last_saved = reading.last_saved
    if last_saved is None and seconds is not None and reading.server_expires:
        # A save set the record's end to "now + seconds": step back to when that was.
        last_saved = reading.server_expires - timedelta(seconds=seconds)

    at_close = store.get_expire_at_browser_close()
    max_age = cookie_expires = None
    if rule == "unknown":
        pass  # Django itself cannot compute this cookie's age: nothing to show
    elif not at_close:
        if fixed is not None:
            cookie_expires = fixed
            if last_saved is not None:
                max_age = int((fixed - last_saved).total_seconds())
        else:
            max_age = seconds
            if last_saved is not None:
                cookie_expires = last_saved + timedelta(seconds=seconds)
    return Expiry(
        rule=rule,
        value=value,
        seconds=seconds,
        fixed=fixed,
        last_saved=last_saved,
        cookie_at_browser_close=at_close,
        cookie_max_age=max_age,
        cookie_expires=cookie_expires,
        server_expires=reading.server_expires,
        server_note=reading.server_note,
        save_every_request=settings.SESSION_SAVE_EVERY_REQUEST,
    )


def cookie_attributes(expiry):
    """The attributes SessionMiddleware sets on the cookie, each with what it means.

    From the settings, and from the session's expiry as Django decides it at each save: no
    Max-Age at all when ``get_expire_at_browser_close()``, else the seconds until the end.
    """
    httponly, secure = settings.SESSION_COOKIE_HTTPONLY, settings.SESSION_COOKIE_SECURE
    samesite, domain = settings.SESSION_COOKIE_SAMESITE, settings.SESSION_COOKIE_DOMAIN
    not_set = gettext("not set")
    samesite_notes = {
        "Strict": gettext("Sent only with requests that start on this site."),
        "Lax": gettext(
            "Sent when you follow a link to this site, but not with other sites' embedded "
            "requests or cross-site form posts."
        ),
        "None": gettext("Sent with every request, even from other sites (needs Secure)."),
    }
    attributes = [
        Attribute(
            "HttpOnly",
            gettext("yes") if httponly else gettext("no"),
            gettext(
                "JavaScript cannot read it (document.cookie leaves it out), so a script injected "
                "into a page cannot steal it. That is why this page shows what the server received."
            )
            if httponly
            else gettext("Scripts on the page can read it: an injected script could steal it."),
            "HttpOnly" if httponly else "",
        ),
        Attribute(
            "Secure",
            gettext("yes") if secure else gettext("no"),
            gettext("Sent only over HTTPS, never in clear text.")
            if secure
            else gettext("Also sent over plain HTTP: fine on your computer; production sets it."),
            "Secure" if secure else "",
        ),
        Attribute(
            "SameSite",
            str(samesite) if samesite else not_set,
            samesite_notes.get(samesite, gettext("The browser's default applies (usually Lax).")),
            f"SameSite={samesite}" if samesite else "",
        ),
        Attribute(
            "Path",
            settings.SESSION_COOKIE_PATH,
            gettext("Sent with requests for every page under this path."),
            f"Path={settings.SESSION_COOKIE_PATH}",
        ),
        Attribute(
            "Domain",
            domain or not_set,
            gettext("Sent to this domain and its subdomains.")
            if domain
            else gettext("Host-only: sent back only to this exact host name."),
            f"Domain={domain}" if domain else "",
        ),
    ]
    if expiry is None:
        at_close, max_age = settings.SESSION_EXPIRE_AT_BROWSER_CLOSE, settings.SESSION_COOKIE_AGE
    else:
        at_close, max_age = expiry.cookie_at_browser_close, expiry.cookie_max_age
    if at_close:
        attributes.append(
            Attribute(
                "Max-Age",
                not_set,
                gettext(
                    "No Max-Age and no Expires: a “session cookie”, deleted when the browser "
                    "closes (browsers that restore your tabs may keep it)."
                ),
                "",
            )
        )
    elif max_age is not None:
        attributes.append(
            Attribute(
                "Max-Age",
                str(max_age),
                gettext(
                    "How many seconds the browser keeps the cookie, counted from the save that "
                    "sent it. Expires says the same as a date, for older browsers."
                ),
                f"Max-Age={max_age}",
            )
        )
    elif expiry is not None and expiry.fixed is not None:
        attributes.append(
            Attribute(
                "Expires",
                expiry.fixed.isoformat(),
                gettext("The browser deletes the cookie at this fixed date."),
                "Expires=…",
            )
        )
    else:
        attributes.append(
            Attribute(
                "Max-Age",
                gettext("unknown"),
                gettext("This session's expiry is unreadable, so no age can be computed."),
                "",
            )
        )
    return attributes


def data_items(data):
    """The decoded dictionary, reserved keys first, each with a one-line explanation if known."""
    items = []
    for key in sorted(data, key=lambda k: (not k.startswith("_"), k)):
        note = RESERVED_KEYS.get(key) or APP_KEYS.get(key) or ""
        value = json.dumps(data[key], ensure_ascii=False, sort_keys=True, cls=DjangoJSONEncoder)
        items.append(Item(key, value, str(note), key in RESERVED_KEYS))
    return items


def take(request):
    """A read-only snapshot of the session this request carries.

    ``request.session`` is used when SessionMiddleware has attached it; before that (the
    debug-toolbar panel's "before"), a store of this request's engine (the backend lab's choice,
    else SESSION_ENGINE) is built from the cookie, as SessionMiddleware itself would.
    """
    now = timezone.now()
    name = settings.SESSION_COOKIE_NAME
    received = request.COOKIES.get(name)
    session = getattr(request, "session", None)
    if session is None:
        session = engines.store_class_for(request)(received)
    engine = engine_of(session)
    key = session.session_key or None
    revealed = reveals_cookie()
    show = str if revealed else shorten

    reading, expiry, data = None, None, {}
    if key is None:
        status = NONE
    elif not engine:
        status = UNSUPPORTED
    elif engine != "signed_cookies" and not set(key) <= set(VALID_KEY_CHARS):
        # Not a key Django could have made: no store holds it, so don't ask one.
        status = INVALID
    else:
        # A detached store of the same class: the engine's configuration and decoding, with no
        # tie to the real session. Building it reads nothing.
        store = type(session)()
        reading = READERS[engine](store, key, now, show)
        status = reading.status
        if status in (ACTIVE, EXPIRED):
            store.update(reading.data)
            expiry = read_expiry(store, reading.data, reading)
        if status == ACTIVE:
            data = reading.data

    value = key or ""
    return Snapshot(
        now=now,
        status=status,
        engine=engine,
        engine_path=type(session).__module__,
        revealed=revealed,
        key=show(value) if value else "",
        key_length=len(value),
        cookie=Cookie(
            name=name,
            received=received is not None,
            value=show(value) if value else "",
            masked=bool(value) and not revealed,
            length=len(value),
            size=len(f"{name}={value}".encode()) if value else 0,
            limit=COOKIE_SIZE_LIMIT,
            near_limit=bool(value) and len(f"{name}={value}".encode()) >= COOKIE_SIZE_WARNING,
            attributes=cookie_attributes(expiry),
        ),
        record=reading.record if reading else {},
        data=data_items(data),
        expiry=expiry,
        timeline=timeline.read(key) if key else [],
        raw_key=key,
        raw_data=data,
    )
