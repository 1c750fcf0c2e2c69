"""The staff queue in the Django admin."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advisory.models import AdviceRequest, Message
from tests.factories.advisory import AdviceRequestFactory, AdvisorFactory, MessageFactory, TopicFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db
QUEUE_URL = reverse("admin:advisory_advicerequest_changelist")
OVERVIEW_URL = reverse("admin:advisory_advicerequest_overview")


def _change_url(advice_request):
    return reverse("admin:advisory_advicerequest_change", args=[advice_request.pk])


def _form_data(advice_request, **changes):
    data = {
        "advisor": advice_request.advisor_id or "",
        "internal_notes": advice_request.internal_notes,
        "reply": "",
        "close_outcome": "",
        "messages-TOTAL_FORMS": advice_request.messages.count(),
        "messages-INITIAL_FORMS": advice_request.messages.count(),
        "messages-MIN_NUM_FORMS": 0,
        "messages-MAX_NUM_FORMS": 1000,
    }
    for index, message in enumerate(advice_request.messages.order_by("created_at", "pk")):
        data[f"messages-{index}-id"] = message.pk
        data[f"messages-{index}-request"] = advice_request.pk
    return {**data, **changes}


@pytest.mark.parametrize("url", [QUEUE_URL, OVERVIEW_URL])
def test_a_citizen_cannot_reach_the_queue(client, user, url):
    client.force_login(user)

    response = client.get(url)

    assert response.status_code == 302
    assert "/admin/login/" in response.url


@pytest.mark.parametrize("url", [QUEUE_URL, OVERVIEW_URL])
def test_staff_without_the_advice_permissions_cannot_reach_the_queue(client, url):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(url).status_code == 403


def test_staff_without_the_advice_permissions_cannot_open_or_change_a_request(client, topic):
    advice_request = AdviceRequestFactory(topic=topic)
    client.force_login(UserFactory(is_staff=True))

    assert client.get(_change_url(advice_request)).status_code == 403
    assert client.post(_change_url(advice_request), _form_data(advice_request, reply="Hej")).status_code == 403
    assert not Message.objects.exists()


def test_the_queue_shows_the_oldest_unanswered_first(client, advisor, topic):
    now = timezone.now()
    answered = AdviceRequestFactory(topic=topic, subject="Besvaret", status="answered", created_at=now)
    newest = AdviceRequestFactory(topic=topic, subject="Nyeste", created_at=now - dt.timedelta(hours=1))
    oldest = AdviceRequestFactory(topic=topic, subject="Ældste", created_at=now - dt.timedelta(days=4))
    client.force_login(advisor)

    response = client.get(QUEUE_URL)

    assert [r.pk for r in response.context["cl"].result_list] == [oldest.pk, newest.pk, answered.pk]


def test_the_queue_uses_the_same_queries_for_3_and_10_requests(client, advisor):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(QUEUE_URL).status_code == 200
        return len(captured)

    client.force_login(advisor)
    AdviceRequestFactory.create_batch(3, advisor=advisor, status="assigned")
    with_3 = queries()
    AdviceRequestFactory.create_batch(7, topic=TopicFactory(), advisor=AdvisorFactory(), status="assigned")

    assert queries() == with_3


def test_an_advisor_can_assign_requests_to_themselves(client, advisor, topic):
    requests = AdviceRequestFactory.create_batch(2, topic=topic)
    client.force_login(advisor)

    client.post(QUEUE_URL, {"action": "assign_to_me", "_selected_action": [r.pk for r in requests]})

    assert set(AdviceRequest.objects.values_list("advisor", "status")) == {(advisor.pk, "assigned")}


def test_an_advisor_can_assign_a_request_to_a_colleague(
    client, advisor, topic, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = AdvisorFactory(full_name="Kasper Kollega")
    advice_request = AdviceRequestFactory(topic=topic)
    client.force_login(advisor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_change_url(advice_request), _form_data(advice_request, advisor=colleague.pk))

    assert response.status_code == 302, response.context["adminform"].form.errors
    advice_request.refresh_from_db()
    assert (advice_request.advisor, advice_request.status) == (colleague, "assigned")
    assert [mail.to for mail in mailoutbox] == [[colleague.email]]


def test_a_reply_from_the_admin_becomes_a_message_and_tells_the_asker(
    client, advisor, topic, mailoutbox, django_capture_on_commit_callbacks
):
    asker = UserFactory(preferred_language="en")
    advice_request = AdviceRequestFactory(topic=topic, asker=asker)
    client.force_login(advisor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _change_url(advice_request),
            _form_data(
                advice_request,
                reply="Kontakt jeres bank.",
                reply_attachment=SimpleUploadedFile("guide.pdf", b"%PDF-1.7"),
                internal_notes="Ringede også til dem.",
            ),
        )

    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.author, message.body, message.from_staff) == (advisor, "Kontakt jeres bank.", True)
    assert message.attachment_name == "guide.pdf"
    advice_request.refresh_from_db()
    assert advice_request.status == "answered"
    assert advice_request.internal_notes == "Ringede også til dem."
    [mail] = mailoutbox
    assert mail.to == [asker.email]
    assert mail.subject.startswith("New message on your advice request")
    assert "Ringede også" not in mail.body


def test_an_advisor_can_close_a_request_with_an_outcome(client, advisor, topic):
    advice_request = AdviceRequestFactory(topic=topic, advisor=advisor, status="answered")
    MessageFactory(request=advice_request, author=advisor)
    client.force_login(advisor)

    response = client.post(_change_url(advice_request), _form_data(advice_request, close_outcome="resolved"))

    assert response.status_code == 302
    advice_request.refresh_from_db()
    assert (advice_request.status, advice_request.outcome) == ("closed", "resolved")


def test_the_thread_shows_on_the_request_page(client, advisor, topic):
    advice_request = AdviceRequestFactory(topic=topic, internal_notes="Kun for os")
    MessageFactory(request=advice_request, body="Spørgerens opfølgning")
    client.force_login(advisor)

    response = client.get(_change_url(advice_request))

    assert "Spørgerens opfølgning" in response.text
    assert "Kun for os" in response.text


def test_the_overview_counts_open_requests_and_the_median_first_response(client, advisor, topic):
    now = timezone.now()
    for hours in (2, 4, 30):
        AdviceRequestFactory(
            topic=topic,
            status="answered",
            created_at=now - dt.timedelta(days=2),
            first_response_at=now - dt.timedelta(days=2) + dt.timedelta(hours=hours),
        )
    AdviceRequestFactory(
        topic=topic,
        status="closed",
        created_at=now - dt.timedelta(days=60),
        first_response_at=now - dt.timedelta(days=60) + dt.timedelta(hours=100),
    )
    AdviceRequestFactory.create_batch(2, topic=topic)
    client.force_login(advisor)

    response = client.get(OVERVIEW_URL)

    [row] = [row for row in response.context["rows"] if row.topic == topic]
    assert row.open_total == 5
    assert row.open_by_status["new"] == 2
    assert row.median_first_response_30 == dt.timedelta(hours=4)
    assert row.median_first_response_90 == dt.timedelta(hours=17)
    assert "4,0 timer" in response.text
