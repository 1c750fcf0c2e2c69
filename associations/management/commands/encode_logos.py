"""`manage.py encode_logos`: store again, the way uploads are stored, the logos kept before logos were encoded again.

Such a logo keeps the name and extension it was uploaded with (perhaps `.html`) and whatever it carried beside its
pixels (a GPS position, a text chunk holding a page). Each is encoded again and stored under a name of the portal's
own, and the old file deleted; one that is no readable picture is removed. Logos already stored under a name the
portal made are left as they are, so a second run changes nothing.
"""

import re

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction

from associations.models import Association
from associations.validators import logo_prepare
from portal.uploads import stored_file_delete_on_commit

PORTAL_NAME = re.compile(r"^associations/logos/[0-9a-f]{32}\.(png|jpg|webp)$")


class Command(BaseCommand):
    help = "Encode again, under names of the portal's own, the logos stored before uploads were encoded again."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count the logos that would be changed")

    def handle(self, *args, dry_run: bool = False, **options):
        encoded = removed = 0
        for association in Association.objects.exclude(logo="").order_by("pk").iterator():
            old_name = association.logo.name
            if PORTAL_NAME.match(old_name):
                continue
            try:
                with association.logo.open("rb") as stored:
                    prepared = logo_prepare(stored)
            except (OSError, ValidationError) as error:
                message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.stderr.write(f"Association {association.pk} ({old_name}): {message}")
                prepared = None
            if prepared is None:
                removed += 1
            else:
                encoded += 1
            if dry_run:
                continue
            with transaction.atomic():
                if prepared is None:
                    association.logo = ""
                    association.save(update_fields=["logo"])
                else:
                    association.logo.save(prepared.name, prepared, save=False)
                    association.save(update_fields=["logo"])
                stored_file_delete_on_commit(association.logo.storage, old_name)
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{encoded} logos {verb} encoded again, {removed} that are no readable picture {verb} removed."
        )
