"""The asker's side: asking, following the thread, replying, reopening and downloading attachments."""

import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from advisory import services
from advisory.models import AdviceRequest, Message
from tests.factories.advisory import AdviceRequestFactory, MessageFactory, TopicFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db
CREATE_URL = reverse("advisory:request-create")


def _zip(*members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member in members:
            archive.writestr(member, "x")
    return buffer.getvalue()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


# Asking


def test_the_form_preselects_the_topic(client, user, topic):
    client.force_login(user)

    response = client.get(CREATE_URL, {"emne": topic.slug})

    assert response.context["form"]["topic"].value() == topic.pk
    assert re.search(rf'<option value="{topic.pk}"[^>]*selected', response.text)


def test_it_creates_a_request(client, user, topic, advisor, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            CREATE_URL,
            {"topic": topic.pk, "subject": "Bankkonto", "question": "Hvordan?", "preferred_contact": "mail"},
        )

    advice_request = AdviceRequest.objects.get()
    assert response.status_code == 302
    assert response.url == advice_request.get_absolute_url()
    assert (advice_request.asker, advice_request.topic, advice_request.status) == (user, topic, "new")
    assert {mail.to[0] for mail in mailoutbox} == {user.email, advisor.email}


def test_the_form_explains_its_errors_and_keeps_what_was_typed(client, user, topic):
    client.force_login(user)

    response = client.post(
        CREATE_URL, {"topic": topic.pk, "subject": "", "question": "Mit lange spørgsmål", "preferred_contact": "phone"}
    )

    assert response.status_code == 200
    assert "Mit lange spørgsmål" in response.text
    assert "Giv et telefonnummer, så rådgiveren kan kontakte dig." in response.text
    assert "Dette felt er påkrævet." in response.text
    assert not AdviceRequest.objects.exists()


def test_asking_needs_a_signed_in_person(client, topic):
    response = client.get(CREATE_URL, {"emne": topic.slug})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_an_inactive_topic_cannot_be_chosen(client, user):
    client.force_login(user)
    hidden = TopicFactory(is_active=False)

    response = client.post(
        CREATE_URL, {"topic": hidden.pk, "subject": "x", "question": "y", "preferred_contact": "mail"}
    )

    assert response.status_code == 200
    assert not AdviceRequest.objects.exists()


# Seeing one's own requests


def test_the_asker_sees_their_thread_but_never_the_internal_notes(client, topic, advisor):
    advice_request = AdviceRequestFactory(topic=topic, internal_notes="HEMMELIG NOTE om spørgeren")
    MessageFactory(request=advice_request, author=advisor, from_staff=True, body="Svar fra kommunen")
    client.force_login(advice_request.asker)

    response = client.get(advice_request.get_absolute_url())

    assert response.status_code == 200
    assert "Svar fra kommunen" in response.text
    assert "HEMMELIG NOTE" not in response.text


def test_nobody_sees_another_persons_request(client, topic):
    advice_request = AdviceRequestFactory(topic=topic)
    client.force_login(UserFactory())

    assert client.get(advice_request.get_absolute_url()).status_code == 404
    assert advice_request.subject not in client.get(reverse("advisory:request-list")).text


def test_the_thread_shows_message_text_as_plain_text(client, topic):
    advice_request = AdviceRequestFactory(topic=topic)
    MessageFactory(request=advice_request, body="<script>alert(1)</script> <b>fed</b>")
    client.force_login(advice_request.asker)

    response = client.get(advice_request.get_absolute_url())

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;fed&lt;/b&gt;" in response.text


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_request_list_uses_the_same_queries_for_3_and_10_requests(client, user, advisor):
    client.force_login(user)
    AdviceRequestFactory.create_batch(3, asker=user, advisor=advisor, status="assigned")
    with_3 = _queries(client, reverse("advisory:request-list"))
    AdviceRequestFactory.create_batch(7, asker=user, advisor=advisor, status="assigned")

    assert _queries(client, reverse("advisory:request-list")) == with_3


def test_the_thread_uses_the_same_queries_for_3_and_10_messages(client, topic, advisor):
    advice_request = AdviceRequestFactory(topic=topic, advisor=advisor)
    client.force_login(advice_request.asker)
    MessageFactory.create_batch(3, request=advice_request, author=advisor)
    with_3 = _queries(client, advice_request.get_absolute_url())
    MessageFactory.create_batch(7, request=advice_request, author=UserFactory(is_staff=True))

    assert _queries(client, advice_request.get_absolute_url()) == with_3


def test_min_side_lists_the_persons_own_requests(client, user, topic):
    mine = AdviceRequestFactory(topic=topic, asker=user, subject="Mit eget spørgsmål")
    AdviceRequestFactory(topic=topic, subject="En andens spørgsmål")
    client.force_login(user)

    response = client.get(reverse("min-side"))

    assert "Mine rådgivningssager" in response.text
    assert mine.get_absolute_url() in response.text
    assert "En andens spørgsmål" not in response.text


def test_min_side_uses_the_same_queries_for_3_and_5_requests(client, user):
    client.force_login(user)
    AdviceRequestFactory.create_batch(3, asker=user)
    with_3 = _queries(client, reverse("min-side"))
    AdviceRequestFactory.create_batch(7, asker=user)

    assert _queries(client, reverse("min-side")) == with_3


# Replying


def _reply_url(advice_request):
    return reverse("advisory:message-create", kwargs={"pk": advice_request.pk})


def test_the_asker_can_reply_with_an_attachment(client, topic, advisor, mailoutbox, django_capture_on_commit_callbacks):
    advice_request = AdviceRequestFactory(topic=topic, advisor=advisor, status="answered")
    client.force_login(advice_request.asker)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _reply_url(advice_request),
            {"body": "Her er vores vedtægter", "attachment": SimpleUploadedFile("vedtaegter.png", _png())},
        )

    assert response.status_code == 302
    message = Message.objects.get()
    assert message.body == "Her er vores vedtægter"
    assert message.attachment_name == "vedtaegter.png"
    assert "vedtaegter" not in message.attachment.name  # stored under a random name
    assert [mail.to for mail in mailoutbox] == [[advisor.email]]
    advice_request.refresh_from_db()
    assert advice_request.status == "assigned"


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("virus.exe", b"MZ\x90\x00", "Vedhæft en PDF"),
        ("falsk.pdf", b"<html>", "Vedhæft en PDF"),
        ("billede.png", b"not an image", "Vedhæft en PDF"),
        ("zip.docx", _zip("other.txt"), "Vedhæft en PDF"),
        # Named like a Word document and holding the part every Office file has, but no Word document.
        ("brev.docx", _zip("[Content_Types].xml"), "Vedhæft en PDF"),
        ("stor.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "Den må højst fylde 5 MB."),
    ],
)
def test_a_bad_attachment_is_refused_with_a_clear_message(client, topic, name, content, error):
    advice_request = AdviceRequestFactory(topic=topic)
    client.force_login(advice_request.asker)

    response = client.post(
        _reply_url(advice_request), {"body": "Se vedhæftet", "attachment": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    assert error in response.text
    assert "Se vedhæftet" in response.text
    assert not Message.objects.exists()


def test_an_empty_reply_is_refused_with_a_clear_message(client, topic):
    advice_request = AdviceRequestFactory(topic=topic)
    client.force_login(advice_request.asker)

    response = client.post(_reply_url(advice_request), {"body": "   "})

    assert response.status_code == 200
    assert "Din besked: Dette felt er påkrævet." in response.text
    assert not Message.objects.exists()


def test_replying_is_post_only(client, topic):
    advice_request = AdviceRequestFactory(topic=topic)
    client.force_login(advice_request.asker)

    assert client.get(_reply_url(advice_request)).status_code == 405


def test_replying_needs_a_signed_in_person(client, topic):
    advice_request = AdviceRequestFactory(topic=topic)

    response = client.post(_reply_url(advice_request), {"body": "Hej"})

    assert response.status_code == 302
    assert not Message.objects.exists()


def test_nobody_can_reply_on_another_persons_request(client, topic):
    advice_request = AdviceRequestFactory(topic=topic)
    client.force_login(UserFactory())

    assert client.post(_reply_url(advice_request), {"body": "Hej"}).status_code == 404
    assert not Message.objects.exists()


def test_a_closed_request_cannot_be_replied_to(client, topic):
    advice_request = AdviceRequestFactory(topic=topic, status="closed")
    client.force_login(advice_request.asker)

    response = client.post(_reply_url(advice_request), {"body": "Hej igen"})

    assert response.status_code == 200
    assert "Sagen er lukket. Genåbn den for at skrive igen." in response.text
    assert not Message.objects.exists()


# Reopening


def _reopen_url(advice_request):
    return reverse("advisory:request-reopen", kwargs={"pk": advice_request.pk})


def test_the_asker_can_reopen_a_recently_closed_request(client, topic):
    advice_request = AdviceRequestFactory(topic=topic, status="closed")
    client.force_login(advice_request.asker)

    response = client.post(_reopen_url(advice_request))

    assert response.status_code == 302
    advice_request.refresh_from_db()
    assert advice_request.status == "new"


def test_an_old_closed_request_cannot_be_reopened(client, topic):
    advice_request = AdviceRequestFactory(topic=topic, status="closed")
    AdviceRequest.objects.filter(pk=advice_request.pk).update(closed_at=timezone.now() - dt.timedelta(days=40))
    client.force_login(advice_request.asker)

    response = client.post(_reopen_url(advice_request), follow=True)

    assert "Sagen kan ikke længere genåbnes." in response.text
    advice_request.refresh_from_db()
    assert advice_request.status == "closed"


def test_reopening_is_post_only(client, topic):
    advice_request = AdviceRequestFactory(topic=topic, status="closed")
    client.force_login(advice_request.asker)

    assert client.get(_reopen_url(advice_request)).status_code == 405


def test_reopening_needs_a_signed_in_person(client, topic):
    advice_request = AdviceRequestFactory(topic=topic, status="closed")

    assert client.post(_reopen_url(advice_request)).status_code == 302
    advice_request.refresh_from_db()
    assert advice_request.status == "closed"


def test_nobody_can_reopen_another_persons_request(client, topic):
    advice_request = AdviceRequestFactory(topic=topic, status="closed")
    client.force_login(UserFactory())

    assert client.post(_reopen_url(advice_request)).status_code == 404


# Attachments


@pytest.fixture
def message_with_attachment(topic, advisor):
    advice_request = AdviceRequestFactory(topic=topic)
    return services.message_add(
        advice_request=advice_request,
        author=advisor,
        body="Se skabelonen",
        attachment=SimpleUploadedFile("skabelon.pdf", b"%PDF-1.4 test"),
    )


def test_the_asker_can_download_an_attachment(client, message_with_attachment):
    client.force_login(message_with_attachment.request.asker)

    response = client.get(message_with_attachment.get_attachment_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert 'attachment; filename="skabelon.pdf"' in response["Content-Disposition"]


def test_a_real_office_document_is_accepted(client, topic):
    advice_request = AdviceRequestFactory(topic=topic)
    client.force_login(advice_request.asker)

    response = client.post(
        _reply_url(advice_request),
        {
            "body": "Budget",
            "attachment": SimpleUploadedFile("budget.xlsx", _zip("[Content_Types].xml", "xl/workbook.xml")),
        },
    )

    assert response.status_code == 302
    message = Message.objects.get()
    assert message.attachment_name == "budget.xlsx"
    assert message.attachment.name.endswith(".xlsx")


def test_an_attachment_is_stored_and_handed_out_as_what_its_content_is(client, topic):
    advice_request = AdviceRequestFactory(topic=topic)
    client.force_login(advice_request.asker)

    response = client.post(
        _reply_url(advice_request), {"body": "Kort", "attachment": SimpleUploadedFile("kort.html", _png())}
    )

    assert response.status_code == 302
    message = Message.objects.get()
    assert message.attachment.name.endswith(".png")
    download = client.get(message.get_attachment_url())
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment;")


def test_an_advisor_can_download_an_attachment(client, message_with_attachment, advisor):
    client.force_login(advisor)

    assert client.get(message_with_attachment.get_attachment_url()).status_code == 200


def test_nobody_else_can_download_an_attachment(client, message_with_attachment):
    client.force_login(UserFactory(is_staff=True))  # staff, but not an advisor

    assert client.get(message_with_attachment.get_attachment_url()).status_code == 404


def test_an_anonymous_person_cannot_download_an_attachment(client, message_with_attachment):
    response = client.get(message_with_attachment.get_attachment_url())

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_attachments_are_stored_outside_the_public_media_folder(message_with_attachment, settings):
    path = message_with_attachment.attachment.path

    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))


def test_a_phone_number_must_be_one(client, user, topic):
    client.force_login(user)

    response = client.post(
        CREATE_URL,
        {
            "topic": topic.pk,
            "subject": "Ring",
            "question": "Hvordan?",
            "preferred_contact": "phone",
            "phone": "abc<script>",
        },
    )

    assert response.status_code == 200
    assert "Skriv et telefonnummer med cifre" in response.text
    assert 'value="abc&lt;script&gt;"' in response.text
    assert not AdviceRequest.objects.exists()


def test_a_question_has_a_sensible_length(client, user, topic):
    client.force_login(user)

    response = client.post(
        CREATE_URL, {"topic": topic.pk, "subject": "Langt", "question": "x" * 100_000, "preferred_contact": "mail"}
    )

    assert response.status_code == 200
    assert "Denne værdi må højst have 10000 tegn (den har 100000)." in response.text
    assert not AdviceRequest.objects.exists()
