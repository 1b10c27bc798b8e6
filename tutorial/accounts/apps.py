from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Log in and out on the session; list and end a user's sessions."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "tutorial.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from tutorial.accounts import signals  # noqa: F401  (connects the login/logout receivers)
