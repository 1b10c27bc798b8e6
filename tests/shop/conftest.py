import pytest


@pytest.fixture(autouse=True)
def db_sessions(settings):
    """The budgets are stated for the database session engine, whatever the environment says."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
