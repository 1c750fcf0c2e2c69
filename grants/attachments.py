"""Recognising uploaded attachments by what they contain, not by what they are called."""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_APPLICATION = 20


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str


PDF = FileType("application/pdf", ".pdf")
PNG = FileType("image/png", ".png")
JPEG = FileType("image/jpeg", ".jpg")
DOCX = FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
XLSX = FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
PPTX = FileType("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx")
ODT = FileType("application/vnd.oasis.opendocument.text", ".odt")
ODS = FileType("application/vnd.oasis.opendocument.spreadsheet", ".ods")
DOC = FileType("application/msword", ".doc")
XLS = FileType("application/vnd.ms-excel", ".xls")

# Office Open XML files are zip archives whose main part says which program they belong to.
OOXML_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
ODF_MIMETYPES = {ODT.content_type: ODT, ODS.content_type: ODS}
OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
LEGACY_OFFICE = {".doc": DOC, ".xls": XLS}

NOT_ALLOWED = _(
    "The file must be a PDF, an image (JPEG or PNG) or an office document (Word, Excel, PowerPoint, OpenDocument)."
)


def _image_type(upload: UploadedFile) -> FileType | None:
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            image_format = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    return {"PNG": PNG, "JPEG": JPEG}.get(image_format)


def _zip_type(upload: UploadedFile) -> FileType | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return ODF_MIMETYPES.get(archive.read("mimetype").decode("ascii", "replace").strip())
            if "[Content_Types].xml" in names:
                return next((kind for part, kind in OOXML_PARTS.items() if part in names), None)
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def attachment_type(upload: UploadedFile) -> FileType:
    """Return the type of an uploaded file judged by its content, or raise ValidationError with a clear reason."""
    if upload.size is not None and upload.size > MAX_ATTACHMENT_SIZE:
        raise ValidationError(
            _("The file is %(size)s; attachments can be at most %(limit)s."),
            code="too_big",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_ATTACHMENT_SIZE)},
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    found: FileType | None = None
    if head.startswith(b"%PDF-"):
        found = PDF
    elif head.startswith((b"\x89PNG", b"\xff\xd8\xff")):
        found = _image_type(upload)
    elif head.startswith(b"PK\x03\x04"):
        found = _zip_type(upload)
    elif head.startswith(OLE2_MAGIC):
        # Old binary Word and Excel files share one container format; the name is the only hint which it is.
        name = (upload.name or "").lower()
        found = next((kind for suffix, kind in LEGACY_OFFICE.items() if name.endswith(suffix)), DOC)
    upload.seek(0)
    if found is None:
        raise ValidationError(NOT_ALLOWED, code="wrong_type")
    return found
