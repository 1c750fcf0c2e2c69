"""Checking uploaded files by what they contain, never by what they are called.

Every app that takes a file (logos, facility photos, story pictures, grant and advice attachments, minutes) calls
one of the checks here with its own allow-list and limits; the policies differ on purpose, the mechanics and the
messages are shared.
"""

import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from PIL import Image

MEGABYTE = 1024 * 1024

TOO_LARGE = _("The file is too large (%(size)s). It may be at most %(limit)s.")
EMPTY = _("The file is empty.")
NOT_AN_IMAGE = _("The file is not a picture we can read. Upload a %(formats)s file.")
TOO_MANY_PIXELS = _("The picture has too many pixels (%(width)s × %(height)s). Make it smaller and try again.")
MISMATCH = _("The file's content does not match its name.")

# The list of formats is joined ("JPEG, PNG or WebP") in the language the message is shown in, like the message.
_format_list = lazy(get_text_list, str)
# How the portal writes Pillow's format names to people.
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}


@dataclass(frozen=True)
class ImageInfo:
    """What Pillow read from an image's header; the pixels themselves are not decoded."""

    format: str
    width: int
    height: int


@dataclass(frozen=True)
class FileType:
    """A kind of document the portal may accept, and the container it comes in.

    `family` is what the first bytes reveal (a PDF, an image, a zip of Office Open XML or OpenDocument parts, an old
    binary Office file); the rest of the content tells the members of a family apart.
    """

    content_type: str
    extensions: tuple[str, ...]
    family: str
    image_format: str = ""

    @property
    def extension(self) -> str:
        return self.extensions[0]


PDF = FileType("application/pdf", (".pdf",), "pdf")
PNG = FileType("image/png", (".png",), "image", image_format="PNG")
JPEG = FileType("image/jpeg", (".jpg", ".jpeg"), "image", image_format="JPEG")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), "ooxml")
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",), "ooxml")
PPTX = FileType("application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",), "ooxml")
ODT = FileType("application/vnd.oasis.opendocument.text", (".odt",), "odf")
ODS = FileType("application/vnd.oasis.opendocument.spreadsheet", (".ods",), "odf")
DOC = FileType("application/msword", (".doc",), "ole2")
XLS = FileType("application/vnd.ms-excel", (".xls",), "ole2")

PDF_MAGIC = b"%PDF-"
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff")
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
# Office Open XML and OpenDocument files are zip archives; each family has one member every such file has, and a
# second one that says which program the file belongs to.
FAMILY_MEMBERS = {"ooxml": "[Content_Types].xml", "odf": "mimetype"}
OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
ODF_MIMETYPES = {ODT.content_type: ODT, ODS.content_type: ODS}
IMAGE_TYPES = {PNG.image_format: PNG, JPEG.image_format: JPEG}


def _megabytes(size: int) -> str:
    # Rounded up, so that a file just over the limit never reads as exactly the limit.
    value = math.ceil(size / MEGABYTE * 10) / 10
    return f"{number_format(value, decimal_pos=0 if value.is_integer() else 1)} MB"


# Formatted in the language the message is shown in (a decimal comma in Danish).
_lazy_megabytes = lazy(_megabytes, str)


def _size_check(upload: File, *, max_bytes: int) -> None:
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            TOO_LARGE,
            code="too_large",
            params={"size": _lazy_megabytes(upload.size), "limit": _lazy_megabytes(max_bytes)},
        )


def not_an_image(formats: Sequence[str]) -> ValidationError:
    """The error for a file that is not a readable picture in one of `formats` (Pillow's names)."""
    names = [FORMAT_NAMES.get(name, name) for name in formats]
    return ValidationError(NOT_AN_IMAGE, code="image_invalid", params={"formats": _format_list(names)})


def _image_probe(upload: File) -> ImageInfo | None:
    """Read an image's header and check its structure without decoding the pixels; None if it is no image."""
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            info = ImageInfo(format=probe.format or "", width=probe.width, height=probe.height)
            probe.verify()
    # Pillow's format plugins raise many kinds of exception on malformed input, and Image.open raises
    # DecompressionBombError for a header that claims an absurd number of pixels; every one means "not an image".
    except Exception:
        return None
    finally:
        upload.seek(0)
    return info


