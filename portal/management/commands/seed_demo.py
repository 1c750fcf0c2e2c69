import contextlib
import importlib
import importlib.util
import logging

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from portal.demo import grant_staff_permissions
from portal.models import Notification


@contextlib.contextmanager
def _quiet(*names: str):
    """Keep the in-process task runner's line per delivered notification out of the command's summary."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


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
        notifications = Notification.objects.count()
        # The demo's notifications are data people see on Min side, but their mails go nowhere: the demo addresses
        # are fictitious, and in debug the console backend would print every one of them. Delivery runs after
        # commit, so the block is inside the override.
        with (
            override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}),
            _quiet("celery.app.trace", "kombu.connection"),
            transaction.atomic(),
        ):
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if importlib.util.find_spec(module_name) is None:
                    continue
                importlib.import_module(module_name).seed(stdout=self.stdout)
            grant_staff_permissions(stdout=self.stdout)
        notifications = Notification.objects.count() - notifications
        self.stdout.write(f"Notifications: {notifications} new, shown on Min side and not mailed.")
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
