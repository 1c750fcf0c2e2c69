"""Attachments are recognised by content, limited in size, stored privately and served only to the right people."""

import io
import os
import zipfile
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from grants import services
from grants.attachments import MAX_ATTACHMENT_SIZE, attachment_type
from grants.models import Application, Attachment
from tests.factories.grants import ApplicationFactory, AttachmentFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("budget.pdf", b"%PDF-1.7\n1 0 obj\n", "application/pdf"),
        ("billede.png", png_bytes(), "image/png"),
        ("ansoegning.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        # The name does not matter: a PDF called .txt is still a PDF.
        ("budget.txt", b"%PDF-1.7\n", "application/pdf"),
    ],
)
def test_it_recognises_allowed_files_by_content(name, content, expected):
    assert attachment_type(upload(name, content)).content_type == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("budget.pdf", b"<html><script>alert(1)</script></html>"),
        ("billede.png", b"\x89PNG\r\n\x1a\nnot really an image"),
        ("program.exe", b"MZ\x90\x00\x03"),
        ("arkiv.docx", b"PK\x03\x04 broken zip"),
    ],
)
def test_it_refuses_files_whose_content_is_not_allowed(name, content):
    with pytest.raises(ValidationError) as error:
        attachment_type(upload(name, content))
    assert error.value.code == "wrong_type"


def test_it_refuses_files_that_are_too_big():
    big = upload("stor.pdf", b"%PDF-1.7\n" + b"0" * MAX_ATTACHMENT_SIZE)

    with pytest.raises(ValidationError) as error:
        attachment_type(big)
    assert error.value.code == "too_large"


def test_the_applicant_uploads_and_downloads_a_file(client, settings):
    application = ApplicationFactory()
    client.force_login(application.applicant)

    response = client.post(
        reverse("grants:attachment-upload", kwargs={"pk": application.pk}),
        {"file": upload("Budget 2027.pdf", b"%PDF-1.7\nhello"), "kind": "application"},
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "Budget 2027.pdf"
    assert attachment.content_type == "application/pdf"
    # Stored under the private root with a random name, never under MEDIA_ROOT.
    assert attachment.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert "Budget" not in attachment.file.name
    download = client.get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.7\nhello"
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]


def test_an_upload_with_the_wrong_content_shows_a_clear_message(client):
    application = ApplicationFactory()
    client.force_login(application.applicant)

    with_en = client.post(
        "/en" + reverse("grants:attachment-upload", kwargs={"pk": application.pk}),
        {"file": upload("budget.pdf", b"just text"), "kind": "application"},
    )

    assert with_en.status_code == 400
    assert "The file must be a PDF" in with_en.content.decode()
    assert not Attachment.objects.exists()


def test_another_person_cannot_download_an_attachment(client):
    attachment = AttachmentFactory()
    client.force_login(UserFactory())

    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_an_attachment_cannot_be_fetched_through_another_application(client):
    attachment = AttachmentFactory()
    mine = ApplicationFactory()
    client.force_login(mine.applicant)

    url = reverse("grants:attachment-download", kwargs={"pk": mine.pk, "attachment_pk": attachment.pk})

    assert client.get(url).status_code == 404


def test_anonymous_people_cannot_download(client):
    attachment = AttachmentFactory()

    response = client.get(attachment.get_absolute_url())

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_staff_who_review_applications_can_download(client):
    attachment = AttachmentFactory()
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_application"))
    client.force_login(staff)

    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_staff_without_the_permission_cannot_download(client):
    attachment = AttachmentFactory()
    client.force_login(UserFactory(is_staff=True))

    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_another_person_cannot_upload_or_delete(client):
    attachment = AttachmentFactory()
    client.force_login(UserFactory())
    pk = attachment.application_id

    upload_response = client.post(
        reverse("grants:attachment-upload", kwargs={"pk": pk}), {"file": upload("x.pdf", b"%PDF-1.7\n")}
    )
    delete_response = client.post(
        reverse("grants:attachment-delete", kwargs={"pk": pk, "attachment_pk": attachment.pk})
    )

    assert upload_response.status_code == 404
    assert delete_response.status_code == 404
    assert Attachment.objects.count() == 1


def test_uploading_is_post_only(client):
    application = ApplicationFactory()
    client.force_login(application.applicant)

    assert client.get(reverse("grants:attachment-upload", kwargs={"pk": application.pk})).status_code == 405


def test_the_applicant_removes_an_attachment_while_editable(client, django_capture_on_commit_callbacks):
    attachment = AttachmentFactory()
    path = attachment.file.path
    client.force_login(attachment.application.applicant)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "grants:attachment-delete", kwargs={"pk": attachment.application_id, "attachment_pk": attachment.pk}
            )
        )

    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert not os.path.exists(path)


def test_no_attachments_once_the_review_has_started():
    application = ApplicationFactory(status=Application.Status.UNDER_REVIEW)

    with pytest.raises(ValidationError):
        services.attachment_add(
            application=application, user=application.applicant, upload=upload("x.pdf", b"%PDF-1.7\n")
        )


def test_a_granted_application_takes_a_report_when_the_scheme_asks():
    application = ApplicationFactory(
        status=Application.Status.GRANTED, amount_granted=Decimal("5000"), round__scheme__reporting_required=True
    )

    attachment = services.attachment_add(
        application=application,
        user=application.applicant,
        upload=upload("rapport.pdf", b"%PDF-1.7\n"),
        kind=Attachment.Kind.REPORT,
    )

    assert attachment.kind == Attachment.Kind.REPORT


def test_deleting_is_post_only_and_needs_sign_in(client):
    attachment = AttachmentFactory()
    url = reverse("grants:attachment-delete", kwargs={"pk": attachment.application_id, "attachment_pk": attachment.pk})

    anonymous = client.post(url)
    client.force_login(attachment.application.applicant)
    get = client.get(url)

    assert anonymous.status_code == 302
    assert get.status_code == 405
    assert Attachment.objects.count() == 1
