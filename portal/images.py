"""Encoding uploaded pictures again, so that only what they show is published.

A camera writes metadata into a photo: often where it was taken (a GPS position), when, and with which camera.
Decoding the pixels and encoding them again leaves all of it behind. The orientation the camera recorded is applied
to the pixels first, so that the picture still stands the right way up without it. Uploads come here only through
`portal.uploads.upload_image`, which checks the header (format, bytes, pixels) before anything is decoded.
"""

import io
import math

from django.core.files import File
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

# JPEG and WebP at a quality nobody notices on a web page; PNG stays lossless.
SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 85, "method": 6},
}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Where Pillow puts what a file says about itself rather than its pixels (EXIF is also read through getexif()).
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop")
# A colour profile only describes the pixels while they stay in its colour space.
KEEPS_PROFILE = ("RGB", "RGBA")


def image_has_metadata(upload: File) -> bool:
    """Whether `upload` carries more than its pixels and colour profile (EXIF, XMP or a comment), as camera photos do.
    A file that cannot be read counts as carrying some, so that encoding it again reports the problem."""
    try:
        upload.seek(0)
        with Image.open(upload) as opened:
            return bool(opened.getexif()) or any(key in opened.info for key in METADATA_KEYS)
    except (OSError, ValueError, Image.DecompressionBombError):
        return True
    finally:
        upload.seek(0)


def _fitted(size: tuple[int, int], side: int) -> tuple[int, int]:
    """`size` scaled down to fit within `side` × `side`, keeping its proportions."""
    ratio = min(1, side / max(size))
    return max(1, math.ceil(size[0] * ratio)), max(1, math.ceil(size[1] * ratio))


def image_decode(upload: File, *, side: int | None = None) -> Image.Image:
    """The pixels of `upload`, upright, as RGB (RGBA if it has transparency) and with no metadata but its colour
    profile, scaled down to fit within `side` × `side` pixels if given.

    A JPEG that is to be scaled down is decoded at a reduced size straight away, and the rest happens in place where
    Pillow allows it; a second picture of the full size is held only while one in another mode (a palette, a
    one-bit picture) is converted, or while one with transparency is scaled. Pillow's own exceptions (OSError,
    ValueError and others) mean the file is damaged.
    """
    upload.seek(0)
    try:
        with Image.open(upload) as opened:
            profile = opened.info.get("icc_profile")
            if side is not None:
                # A JPEG decodes at 1/2, 1/4 or 1/8 of its size when no more is needed for the size it is scaled to.
                opened.draft(None, _fitted(opened.size, side))
            opened.load()
            ImageOps.exif_transpose(opened, in_place=True)
            mode = "RGBA" if opened.has_transparency_data else "RGB"
            picture = opened if opened.mode == mode else opened.convert(mode)
    finally:
        upload.seek(0)
    if side is not None:
        picture.thumbnail((side, side), Image.Resampling.LANCZOS)
    # Pillow keeps what it read from the file (EXIF, XMP, text chunks, comments) beside the pixels; none of it goes on.
    picture.info = {"icc_profile": profile} if profile and picture.mode in KEEPS_PROFILE else {}
    return picture


def image_encode(picture: Image.Image, *, format: str, name: str, side: int | None = None) -> ContentFile:
    """`picture` saved as `format` (Pillow's name) in a file called `name`, scaled down to fit within `side` × `side`
    pixels if given. Nothing but the pixels and their colour profile is written."""
    if side is not None and max(picture.size) > side:
        picture = picture.copy()
        picture.thumbnail((side, side), Image.Resampling.LANCZOS)
    if format == "JPEG" and picture.mode != "RGB":
        picture = picture.convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, format=format, icc_profile=picture.info.get("icc_profile"), **SAVE_OPTIONS[format])
    return ContentFile(buffer.getvalue(), name=name)
