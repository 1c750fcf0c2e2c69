"""What a message in an advice request may have attached: recognised by content, not by what the file is called."""

from django.core.files import File
from django.utils.translation import gettext_lazy as _

from portal.uploads import DOCX, JPEG, ODS, ODT, PDF, PNG, XLSX, Document, upload_document

MAX_ATTACHMENT_SIZE = 5 * 1024 * 1024
ATTACHMENT_TYPES = (PDF, DOCX, XLSX, ODT, ODS, JPEG, PNG)
NOT_ALLOWED = _("Attach a PDF, a Word, Excel or OpenDocument file, or a JPEG or PNG image.")


def attachment_document(upload: File) -> Document:
    """Return the type of `upload` judged by its content (up to 5 MB) and the name to store it under, or raise
    ValidationError with a clear reason."""
    return upload_document(upload, kinds=ATTACHMENT_TYPES, max_bytes=MAX_ATTACHMENT_SIZE, not_allowed=NOT_ALLOWED)


def validate_attachment(upload: File) -> None:
    """A form validator: accept only the files `attachment_document` accepts."""
    attachment_document(upload)
