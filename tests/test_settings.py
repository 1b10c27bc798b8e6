"""Settings per mode, checked in a fresh interpreter so that each mode's module is read anew."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_KEY = "x" * 10 + "production-secret-key-for-tests-0123456789-abcdefghij"


def run(args, env=None, cwd=ROOT):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    base.pop("REDIS_URL", None)
    base["DJANGO_SETTINGS_MODULE"] = "tutorial.settings"
    return subprocess.run(
        [sys.executable, *args],
        env={**base, **(env or {})},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_settings(env, *names):
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        f"print(json.dumps({{n: str(getattr(settings, n, None)) for n in {list(names)!r}}}))"
    )
    result = run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def var_dir(tmp_path):
    return {"SESSIONLAB_VAR_DIR": str(tmp_path)}


def test_local_mode_defaults(var_dir):
    values = read_settings(
        var_dir, "DEBUG", "DATABASES", "CACHES", "SESSION_ENGINE", "SESSION_COOKIE_SECURE"
    )
    assert values["DEBUG"] == "True"
    assert "sqlite3" in values["DATABASES"]
    assert "'transaction_mode': 'IMMEDIATE'" in values["DATABASES"]
    assert "journal_mode=WAL" in values["DATABASES"]
    assert "LocMemCache" in values["CACHES"]
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert values["SESSION_COOKIE_SECURE"] == "False"


def test_local_secret_key_is_generated_once_and_reused(var_dir, tmp_path):
    first = read_settings(var_dir, "SECRET_KEY")["SECRET_KEY"]
    second = read_settings(var_dir, "SECRET_KEY")["SECRET_KEY"]
    assert first == second
    assert len(first) >= 50
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == first
    assert key_file.stat().st_mode & 0o077 == 0, "the key file must be private to its owner"


def test_database_and_cache_urls_switch_backends(var_dir):
    values = read_settings(
        {
            **var_dir,
            "DATABASE_URL": "postgres://someone@127.0.0.1:5432/sessionlab",
            "REDIS_URL": "redis://127.0.0.1:6379/3",
        },
        "DATABASES",
        "CACHES",
    )
    assert "django.db.backends.postgresql" in values["DATABASES"]
    assert "'CONN_HEALTH_CHECKS': True" in values["DATABASES"]
    assert "django.core.cache.backends.redis.RedisCache" in values["CACHES"]


def production_env(**extra):
    return {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": PRODUCTION_KEY,
        "DJANGO_ALLOWED_HOSTS": "lab.example.org",
        **extra,
    }


def test_production_refuses_to_start_without_a_secret_key(var_dir):
    result = run(["manage.py", "check"], {**var_dir, "DJANGO_ENV": "production"})
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "DJANGO_SECRET_KEY is not set: production mode refuses to start without a secret key."
    )


def test_unknown_mode_is_refused(var_dir):
    result = run(["manage.py", "check"], {**var_dir, "DJANGO_ENV": "staging"})
    assert result.returncode != 0
    assert "DJANGO_ENV must be 'local' or 'production'" in result.stderr


def test_production_hardening(var_dir):
    values = read_settings(
        {**var_dir, **production_env()},
        "DEBUG",
        "ALLOWED_HOSTS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_NAME",
        "STORAGES",
        "INSTALLED_APPS",
    )
    assert values["DEBUG"] == "False"
    assert values["ALLOWED_HOSTS"] == "['lab.example.org']"
    assert values["SESSION_COOKIE_SECURE"] == "True"
    assert values["CSRF_COOKIE_SECURE"] == "True"
    assert int(values["SECURE_HSTS_SECONDS"]) >= 31536000
    assert values["SECURE_SSL_REDIRECT"] == "True"
    assert values["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert "CompressedManifestStaticFilesStorage" in values["STORAGES"]
    assert "debug_toolbar" not in values["INSTALLED_APPS"]
    assert not (Path(var_dir["SESSIONLAB_VAR_DIR"]) / "secret_key").exists()


def test_production_behind_a_proxy(var_dir):
    values = read_settings(
        {
            **var_dir,
            **production_env(
                DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto"
            ),
        },
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
    )
    assert values["SECURE_SSL_REDIRECT"] == "False"
    assert values["SECURE_PROXY_SSL_HEADER"] == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_check_deploy_is_clean_in_production(var_dir):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {**var_dir, **production_env()},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr


def test_debug_toolbar_is_off_under_tests(settings):
    assert settings.DEBUG_TOOLBAR is False
    assert "debug_toolbar" not in settings.INSTALLED_APPS
