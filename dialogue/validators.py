"""Validators for files staff upload to the dialogue pages."""

from django.core.files import File
from django.utils.translation import gettext_lazy as _

from portal.uploads import PDF, document_check

MINUTES_MAX_BYTES = 10 * 1024 * 1024


def validate_minutes_document(file: File) -> None:
    """Accept only real PDF files of at most 10 MB, judged by their first bytes rather than their name."""
    document_check(file, kinds=[PDF], max_bytes=MINUTES_MAX_BYTES, not_allowed=_("The minutes must be a PDF document."))
