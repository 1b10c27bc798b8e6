from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopConfig(AppConfig):
    """The tea shop whose cart lives in the session (the article's first example)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "shop"
    verbose_name = _("Shop")
