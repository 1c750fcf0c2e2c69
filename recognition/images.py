"""Checking and preparing uploaded pictures: validated by their content, never by their name, and scaled down."""

from dataclasses import dataclass

from django.core.files import File
from django.core.files.base import ContentFile

from portal.uploads import upload_images

MAX_BYTES = 5 * 1024 * 1024
MIN_SIDE = 200
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
LARGE_SIDE = 1600
THUMBNAIL_SIDE = 640


@dataclass(frozen=True)
class PreparedImage:
    image: ContentFile
    thumbnail: ContentFile


def image_prepare(upload: File) -> PreparedImage:
    """Check that `upload` really is a picture of a sensible size (in bytes and in pixels, before decoding it) and
    return scaled JPEG copies of it.

    Re-encoding also drops the metadata a camera writes into a photo (GPS position among it), which must not be
    published with a story. Every story picture becomes a JPEG, whatever it was uploaded as (a transparent PNG or an
    animated GIF too).
    """
    image, thumbnail = upload_images(
        upload,
        formats=FORMATS,
        max_bytes=MAX_BYTES,
        min_side=MIN_SIDE,
        sides=[LARGE_SIDE, THUMBNAIL_SIDE],
        format="JPEG",
    )
    return PreparedImage(image=image, thumbnail=thumbnail)
