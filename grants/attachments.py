"""What an application may have attached: recognised by content, not by what the files are called."""

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from portal.uploads import DOC, DOCX, JPEG, ODS, ODT, PDF, PNG, PPTX, XLS, XLSX, Document, FileType, upload_document

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_APPLICATION = 20
ATTACHMENT_TYPES = (PDF, PNG, JPEG, DOCX, XLSX, PPTX, ODT, ODS, DOC, XLS)

NOT_ALLOWED = _(
    "The file must be a PDF, an image (JPEG or PNG) or an office document (Word, Excel, PowerPoint, OpenDocument)."
)


def attachment_document(upload: UploadedFile) -> Document:
    """Return the type of an uploaded file judged by its content and the name to store it under, or raise
    ValidationError with a clear reason."""
    return upload_document(upload, kinds=ATTACHMENT_TYPES, max_bytes=MAX_ATTACHMENT_SIZE, not_allowed=NOT_ALLOWED)


def attachment_type(upload: UploadedFile) -> FileType:
    """Return the type of an uploaded file judged by its content, or raise ValidationError with a clear reason."""
    return attachment_document(upload).type
