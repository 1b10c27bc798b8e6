"""Fixtures shared by every test: a real Chromium for the browser tests, driven by Playwright."""

import os
import shutil
from pathlib import Path

import pytest

from tests.shop.helpers import make_product

BROWSER_DIR = Path(__file__).parent / "browser"

# Playwright's sync API keeps an event loop running in the test thread once the browser starts,
# and Django then refuses synchronous ORM calls from that thread. The tests use the ORM
# synchronously on purpose (to check what the browser did), so allow it for the test process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Flags that let Debian's Chromium run as root on a machine with no network but loopback.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path():
    """The browser to drive: $SESSIONLAB_CHROMIUM, else Debian's chromium on the PATH."""
    return os.environ.get("SESSIONLAB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_DIR in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = chromium_path()
    if not Path(path).exists():
        pytest.fail(
            f"No Chromium at {path}: install Debian's 'chromium' or set SESSIONLAB_CHROMIUM."
        )
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_FLAGS}


@pytest.fixture
def site_url(live_server):
    """The address of a real server (in a thread) that the browser talks to."""
    return live_server.url


def clear_site_cache():
    """Empty the site's cache without touching anyone else's keys.

    With local memory that is the whole cache. With Redis it is only the keys under this run's
    prefix (`cache.clear()` would FLUSHDB the whole database, whoever else uses it).
    """
    from django.conf import settings
    from django.core.cache import cache

    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        cache.clear()
        return
    import redis

    client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture(autouse=True)
def _clean_cache():
    """Every test starts and ends with an empty cache: throttles, timelines and cached sessions
    from one test must not leak into the next, and a Redis run leaves nothing behind."""
    clear_site_cache()
    yield
    clear_site_cache()


# Products for the shop, the lab and anything else that fills a cart.
@pytest.fixture
def tea(db):
    return make_product("bubble-tea", 65, position=1)


@pytest.fixture
def cake(db):
    return make_product("pineapple-cake", 50, position=2)


@pytest.fixture
def noodles(db):
    return make_product("beef-noodle-soup", 200, position=3)


@pytest.fixture
def withdrawn(db):
    """A product taken off the menu: it still exists, but is not active."""
    return make_product("sun-cake", 40, position=4, active=False)
