"""Checking and preparing uploaded pictures: validated by their content, never by their name, and scaled down."""

import io
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from portal.uploads import image_check, not_an_image

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


def _encode(picture: Image.Image, *, side: int, name: str) -> ContentFile:
    copy = picture.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    copy.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue(), name=name)


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
    # The check above has only read the header, so decoding the pixels can still fail on a damaged file.
    try:
        with Image.open(upload) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError):
        raise not_an_image(FORMATS) from None
    stem = get_valid_filename(Path(getattr(upload, "name", "") or "picture").stem)[:60] or "picture"
    return PreparedImage(
        image=_encode(picture, side=LARGE_SIDE, name=f"{stem}.jpg"),
        thumbnail=_encode(picture, side=THUMBNAIL_SIDE, name=f"{stem}-small.jpg"),
    )
