"""Who is told what, and in which language."""

import pytest

from advisory import services
from advisory.models import AdviceRequest
from tests.factories.advisory import AdvisorFactory, StaffGroupFactory, TopicFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def _create(topic, asker):
    return services.advice_request_create(
        asker=asker,
        topic=topic,
        subject="Bank account",
        question="How do we open a bank account?",
        preferred_contact=AdviceRequest.Contact.MAIL,
    )


def test_it_sends_a_receipt_to_the_asker_and_tells_the_topic_group(
    topic, advisor, staff_group, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = AdvisorFactory(groups=[staff_group], preferred_language="en")
    outsider = AdvisorFactory()  # in another group
    asker = UserFactory(preferred_language="en")

    with django_capture_on_commit_callbacks(execute=True):
        advice_request = _create(topic, asker)

    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_address) == {asker.email, advisor.email, colleague.email}
    assert outsider.email not in by_address
    assert by_address[asker.email].subject == "We have received your question: Bank account"
    assert f"/en/raadgivning/sager/{advice_request.pk}/" in by_address[asker.email].body
    assert by_address[advisor.email].subject == f"Ny rådgivningssag #{advice_request.pk}: Bank account"
    assert "How do we open a bank account?" in by_address[advisor.email].body
    assert f"/admin/advisory/advicerequest/{advice_request.pk}/change/" in by_address[advisor.email].body
    assert by_address[colleague.email].subject == f"New advice request #{advice_request.pk}: Bank account"


def test_without_a_group_the_administrators_are_told(mailoutbox, django_capture_on_commit_callbacks):
    topic = TopicFactory(staff_group=None)
    admin = UserFactory(is_staff=True, is_superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        _create(topic, UserFactory())

    assert admin.email in {mail.to[0] for mail in mailoutbox}


def test_a_staff_reply_is_sent_to_the_asker_in_their_language(
    topic, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    asker = UserFactory(preferred_language="en")
    advice_request = _create(topic, asker)

    with django_capture_on_commit_callbacks(execute=True):
        services.message_add(advice_request=advice_request, author=advisor, body="Talk to your bank & ask for CVR.")

    [mail] = mailoutbox
    assert mail.to == [asker.email]
    assert mail.subject == "New message on your advice request: Bank account"
    # Plain-text mail: nothing is HTML-escaped.
    assert "Talk to your bank & ask for CVR." in mail.body


def test_the_askers_reply_goes_to_the_assigned_advisor_only(
    topic, advisor, staff_group, mailoutbox, django_capture_on_commit_callbacks
):
    AdvisorFactory(groups=[staff_group])
    asker = UserFactory()
    advice_request = _create(topic, asker)
    services.message_add(advice_request=advice_request, author=advisor, body="Har I et CVR-nummer?")

    with django_capture_on_commit_callbacks(execute=True):
        services.message_add(advice_request=advice_request, author=asker, body="Ja, det har vi.")

    [mail] = mailoutbox
    assert mail.to == [advisor.email]
    assert mail.subject == "Ny besked på din rådgivningssag: Bank account"
    assert "Ja, det har vi." in mail.body


def test_closing_tells_the_asker_until_when_they_can_reopen(
    topic, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    advice_request = _create(topic, UserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        services.advice_request_close(advice_request=advice_request, outcome="referred", by=advisor)

    [mail] = mailoutbox
    assert mail.subject == "Din rådgivningssag er lukket: Bank account"
    assert "genåbne" in mail.body


def test_assigning_to_a_colleague_tells_the_colleague(topic, advisor, mailoutbox, django_capture_on_commit_callbacks):
    colleague = AdvisorFactory(groups=[StaffGroupFactory()])
    advice_request = _create(topic, UserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        services.advice_request_assign(advice_request=advice_request, advisor=colleague, by=advisor)
        services.advice_request_assign(advice_request=advice_request, advisor=advisor, by=advisor)

    # Taking a request oneself needs no mail.
    assert [mail.to for mail in mailoutbox] == [[colleague.email]]


def test_reopening_tells_the_advisor(topic, advisor, mailoutbox, django_capture_on_commit_callbacks):
    asker = UserFactory()
    advice_request = _create(topic, asker)
    services.message_add(advice_request=advice_request, author=advisor, body="Svar")
    services.advice_request_close(advice_request=advice_request, outcome="resolved", by=advisor)

    with django_capture_on_commit_callbacks(execute=True):
        services.advice_request_reopen(advice_request=advice_request, by=asker)

    [mail] = mailoutbox
    assert mail.to == [advisor.email]
    assert mail.subject == f"Rådgivningssag #{advice_request.pk} er genåbnet"
