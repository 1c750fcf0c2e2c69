"""The reminder to the advisor after three working days."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from advisory import services, tasks
from advisory.models import AdviceRequest
from advisory.working_days import add_working_days, is_working_day
from portal.models import Notification
from tests.factories.advisory import AdviceRequestFactory

CPH = ZoneInfo("Europe/Copenhagen")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CPH)


def test_working_days_skip_the_weekend():
    # Friday 27 November 2026 at 14:00.
    assert add_working_days(at(2026, 11, 27, 14), 3) == at(2026, 12, 2, 14)


def test_a_request_sent_in_the_weekend_counts_from_monday_morning():
    assert add_working_days(at(2026, 11, 28, 22), 3) == at(2026, 12, 3, 0)


def test_working_days_skip_danish_public_holidays():
    # Maundy Thursday, Good Friday and Easter Monday 2026 (2, 3 and 6 April) are not working days.
    assert not is_working_day(dt.date(2026, 4, 2))
    assert not is_working_day(dt.date(2026, 4, 6))
    assert not is_working_day(dt.date(2026, 6, 5))
    assert add_working_days(at(2026, 4, 1, 10), 3) == at(2026, 4, 9, 10)


@pytest.mark.django_db
def test_it_reminds_the_advisor_after_three_working_days_not_three_calendar_days(
    topic, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    advice_request = AdviceRequestFactory(
        topic=topic, advisor=advisor, status=AdviceRequest.Status.ASSIGNED, created_at=at(2026, 11, 27, 14)
    )

    # Monday and Tuesday: three calendar days have passed, but only one and two working days.
    assert services.advice_requests_remind(now=at(2026, 11, 30, 15)) == 0
    assert services.advice_requests_remind(now=at(2026, 12, 2, 13, 59)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.advice_requests_remind(now=at(2026, 12, 2, 14)) == 1

    [mail] = mailoutbox
    assert mail.to == [advisor.email]
    assert mail.subject == f"Påmindelse: rådgivningssag #{advice_request.pk} venter på svar"


@pytest.mark.django_db
def test_it_reminds_once_per_wait(topic, advisor):
    AdviceRequestFactory(topic=topic, advisor=advisor, created_at=at(2026, 11, 23, 9))

    services.advice_requests_remind(now=at(2026, 11, 27, 9))
    services.advice_requests_remind(now=at(2026, 11, 27, 10))

    assert Notification.objects.filter(kind="advisory-reminder").count() == 1


@pytest.mark.django_db
def test_without_an_advisor_the_topic_group_is_reminded(topic, advisor):
    AdviceRequestFactory(topic=topic, created_at=at(2026, 11, 23, 9))

    services.advice_requests_remind(now=at(2026, 11, 27, 9))

    assert list(Notification.objects.filter(kind="advisory-reminder").values_list("user", flat=True)) == [advisor.pk]


@pytest.mark.django_db
def test_answered_waiting_and_closed_requests_are_not_reminded(topic, advisor):
    for status in (AdviceRequest.Status.ANSWERED, AdviceRequest.Status.WAITING, AdviceRequest.Status.CLOSED):
        AdviceRequestFactory(topic=topic, advisor=advisor, status=status, created_at=at(2026, 11, 2, 9))

    assert services.advice_requests_remind(now=at(2026, 11, 27, 9)) == 0


@pytest.mark.django_db
def test_the_periodic_task_runs_the_reminders(topic, advisor, settings):
    AdviceRequestFactory(topic=topic, advisor=advisor, created_at=at(2020, 1, 6, 9))

    assert tasks.advice_requests_remind.delay().get() == 1
    assert settings.CELERY_BEAT_SCHEDULE["advisory-reminders"]["task"] == "advisory.tasks.advice_requests_remind"
