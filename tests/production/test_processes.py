"""Several server processes, one session: what a teacher's deployment depends on.

Two real gunicorn processes on two loopback ports share a session store. A learner adds to the
cart and logs in through one and is recognised by the other — for the database engine on SQLite
and on PostgreSQL, and for the cache engines on Redis. The local-memory cache is per process: the
same journey fails there, and the last test asserts that failure so the backend lab's lesson
stays true.
"""

import contextlib
import os
import urllib.parse
import uuid

import pytest

from tests.servers import Browserless, gunicorn, manage, product_ids, production_env

PASSWORD = "a-long-teacher-password"


def postgres_database(name):
    """Create an empty PostgreSQL database next to $DATABASE_URL's; return its URL and a dropper."""
    import psycopg

    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url._replace(path=f"/{name}").geturl(), drop


def forget_redis_prefix(prefix):
    import redis

    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    client.close()


needs_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="DATABASE_URL does not name a PostgreSQL server",
)
needs_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")


@contextlib.contextmanager
def prepared_store(tmp_path, engine, database="sqlite", cache="locmem"):
    """A migrated site with demo products and a teacher account; yields its environment."""
    cleanups = []
    extra = {"DJANGO_SESSION_ENGINE": engine, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}
    if database == "postgres":
        url, drop = postgres_database(f"sessionlab_processes_{uuid.uuid4().hex[:8]}")
        extra["DATABASE_URL"] = url
        cleanups.append(drop)
    if cache == "redis":
        prefix = f"sessionlab-processes-{uuid.uuid4().hex[:8]}"
        extra.update(REDIS_URL=os.environ["REDIS_URL"], SESSIONLAB_CACHE_PREFIX=prefix)
        cleanups.append(lambda: forget_redis_prefix(prefix))
    try:
        env = production_env(tmp_path, **extra)
        manage("migrate", "--noinput", env=env)
        manage("collectstatic", "--noinput", env=env)
        manage("demo_data", env=env)
        manage(
            "createsuperuser", "--noinput", "--username", "teacher", "--email", "t@e.org", env=env
        )
        yield env
    finally:
        for cleanup in cleanups:
            cleanup()


@contextlib.contextmanager
def two_processes(tmp_path, **store):
    """Two single-worker gunicorn processes sharing one prepared store."""
    with prepared_store(tmp_path, **store) as env, gunicorn(env) as first, gunicorn(env) as second:
        yield first, second


def shop_and_log_in(port):
    """Through one process: add two products to the cart, then log in (the key rotates)."""
    learner = Browserless(port)
    menu = learner.request("GET", "/shop/").body.decode()
    tea, cake = product_ids(menu)[:2]
    for product in (tea, tea, cake):
        response = learner.form_post(f"/shop/cart/add/{product}/", {"quantity": 1}, page="/shop/")
        assert response.status == 302
    anonymous_key = learner.session_key()
    response = learner.form_post("/accounts/login/", {"username": "teacher", "password": PASSWORD})
    assert response.status == 302, response.body[:300]
    assert learner.session_key() != anonymous_key, "login() rotates the session key"
    return learner


def seen_through(learner, port):
    """What the other process knows of this learner: the cart page and the status of the
    account page (200 when logged in, a redirect to the login page otherwise)."""
    learner.port = port
    cart = learner.request("GET", "/shop/cart/").body.decode()
    account = learner.request("GET", "/accounts/")
    return cart, account.status


def assert_shared(tmp_path, **store):
    with two_processes(tmp_path, **store) as (first, second):
        learner = shop_and_log_in(first)
        cart, account_status = seen_through(learner, second)
        assert 'value="2"' in cart, "two teas, added through the other process"
        assert 'value="1"' in cart
        assert account_status == 200, "logged in on the other process too"


def test_database_engine_on_sqlite(tmp_path):
    assert_shared(tmp_path, engine="db")


@needs_postgres
def test_database_engine_on_postgresql(tmp_path):
    assert_shared(tmp_path, engine="db", database="postgres")


@needs_redis
def test_cache_engine_on_redis(tmp_path):
    assert_shared(tmp_path, engine="cache", cache="redis")


@needs_redis
def test_cached_db_engine_on_redis(tmp_path):
    assert_shared(tmp_path, engine="cached_db", cache="redis")


def test_local_memory_cache_is_not_shared_between_processes(tmp_path):
    """The classic bug: each process has its own local-memory cache, so the session written by
    one process does not exist in the other. The learner is a stranger there."""
    with two_processes(tmp_path, engine="cache") as (first, second):
        learner = shop_and_log_in(first)
        cart, account_status = seen_through(learner, second)
        assert 'value="2"' not in cart
        assert account_status == 302, "the other process sends the learner to the login page"


@pytest.mark.parametrize(
    ("engine", "cache", "survives"),
    [
        pytest.param("db", "locmem", True, id="db"),
        pytest.param("file", "locmem", True, id="file"),
        pytest.param("cache", "redis", True, id="redis", marks=needs_redis),
        pytest.param("cache", "locmem", False, id="local-memory"),
    ],
)
def test_sessions_survive_a_restart_except_in_local_memory(tmp_path, engine, cache, survives):
    with prepared_store(tmp_path, engine=engine, cache=cache) as env:
        with gunicorn(env) as port:
            learner = shop_and_log_in(port)
        with gunicorn(env) as port:
            cart, account_status = seen_through(learner, port)
    assert ('value="2"' in cart) is survives
    assert account_status == (200 if survives else 302)
