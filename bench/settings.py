"""The site's settings with the bench's URLconf: ``DJANGO_SETTINGS_MODULE=bench.settings``."""

from tutorial.settings import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"
