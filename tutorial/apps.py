from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TutorialConfig(AppConfig):
    """The project package doubles as the app that holds the home page and, later, the lessons."""

    name = "tutorial"
    verbose_name = _("Tutorial")
