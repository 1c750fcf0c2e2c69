import importlib
import importlib.util

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.demo import grant_staff_permissions


class Command(BaseCommand):
    help = (
        "Fill the database with fictitious demo data. Each app contributes a `demo.py` module with a `seed()` "
        "function; they run in INSTALLED_APPS order, so an app can use the data of the apps before it. Running the "
        "command again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though DJANGO_DEBUG is off.")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo adds demo accounts with a published password; it refuses to run with DJANGO_DEBUG off. "
                "Use --force if this really is a demo installation."
            )
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if importlib.util.find_spec(module_name) is None:
                    continue
                importlib.import_module(module_name).seed(stdout=self.stdout)
            grant_staff_permissions(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
