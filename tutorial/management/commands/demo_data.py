from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = (
        "Create the demo data each app declares in its own `demo` module (products, learner "
        "accounts). Safe to run again: every app's `load()` is idempotent."
    )

    def handle(self, *args, **options):
        for app in apps.get_app_configs():
            if module_has_submodule(app.module, "demo"):
                import_module(f"{app.name}.demo").load(self.stdout)
