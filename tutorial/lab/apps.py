from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabConfig(AppConfig):
    """The backend lab: a per-request session engine, the lab page and the clean-up command."""

    name = "tutorial.lab"
    label = "lab"
    verbose_name = _("Backend lab")
