from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    """Eleven lessons, each with a Try it panel acting on the learner's real session and a goal."""

    name = "tutorial.lessons"
    label = "lessons"
    verbose_name = _("Lessons")

    def ready(self):
        # Connects the receiver that notices a logout (lesson 10).
        from tutorial.lessons import signals  # noqa: F401
