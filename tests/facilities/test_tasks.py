"""The periodic reminder task is scheduled and sends through the service."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from facilities import tasks
from tests.factories.facilities import BookingFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def test_the_reminder_task_is_scheduled_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["facilities-booking-reminders"]
    assert entry["task"] == "facilities.tasks.booking_reminders_send"


def test_the_task_reminds_tomorrows_bookers(member, association, mailoutbox, django_capture_on_commit_callbacks):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    BookingFactory(booked_by=member, association=association, start=at(tomorrow, 18))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.booking_reminders_send.delay().get() == 1
    assert mailoutbox[0].to == [member.email]
