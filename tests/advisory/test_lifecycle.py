"""The life of an advice request: new, assigned, answered or waiting, closed, reopened."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from advisory import services
from advisory.models import AdviceRequest
from tests.factories.advisory import AdviceRequestFactory, AdvisorFactory
from tests.factories.portal import UserFactory

Status = AdviceRequest.Status
pytestmark = pytest.mark.django_db


def _create(topic, asker=None):
    return services.advice_request_create(
        asker=asker or UserFactory(),
        topic=topic,
        subject="Bankkonto",
        question="Hvordan får vi en bankkonto?",
        preferred_contact=AdviceRequest.Contact.MAIL,
    )


def test_it_starts_new_and_waiting_for_staff(topic):
    advice_request = _create(topic)

    assert advice_request.status == Status.NEW
    assert advice_request.waiting_since == advice_request.created_at
    assert advice_request.advisor is None


def test_assigning_makes_it_assigned_and_unassigning_returns_it_to_the_queue(topic, advisor):
    advice_request = _create(topic)

    advice_request = services.advice_request_assign(advice_request=advice_request, advisor=advisor, by=advisor)
    assert (advice_request.status, advice_request.advisor) == (Status.ASSIGNED, advisor)

    advice_request = services.advice_request_assign(advice_request=advice_request, advisor=None, by=advisor)
    assert (advice_request.status, advice_request.advisor) == (Status.NEW, None)


def test_it_refuses_to_assign_someone_who_is_not_an_advisor(topic, advisor):
    advice_request = _create(topic)

    with pytest.raises(ValidationError):
        services.advice_request_assign(advice_request=advice_request, advisor=UserFactory(), by=advisor)


def test_a_staff_reply_answers_it_and_records_the_first_response(topic, advisor):
    advice_request = _create(topic)

    services.message_add(advice_request=advice_request, author=advisor, body="Kontakt jeres bank.")
    advice_request.refresh_from_db()

    assert advice_request.status == Status.ANSWERED
    assert advice_request.advisor == advisor  # whoever answers first owns it
    assert advice_request.first_response_at is not None
    assert advice_request.waiting_since is None


def test_a_staff_question_puts_it_on_hold_for_the_asker(topic, advisor):
    advice_request = _create(topic)

    services.message_add(
        advice_request=advice_request, author=advisor, body="Har I et CVR-nummer?", waiting_for_asker=True
    )
    advice_request.refresh_from_db()

    assert advice_request.status == Status.WAITING


def test_the_asker_replying_puts_the_ball_back_with_staff(topic, advisor):
    advice_request = _create(topic)
    services.message_add(advice_request=advice_request, author=advisor, body="Har I et CVR-nummer?")
    first_response = AdviceRequest.objects.get().first_response_at

    services.message_add(advice_request=advice_request, author=advice_request.asker, body="Ja.")
    advice_request.refresh_from_db()

    assert advice_request.status == Status.ASSIGNED
    assert advice_request.waiting_since is not None
    # A second answer does not move the first-response time the statistics use.
    services.message_add(advice_request=advice_request, author=advisor, body="Så er I klar.")
    advice_request.refresh_from_db()
    assert advice_request.first_response_at == first_response


def test_nobody_else_may_write_in_the_thread(topic):
    advice_request = _create(topic)

    with pytest.raises(PermissionDenied):
        services.message_add(advice_request=advice_request, author=UserFactory(), body="Hej")


def test_closing_records_the_outcome_and_stops_the_thread(topic, advisor):
    advice_request = _create(topic)

    advice_request = services.advice_request_close(
        advice_request=advice_request, outcome=AdviceRequest.Outcome.RESOLVED, by=advisor
    )

    assert advice_request.status == Status.CLOSED
    assert advice_request.closed_at is not None
    assert advice_request.waiting_since is None
    with pytest.raises(ValidationError):
        services.message_add(advice_request=advice_request, author=advice_request.asker, body="En ting til")


def test_the_asker_can_reopen_within_30_days(topic, advisor):
    advice_request = AdviceRequestFactory(
        topic=topic, advisor=advisor, status=Status.CLOSED, outcome=AdviceRequest.Outcome.RESOLVED
    )
    AdviceRequest.objects.filter(pk=advice_request.pk).update(closed_at=timezone.now() - dt.timedelta(days=29))

    advice_request = services.advice_request_reopen(advice_request=advice_request, by=advice_request.asker)

    assert advice_request.status == Status.ASSIGNED
    assert advice_request.closed_at is None
    assert advice_request.outcome == ""
    assert advice_request.waiting_since is not None


def test_it_cannot_be_reopened_after_30_days(topic):
    advice_request = AdviceRequestFactory(topic=topic, status=Status.CLOSED)
    AdviceRequest.objects.filter(pk=advice_request.pk).update(closed_at=timezone.now() - dt.timedelta(days=31))

    with pytest.raises(ValidationError):
        services.advice_request_reopen(advice_request=advice_request, by=advice_request.asker)


def test_only_the_asker_can_reopen(topic):
    advice_request = AdviceRequestFactory(topic=topic, status=Status.CLOSED)

    with pytest.raises(PermissionDenied):
        services.advice_request_reopen(advice_request=advice_request, by=AdvisorFactory())


def test_a_topic_cannot_take_the_address_of_the_request_pages(topic):
    topic.slug = "sager"

    with pytest.raises(ValidationError):
        topic.full_clean()
