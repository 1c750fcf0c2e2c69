"""Checking and preparing uploaded pictures: validated by their content, never by their name, and scaled down."""

import io
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
# A small file can still decode into an enormous picture (a "decompression bomb"); refuse those before decoding.
MAX_PIXELS = 40_000_000
MIN_SIDE = 200
FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
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
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The picture is too large (%(size)s MB). It may be at most %(max)s MB."),
            code="image_too_large",
            params={"size": f"{upload.size / 1024 / 1024:.1f}", "max": MAX_BYTES // 1024 // 1024},
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("The file is not a picture we can read. Upload a JPEG, PNG, WebP or GIF file."), code="image_invalid"
        ) from None
    if kind not in FORMATS:
        raise ValidationError(
            _("The file is not a picture we can read. Upload a JPEG, PNG, WebP or GIF file."), code="image_invalid"
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("The picture has too many pixels (%(width)s × %(height)s). Make it smaller and try again."),
            code="image_too_many_pixels",
            params={"width": width, "height": height},
        )
    if min(width, height) < MIN_SIDE:
        raise ValidationError(
            _("The picture is too small (%(width)s × %(height)s). It must be at least %(min)s pixels on each side."),
            code="image_too_small",
            params={"width": width, "height": height, "min": MIN_SIDE},
        )
    # verify() leaves the file unusable, so open it again to decode the pixels.
    upload.seek(0)
    try:
        with Image.open(upload) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            _("The file is not a picture we can read. Upload a JPEG, PNG, WebP or GIF file."), code="image_invalid"
        ) from None
    stem = get_valid_filename(Path(getattr(upload, "name", "") or "picture").stem)[:60] or "picture"
    return PreparedImage(
        image=_encode(picture, side=LARGE_SIDE, name=f"{stem}.jpg"),
        thumbnail=_encode(picture, side=THUMBNAIL_SIDE, name=f"{stem}-small.jpg"),
    )
