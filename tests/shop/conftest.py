import pytest

from tests.shop.helpers import make_product


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


@pytest.fixture(autouse=True)
def db_sessions(settings):
    """The budgets are stated for the database session engine, whatever the environment says."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