def image_check(upload: File, *, formats: Sequence[str], max_bytes: int, max_pixels: int | None = None) -> ImageInfo:
    """Check that `upload` is a readable image in one of `formats` (Pillow's names, in the order to name them).

    `max_pixels` refuses a small file that would decode into an enormous picture (a "decompression bomb") before
    anything decodes it; without it only Pillow's own, much higher limit applies. The file is left at its start.
    """
    _size_check(upload, max_bytes=max_bytes)
    info = _image_probe(upload)
    if info is None or info.format not in formats:
        raise not_an_image(formats)
    if max_pixels is not None and info.width * info.height > max_pixels:
        raise ValidationError(
            TOO_MANY_PIXELS, code="image_too_many_pixels", params={"width": info.width, "height": info.height}
        )
    return info


def _head(upload: File) -> bytes:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return head


def _zip_members(upload: File) -> set[str] | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        upload.seek(0)


def _zip_type(upload: File) -> FileType | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if FAMILY_MEMBERS["odf"] in names:
                return ODF_MIMETYPES.get(archive.read("mimetype").decode("ascii", "replace").strip())
            if FAMILY_MEMBERS["ooxml"] in names:
                return next((kind for part, kind in OOXML_PARTS.items() if part in names), None)
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        upload.seek(0)
    return None


def document_type(upload: File) -> FileType | None:
    """The type of a file judged by its content, or None when it is none the portal knows."""
    head = _head(upload)
    if head.startswith(PDF_MAGIC):
        return PDF
    if head.startswith(IMAGE_MAGIC):
        info = _image_probe(upload)
        return IMAGE_TYPES.get(info.format) if info else None
    if head.startswith(ZIP_MAGIC):
        return _zip_type(upload)
    if head.startswith(OLE2_MAGIC):
        # Old binary Word and Excel files share one container format; the name is the only hint which it is.
        suffix = PurePath((upload.name or "").lower()).suffix
        return XLS if suffix in XLS.extensions else DOC
    return None


def _check_size_and_emptiness(upload: File, *, max_bytes: int) -> None:
    _size_check(upload, max_bytes=max_bytes)
    if not upload.size:
        raise ValidationError(EMPTY, code="empty")


def document_check(upload: File, *, kinds: Sequence[FileType], max_bytes: int, not_allowed: str) -> FileType:
    """Return the type of `upload` judged by its content alone, if it is one of `kinds`.

    `not_allowed` names the allowed kinds in the words of the page that takes the file.
    """
    _check_size_and_emptiness(upload, max_bytes=max_bytes)
    found = document_type(upload)
    if found not in kinds:
        raise ValidationError(not_allowed, code="wrong_type")
    return found


def named_document_check(upload: File, *, kinds: Sequence[FileType], max_bytes: int, not_allowed: str) -> FileType:
    """Return the type the name of `upload` claims, if it is one of `kinds` and the content bears the claim out.

    The content need only be of the claimed type's family (a PDF, an Office Open XML or OpenDocument zip, an old
    Office file); images must be of exactly the claimed format.
    """
    _check_size_and_emptiness(upload, max_bytes=max_bytes)
    suffix = PurePath((upload.name or "").lower()).suffix
    claimed = next((kind for kind in kinds if suffix in kind.extensions), None)
    if claimed is None:
        raise ValidationError(not_allowed, code="wrong_type")
    if claimed.family == "image":
        info = _image_probe(upload)
        if info is None:
            raise not_an_image([kind.image_format for kind in kinds if kind.family == "image"])
        if info.format != claimed.image_format:
            raise ValidationError(MISMATCH, code="mismatch")
        return claimed
    head = _head(upload)
    if claimed.family == "pdf":
        fits = head.startswith(PDF_MAGIC)
    elif claimed.family == "ole2":
        fits = head.startswith(OLE2_MAGIC)
    else:
        members = _zip_members(upload) if head.startswith(ZIP_MAGIC) else None
        fits = members is not None and FAMILY_MEMBERS[claimed.family] in members
    if not fits:
        raise ValidationError(MISMATCH, code="mismatch")
    return claimed
