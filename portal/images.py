"""Encoding uploaded pictures again, so that only what they show is published.

A camera writes metadata into a photo: often where it was taken (a GPS position), when, and with which camera.
Decoding the pixels and encoding them again leaves all of it behind. The orientation the camera recorded is applied
to the pixels first, so that the picture still stands the right way up without it. Check an upload with
`portal.uploads.image_check` before decoding it here.
"""

import io
from collections.abc import Sequence
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from PIL import Image, ImageOps

from portal.uploads import not_an_image

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


def image_stem(upload: File, *, default: str) -> str:
    """A safe, short file name stem taken from the name `upload` came with."""
    return get_valid_filename(Path(getattr(upload, "name", "") or default).stem)[:60] or default


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


def image_decode(upload: File, *, formats: Sequence[str]) -> Image.Image:
    """The pixels of `upload`, upright, as RGB (RGBA if it has transparency) and with no metadata but its colour
    profile. `formats` are those named in the error for a file that turns out to be unreadable."""
    try:
        upload.seek(0)
        with Image.open(upload) as opened:
            upright = ImageOps.exif_transpose(opened)
            picture = upright.convert("RGBA" if upright.has_transparency_data else "RGB")
    # A header that looked fine can still hide damaged pixels.
    except (OSError, ValueError, Image.DecompressionBombError):
        raise not_an_image(formats) from None
    finally:
        upload.seek(0)
    # Converting copies everything Pillow read from the file (EXIF, XMP, comments) along with the pixels.
    profile = upright.info.get("icc_profile") if upright.mode in KEEPS_PROFILE else None
    picture.info = {"icc_profile": profile} if profile else {}
    return picture


def image_encode(picture: Image.Image, *, format: str, stem: str, side: int | None = None) -> ContentFile:
    """`picture` saved as `format` (Pillow's name) in a file named `stem` with the format's extension, scaled down to
    fit within `side` × `side` pixels if given. Nothing but the pixels and their colour profile is written."""
    if side is not None:
        picture = picture.copy()
        picture.thumbnail((side, side), Image.Resampling.LANCZOS)
    if format == "JPEG" and picture.mode != "RGB":
        picture = picture.convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, format=format, icc_profile=picture.info.get("icc_profile"), **SAVE_OPTIONS[format])
    return ContentFile(buffer.getvalue(), name=f"{stem}.{EXTENSIONS[format]}")
