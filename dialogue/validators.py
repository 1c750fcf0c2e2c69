"""Validators for files staff upload to the dialogue pages."""

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _

MINUTES_MAX_BYTES = 10 * 1024 * 1024


def validate_minutes_document(file: File) -> None:
    """Accept only real PDF files of at most 10 MB, judged by their first bytes rather than their name."""
    if file.size and file.size > MINUTES_MAX_BYTES:
        raise ValidationError(_("The document may be at most 10 MB."), code="minutes_size")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        header = file.read(5)
    finally:
        file.seek(position)
    if header != b"%PDF-":
        raise ValidationError(_("The minutes must be a PDF document."), code="minutes_format")
