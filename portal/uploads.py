"""The one place that decides what an uploaded file is, how large it may be and what it is stored as.

Every app that takes a file (logos, facility photos, story pictures, grant and advice attachments, minutes) passes
it through here with its own allow-list and limits; the policies differ on purpose, the mechanics and the messages
are shared:

- the type is judged by the content, never by the name the file came with;
- size is limited in bytes and, for pictures, in pixels, read from the header before anything decodes the pixels;
- pictures are decoded and encoded again (`upload_image`), so nothing but their pixels is published;
- the stored name is the portal's own (`stored_name`, `UploadTo`): random, with the extension of the format the
  portal wrote or recognised, so a file can never be served as a page because of what it was called.
"""

import math
import struct
import uuid
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from PIL import Image

from portal.images import EXTENSIONS, image_decode, image_encode

MEGABYTE = 1024 * 1024
# No picture the portal takes may have more pixels than this, whatever its file size: a 25-megapixel picture (6,000 ×
# 4,000, what a good camera takes) decodes into 75 MB as RGB, and the pictures are decoded one buffer at a time.
# Pillow's own limit is set to the same figure (portal/apps.py), so code that opens a picture elsewhere warns above
# it and refuses twice as many.
MAX_PIXELS = 25_000_000
# A JPEG that is scaled down decodes at a half, a quarter or an eighth of its size (portal/images.py); every other
# format decodes whole, and a transparent one is copied once more to be scaled, so those stay below this many pixels:
# 12 megapixels (a phone's photo, 4,000 × 3,000) decode into 36 MB as RGB and 48 MB with transparency.
MAX_PIXELS_DECODED_WHOLE = 12_000_000

TOO_LARGE = _("The file is too large (%(size)s). It may be at most %(limit)s.")
EMPTY = _("The file is empty.")
NOT_AN_IMAGE = _("The file is not a picture we can read. Upload a %(formats)s file.")
TOO_MANY_PIXELS = _("The picture has too many pixels (%(width)s × %(height)s). Make it smaller and try again.")
TOO_SMALL = _("The picture is too small (%(width)s × %(height)s). It must be at least %(min)s pixels on each side.")

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

# Every kind of document the portal recognises.
DOCUMENT_TYPES = (PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT, ODS, DOC, XLS)

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
        # Above Pillow's limit it only warns; the caller compares the size with its own limit.
        with warnings.catch_warnings(), Image.open(upload) as probe:
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            info = ImageInfo(format=probe.format or "", width=probe.width, height=probe.height)
            probe.verify()
    # Pillow's format plugins raise many kinds of exception on malformed input, and Image.open raises
    # DecompressionBombError for a header that claims an absurd number of pixels; every one means "not an image".
    except Exception:
        return None
    finally:
        upload.seek(0)
    return info


def image_check(
    upload: File,
    *,
    formats: Sequence[str],
    max_bytes: int,
    max_pixels: int = MAX_PIXELS,
    min_side: int | None = None,
) -> ImageInfo:
    """Check that `upload` is a readable image in one of `formats` (Pillow's names, in the order to name them).

    `max_pixels` refuses a small file that would decode into an enormous picture (a "decompression bomb") before
    anything decodes it; a picture that is not a JPEG is held to MAX_PIXELS_DECODED_WHOLE as well. The file is left
    at its start.
    """
    _size_check(upload, max_bytes=max_bytes)
    info = _image_probe(upload)
    if info is None or info.format not in formats:
        raise not_an_image(formats)
    if info.format != "JPEG":
        max_pixels = min(max_pixels, MAX_PIXELS_DECODED_WHOLE)
    if info.width * info.height > max_pixels:
        raise ValidationError(
            TOO_MANY_PIXELS, code="image_too_many_pixels", params={"width": info.width, "height": info.height}
        )
    if min_side is not None and min(info.width, info.height) < min_side:
        raise ValidationError(
            TOO_SMALL, code="image_too_small", params={"width": info.width, "height": info.height, "min": min_side}
        )
    return info


# What a picture is written as when it is kept in its own kind: a GIF (perhaps animated) becomes a still PNG.
WRITTEN_AS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "PNG"}


def upload_images(
    upload: File,
    *,
    formats: Sequence[str],
    max_bytes: int,
    sides: Sequence[int | None],
    max_pixels: int = MAX_PIXELS,
    min_side: int | None = None,
    format: str | None = None,
) -> list[ContentFile]:
    """`upload` checked like `image_check`, decoded once and encoded again as one file per entry of `sides` (scaled
    down to fit within side × side pixels; None keeps the size), each under a name of its own.

    The files are written as `format` (Pillow's name), or in the upload's own kind (`WRITTEN_AS`) if None. Nothing
    but the pixels and their colour profile is kept: no GPS position, no text chunk, no comment.
    """
    info = image_check(upload, formats=formats, max_bytes=max_bytes, max_pixels=max_pixels, min_side=min_side)
    written = format or WRITTEN_AS[info.format]
    largest = None if None in sides else max(sides)
    try:
        picture = image_decode(upload, side=largest)
    # A header that looked fine can still hide damaged pixels; Pillow's plugins raise many kinds of exception then.
    except Exception:
        raise not_an_image(formats) from None
    return [
        image_encode(picture, format=written, side=side, name=stored_name(f".{EXTENSIONS[written]}")) for side in sides
    ]


def upload_image(
    upload: File,
    *,
    formats: Sequence[str],
    max_bytes: int,
    side: int | None = None,
    max_pixels: int = MAX_PIXELS,
    min_side: int | None = None,
    format: str | None = None,
) -> ContentFile:
    """`upload` as one picture the portal wrote itself; see `upload_images`."""
    (picture,) = upload_images(
        upload,
        formats=formats,
        max_bytes=max_bytes,
        sides=[side],
        max_pixels=max_pixels,
        min_side=min_side,
        format=format,
    )
    return picture


