from pathlib import PurePath

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dialogue.validators import MINUTES_MAX_BYTES, validate_minutes_document
from tests.factories.dialogue import MeetingFactory


def test_a_real_pdf_is_accepted():
    validate_minutes_document(SimpleUploadedFile("referat.pdf", b"%PDF-1.7\n...", content_type="application/pdf"))


def test_a_file_that_only_pretends_to_be_a_pdf_is_refused():
    fake = SimpleUploadedFile("referat.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")
    with pytest.raises(ValidationError, match="PDF"):
        validate_minutes_document(fake)


def test_a_too_large_document_is_refused():
    large = SimpleUploadedFile("referat.pdf", b"%PDF-" + b"0" * MINUTES_MAX_BYTES)
    with pytest.raises(ValidationError, match="10 MB"):
        validate_minutes_document(large)


@pytest.mark.django_db
def test_the_minutes_are_stored_under_a_name_of_the_portals_own(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = MeetingFactory()

    meeting.minutes_document = SimpleUploadedFile("Referat <script>.PDF", b"%PDF-1.7\n...")
    meeting.save()

    name = PurePath(meeting.minutes_document.name)
    assert name.parent == PurePath("dialogue/minutes")
    assert name.suffix == ".pdf" and "Referat" not in name.stem
