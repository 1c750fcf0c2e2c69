"""Checking and preparing uploaded pictures: validated by their content, never by their name, and scaled down."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from portal.images import image_decode, image_encode, image_stem
from portal.uploads import image_check

MAX_BYTES = 5 * 1024 * 1024
# A small file can still decode into an enormous picture (a "decompression bomb"); refuse those before decoding.
MAX_PIXELS = 40_000_000
MIN_SIDE = 200
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
LARGE_SIDE = 1600
THUMBNAIL_SIDE = 640


@dataclass(frozen=True)
class PreparedImage:
    image: ContentFile
    thumbnail: ContentFile


def image_prepare(upload) -> PreparedImage:
    """Check that `upload` really is a picture of a sensible size and return scaled JPEG copies of it.

    Re-encoding also drops the metadata a camera writes into a photo (GPS position among it), which must not be
    published with a story.
    """
    info = image_check(upload, formats=FORMATS, max_bytes=MAX_BYTES, max_pixels=MAX_PIXELS)
    if min(info.width, info.height) < MIN_SIDE:
        raise ValidationError(
            _("The picture is too small (%(width)s × %(height)s). It must be at least %(min)s pixels on each side."),
            code="image_too_small",
            params={"width": info.width, "height": info.height, "min": MIN_SIDE},
        )
    # Every story picture becomes a JPEG, whatever it was uploaded as (a transparent PNG or an animated GIF too).
    picture = image_decode(upload, formats=FORMATS).convert("RGB")
    stem = image_stem(upload, default="picture")
    return PreparedImage(
        image=image_encode(picture, format="JPEG", stem=stem, side=LARGE_SIDE),
        thumbnail=image_encode(picture, format="JPEG", stem=f"{stem}-small", side=THUMBNAIL_SIDE),
    )