def _head(upload: File) -> bytes:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    return head


# An office document's archive is inspected without unpacking it: the directory at its end is read only when it
# lists a sensible number of members, no member may claim an absurd size, and of the one member that must be read
# (OpenDocument's `mimetype`, a few dozen bytes) no more than ZIP_READ_LIMIT bytes are read.
ZIP_MAX_MEMBERS = 5_000
ZIP_MAX_MEMBER_BYTES = 200 * MEGABYTE
# Text compresses well, but not a thousandfold; a member that claims to be this many times its compressed size, and
# larger than ZIP_RATIO_FLOOR, is zeros or worse.
ZIP_MAX_RATIO = 200
ZIP_RATIO_FLOOR = MEGABYTE
ZIP_READ_LIMIT = 1024
ZIP_CHUNK = 256
# The end-of-central-directory record: its signature, and where the number of members sits in it.
EOCD_SIGNATURE = b"PK\x05\x06"
EOCD_SIZE = 22
EOCD_MAX_COMMENT = 0xFFFF


def _zip_member_count(upload: File) -> int | None:
    """The number of members the archive's last record declares, read before zipfile builds its directory, which
    takes memory for every member. None if the record cannot be found or declares a ZIP64 archive."""
    size = upload.size or 0
    tail_size = min(size, EOCD_SIZE + EOCD_MAX_COMMENT)
    upload.seek(size - tail_size)
    tail = upload.read(tail_size)
    at = tail.rfind(EOCD_SIGNATURE)
    if at < 0 or len(tail) - at < EOCD_SIZE:
        return None
    (members,) = struct.unpack("<H", tail[at + 10 : at + 12])
    # 0xFFFF means the real count is in a ZIP64 record; no office document the portal takes needs one.
    return None if members == 0xFFFF else members


def _zip_is_sane(archive: zipfile.ZipFile) -> bool:
    for member in archive.infolist():
        if member.file_size > ZIP_MAX_MEMBER_BYTES:
            return False
        if member.file_size > ZIP_RATIO_FLOOR and member.file_size > ZIP_MAX_RATIO * max(member.compress_size, 1):
            return False
    return True


def _zip_read_small(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """The content of member `name` if it is at most ZIP_READ_LIMIT bytes, read in chunks whatever it declares."""
    data = b""
    with archive.open(name) as member:
        while chunk := member.read(ZIP_CHUNK):
            data += chunk
            if len(data) > ZIP_READ_LIMIT:
                return None
    return data


def _zip_type(upload: File) -> FileType | None:
    try:
        members = _zip_member_count(upload)
        if members is None or members > ZIP_MAX_MEMBERS:
            return None
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            if not _zip_is_sane(archive):
                return None
            names = set(archive.namelist())
            if FAMILY_MEMBERS["odf"] in names:
                mimetype = _zip_read_small(archive, FAMILY_MEMBERS["odf"])
                return ODF_MIMETYPES.get(mimetype.decode("ascii", "replace").strip()) if mimetype else None
            if FAMILY_MEMBERS["ooxml"] in names:
                return next((kind for part, kind in OOXML_PARTS.items() if part in names), None)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, ValueError, EOFError, struct.error):
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


@dataclass(frozen=True)
class Document:
    """An uploaded document as the portal stores it: its type by content, and the name to store it under."""

    type: FileType
    name: str


def upload_document(upload: File, *, kinds: Sequence[FileType], max_bytes: int, not_allowed: str) -> Document:
    """Check `upload` like `document_check` and say what to store it as: a name of the portal's own with the
    extension of the type its content shows. The file itself is stored as it came (documents are only ever handed
    out as downloads, by views that check who is asking)."""
    found = document_check(upload, kinds=kinds, max_bytes=max_bytes, not_allowed=not_allowed)
    return Document(type=found, name=stored_name(found.extension))


# Every extension a stored file may have: those of the pictures the portal writes and of the documents it recognises.
# Nothing else (.html, .svg, .js) is ever stored, whatever a caller passes on.
STORED_EXTENSIONS = frozenset(
    {f".{extension}" for extension in EXTENSIONS.values()}
    | {extension for kind in DOCUMENT_TYPES for extension in kind.extensions}
)


def stored_content_type(name: str) -> str:
    """The content type of a file stored under `name` by `stored_name`, whose extension the portal chose."""
    suffix = PurePath(name).suffix.lower()
    return next((kind.content_type for kind in DOCUMENT_TYPES if suffix in kind.extensions), "application/octet-stream")


def stored_name(extension: str) -> str:
    """A random file name with `extension` (".png"), which must be one of STORED_EXTENSIONS."""
    extension = extension.lower()
    if extension not in STORED_EXTENSIONS:
        raise SuspiciousFileOperation(f"The portal does not store {extension!r} files.")
    return f"{uuid.uuid4().hex}{extension}"


def upload_path(folder: str, filename: str) -> str:
    """Where to store a file in `folder` (strftime codes such as %Y are filled in): a random name with the extension
    of `filename`, which must be one the portal stores."""
    return f"{timezone.now().strftime(folder).rstrip('/')}/{stored_name(PurePath(filename).suffix)}"


@deconstructible
class UploadTo:
    """The `upload_to` of every file field: a random name in `folder` (see `upload_path`)."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        return upload_path(self.folder, filename)

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadTo) and other.folder == self.folder


def stored_file_delete_on_commit(storage: Storage, name: str) -> None:
    """Delete the stored file `name` once the transaction that stopped using it has committed (never before: a
    rolled-back change still needs it)."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))
