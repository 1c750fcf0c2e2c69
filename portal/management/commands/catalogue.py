import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

IGNORED = [".venv", ".tools", "node_modules", "var", "tests", "static"]
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "da" / "LC_MESSAGES" / "django.po"


class Command(BaseCommand):
    help = (
        "Keep the Danish catalogue complete. `update` collects every translatable string into "
        "locale/da/LC_MESSAGES/django.po; `check` does the same and then fails if any entry is untranslated or fuzzy."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["update", "check"])

    def handle(self, *args, action: str, **options):
        if shutil.which("msgattrib") is None:
            raise CommandError("GNU gettext is missing: install it (Debian: apt-get install gettext).")
        # File-only locations keep the catalogue stable when code moves inside a file, so it merges cleanly.
        call_command(
            "makemessages",
            locale=["da"],
            ignore_patterns=IGNORED,
            no_obsolete=True,
            add_location="file",
            verbosity=0,
        )
        if action == "update":
            self.stdout.write(f"Updated {CATALOGUE.relative_to(settings.BASE_DIR)}.")
            return
        problems = []
        for flag, what in (("--untranslated", "untranslated"), ("--only-fuzzy", "fuzzy")):
            output = subprocess.run(
                ["msgattrib", flag, "--no-obsolete", "--no-wrap", str(CATALOGUE)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            entries = [line for line in output.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
            if entries:
                problems.append(f"{len(entries)} {what} entries:\n" + "\n".join(f"  {e}" for e in entries[:40]))
        if problems:
            raise CommandError(
                "The Danish catalogue is incomplete. Translate these in locale/da/LC_MESSAGES/django.po "
                "(and remove any 'fuzzy' flag once checked):\n" + "\n".join(problems)
            )
        self.stdout.write(self.style.SUCCESS("The Danish catalogue is complete."))
