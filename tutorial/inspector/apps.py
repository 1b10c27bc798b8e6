from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectorConfig(AppConfig):
    """The panel on every page, the full page, its JSON endpoint and the request timeline."""

    name = "tutorial.inspector"
    label = "inspector"
    verbose_name = _("Session inspector")
