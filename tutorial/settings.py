"""Session Lab settings: one module, driven by environment variables.

Local mode (the default) needs no services: SQLite under ``var/``, a local-memory cache and a
secret key generated on first run. ``DJANGO_ENV=production`` switches on every hardening at once.

Environment variables:

- ``DJANGO_ENV``: ``local`` (default) or ``production``.
- ``DJANGO_SECRET_KEY``: required in production; generated into ``var/secret_key`` locally.
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names (production; local allows loopback only).
- ``DATABASE_URL``: e.g. ``postgres://user@127.0.0.1:5432/sessionlab``; SQLite when unset.
- ``REDIS_URL``: e.g. ``redis://127.0.0.1:6379/0``; local-memory cache when unset.
- ``DJANGO_SESSION_ENGINE``: the site's session engine: ``db`` (default), ``cache``, ``cached_db``,
  ``file`` or ``signed_cookies``.
- ``DJANGO_SECURE_SSL_REDIRECT``: ``0`` when a proxy already redirects HTTP to HTTPS (production).
- ``DJANGO_SECURE_PROXY_SSL_HEADER``: the header a trusted proxy sets, e.g. ``X-Forwarded-Proto``.
- ``DJANGO_STATIC_ROOT``: where ``collectstatic`` puts files for WhiteNoise (``staticfiles/``).
- ``DJANGO_CLIENT_IP_HEADER``: the client-address header a trusted proxy sets: ``X-Forwarded-For``.
- ``DJANGO_DEBUG_TOOLBAR``: ``0`` hides django-debug-toolbar in local mode (never on in production).
- ``DJANGO_LOG_LEVEL``: the console log level (``INFO`` by default).
- ``SESSIONLAB_INSPECTOR_REVEAL_COOKIE``: ``1`` lets the inspector show the full session cookie
  (the default locally), ``0`` shows only its first and last four characters (production default).
- ``SESSIONLAB_INSPECTOR``: ``0`` switches the inspector's side panel and session timeline off
  (the full inspector page stays); ``bench/compare.py`` measures what the inspector costs this way.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SESSIONLAB_VAR_DIR", BASE_DIR / "var"))


def env_flag(name, default):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or list(default)


def local_secret_key():
    """Return this checkout's own secret key, creating it on first run.

    The key is not in the repository, yet it must outlive a restart: sessions and signed cookies
    are signed with it, and a new key on every start would log everyone out.
    """
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(get_random_secret_key())
    return path.read_text().strip()


DJANGO_ENV = os.environ.get("DJANGO_ENV", "local").strip().lower()
if DJANGO_ENV not in {"local", "production"}:
    raise SystemExit(f"DJANGO_ENV must be 'local' or 'production', not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"
# Set by pytest itself; django-debug-toolbar's documentation uses the same signal.
TESTING = "PYTEST_VERSION" in os.environ

if PRODUCTION:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
    if not SECRET_KEY:
        raise SystemExit(
            "DJANGO_SECRET_KEY is not set: production mode refuses to start without a secret key."
        )
    DEBUG = False
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
else:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or local_secret_key()
    DEBUG = env_flag("DJANGO_DEBUG", True)
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

DEBUG_TOOLBAR = env_flag("DJANGO_DEBUG_TOOLBAR", DEBUG) and not PRODUCTION and not TESTING

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "tutorial",
    "shop",
    "tutorial.accounts",
    "tutorial.lessons",
    "tutorial.inspector",
    "tutorial.lab",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Just outside SessionMiddleware, to see the saved session and its cookie: see its docstring.
    "tutorial.inspector.middleware.SessionTimelineMiddleware",
    # Django's SessionMiddleware, with the engine chosen per request (the backend lab).
    "tutorial.lab.middleware.LabSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tutorial.accounts.middleware.LoginLifetimeMiddleware",
    "tutorial.accounts.middleware.LastSeenMiddleware",
    "tutorial.accounts.middleware.NoStoreWhenLoggedInMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After SessionMiddleware: copies lesson progress into the new session after a logout.
    "tutorial.lessons.middleware.KeepProgressAfterLogoutMiddleware",
]

# The inspector's side panel and timeline, on unless SESSIONLAB_INSPECTOR=0 (see bench/compare.py).
INSPECTOR = env_flag("SESSIONLAB_INSPECTOR", True)
if not INSPECTOR:
    MIDDLEWARE.remove("tutorial.inspector.middleware.SessionTimelineMiddleware")

if PRODUCTION:
    # WhiteNoise serves the collected, hashed and compressed files; runserver serves them locally.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

if DEBUG_TOOLBAR:
    INSTALLED_APPS.append("debug_toolbar")
    MIDDLEWARE.insert(0, "debug_toolbar.middleware.DebugToolbarMiddleware")
    INTERNAL_IPS = ["127.0.0.1", "::1"]
    DEBUG_TOOLBAR_CONFIG = {"SHOW_COLLAPSED": True}
    from debug_toolbar.settings import PANELS_DEFAULTS

    # The inspector's "Session" panel (before, after, diff) next to the toolbar's Request panel.
    DEBUG_TOOLBAR_PANELS = list(PANELS_DEFAULTS)
    DEBUG_TOOLBAR_PANELS.insert(
        DEBUG_TOOLBAR_PANELS.index("debug_toolbar.panels.request.RequestPanel") + 1,
        "tutorial.inspector.panels.SessionPanel",
    )

ROOT_URLCONF = "tutorial.urls"
WSGI_APPLICATION = "tutorial.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "shop.context_processors.cart",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
# SQLite by default. WAL lets readers and one writer work at once; IMMEDIATE takes the write lock
# when a transaction starts (not halfway through, where SQLite cannot wait for it), and the
# timeout makes a second process wait for the lock instead of failing with "database is locked".
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=600, conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------------
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("SESSIONLAB_CACHE_PREFIX", "sessionlab"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Sessions: the subject of the site ---------------------------------------------------------
SESSION_ENGINES = ("db", "cache", "cached_db", "file", "signed_cookies")
session_engine = os.environ.get("DJANGO_SESSION_ENGINE", "db")
if session_engine not in SESSION_ENGINES:
    raise SystemExit(f"DJANGO_SESSION_ENGINE must be one of {', '.join(SESSION_ENGINES)}.")
SESSION_ENGINE = f"django.contrib.sessions.backends.{session_engine}"
SESSION_FILE_PATH = VAR_DIR / "sessions"
if session_engine == "file":
    SESSION_FILE_PATH.mkdir(parents=True, exist_ok=True)
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Django's default, two weeks, stated here so that the lessons can cite it.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# May the inspector show the whole session cookie? A page that prints it undoes HttpOnly, so only
# on a learner's own machine; elsewhere it shows the first and last four characters.
INSPECTOR_REVEAL_COOKIE = env_flag("SESSIONLAB_INSPECTOR_REVEAL_COOKIE", not PRODUCTION)

# --- Accounts: logging in on the session (tutorial.accounts) -----------------------------------
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "account"
LOGOUT_REDIRECT_URL = "home"
# Django's timeout is an idle one (SESSION_COOKIE_AGE after the last save). A login also ends
# this long after it started, however active the user is.
ACCOUNTS_LOGIN_LIFETIME = 60 * 60 * 12
# Failed logins per username and IP address within the window before further attempts are
# refused for the lockout time.
ACCOUNTS_LOGIN_FAILURE_LIMIT = 5
ACCOUNTS_LOGIN_FAILURE_WINDOW = 60 * 15
ACCOUNTS_LOGIN_LOCKOUT = 60 * 15
# The header a reverse proxy you control puts the client's address in (e.g. X-Forwarded-For).
# Unset, the address is REMOTE_ADDR: anyone can send that header, so it is trusted only on request.
ACCOUNTS_CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER") or None

# --- Passwords ----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages ----------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hant", _("Traditional Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- Security headers, in every mode ------------------------------------------------------------
CSRF_FAILURE_VIEW = "tutorial.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Production hardening -------------------------------------------------------------------------
if PRODUCTION:
    # The __Host- prefix makes the browser refuse these cookies unless they are Secure, have
    # Path=/ and no Domain: no subdomain can plant a session or CSRF cookie on this site.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if proxy_header := os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER"):
        SECURE_PROXY_SSL_HEADER = (
            "HTTP_" + proxy_header.upper().replace("-", "_"),
            "https",
        )

# --- Logging: everything to the console, request errors included ------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
