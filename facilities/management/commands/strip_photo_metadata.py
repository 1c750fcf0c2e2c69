"""`manage.py strip_photo_metadata`: encode again the facility photos stored before uploads were encoded again.

Since uploads are encoded again (`facilities.models.photo_prepare`), no new photo keeps what the camera wrote into it,
its GPS position among it. This does the same for photos stored before. Photos without such metadata are left as they
are, so a second run changes nothing.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from facilities.models import FacilityPhoto, photo_prepare
from portal.images import image_has_metadata


class Command(BaseCommand):
    help = "Encode again the stored facility photos that carry camera metadata (GPS position, camera, time)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count the photos that would be encoded")

    def handle(self, *args, dry_run: bool = False, **options):
        encoded = clean = failed = 0
        for photo in FacilityPhoto.objects.order_by("pk").iterator():
            try:
                with photo.image.open("rb") as stored:
                    if not image_has_metadata(stored):
                        clean += 1
                        continue
                    if dry_run:
                        encoded += 1
                        continue
                    prepared = photo_prepare(stored)
            except (OSError, ValidationError) as error:
                failed += 1
                message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.stderr.write(f"Photo {photo.pk} ({photo.image.name}): {message}")
                continue
            old_name = photo.image.name
            photo.image.save(prepared.name, prepared, save=True)
            photo.image.storage.delete(old_name)
            encoded += 1
        verb = "would be encoded again" if dry_run else "encoded again"
        self.stdout.write(f"{encoded} photos {verb}, {clean} without metadata, {failed} that could not be read.")
