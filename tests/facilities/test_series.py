"""Weekly series: a preview that names each failing date, and bookings for the rest."""

import datetime as dt

import pytest
from django.utils import timezone

from facilities import services
from facilities.models import Booking, BookingSeries
from facilities.services import BookingRefused
from tests.factories.facilities import BookingFactory, ClosureFactory, FacilityFactory
from tests.factories.portal import UserFactory

from .conftest import at, last_sunday

pytestmark = pytest.mark.django_db


def arguments(facility, user, association, first, weeks=6, **overrides):
    return {
        "facility": facility,
        "user": user,
        "association": association,
        "weekday": first.weekday(),
        "start_time": dt.time(17),
        "end_time": dt.time(19),
        "first_date": first,
        "last_date": first + dt.timedelta(weeks=weeks - 1),
        "attendees": 12,
        **overrides,
    }


def test_the_preview_names_each_date_that_will_fail_and_why(facility, member, association, monday):
    BookingFactory(
        facility=facility, start=at(monday + dt.timedelta(weeks=1), 18), end=at(monday + dt.timedelta(weeks=1), 20)
    )
    third = monday + dt.timedelta(weeks=2)
    ClosureFactory(facility=facility, start=at(third, 0), end=at(third, 23, 59), reason="Vinterferie")
    preview = services.series_preview(**arguments(facility, member, association, monday))
    assert [item.date for item in preview] == [monday + dt.timedelta(weeks=n) for n in range(6)]
    assert [item.ok for item in preview] == [True, False, False, True, True, True]
    assert "netop blevet booket" in preview[1].reason
    assert preview[2].reason == "Lokalet er lukket i den periode: Vinterferie."
    assert not Booking.objects.filter(series__isnull=False).exists()


def test_it_books_the_free_dates_and_reports_the_others(
    facility, member, association, monday, mailoutbox, django_capture_on_commit_callbacks
):
    second = monday + dt.timedelta(weeks=1)
    BookingFactory(facility=facility, start=at(second, 18), end=at(second, 20))
    with django_capture_on_commit_callbacks(execute=True):
        series, dates = services.series_create(**arguments(facility, member, association, monday), purpose="Træning")
    assert sum(1 for item in dates if item.booking) == 5
    assert series.bookings.count() == 5
    assert series.failures == [{"date": second.isoformat(), "reason": dates[1].reason}]
    # One mail for the whole series, listing the date that failed.
    assert len(mailoutbox) == 1
    assert "5 datoer" in mailoutbox[0].body
    assert second.isoformat() in mailoutbox[0].body


def test_a_series_starts_on_the_first_matching_weekday(facility, member, association, monday):
    wednesday = monday + dt.timedelta(days=2)
    preview = services.series_preview(**arguments(facility, member, association, monday, weekday=2))
    assert preview[0].date == wednesday


def test_a_stranger_cannot_book_a_series(facility, association, monday):
    with pytest.raises(BookingRefused) as info:
        services.series_create(**arguments(facility, UserFactory(), association, monday), purpose="Træning")
    assert info.value.code == "forbidden"
    assert not BookingSeries.objects.exists()


def test_a_series_cannot_exceed_a_year(facility, member, association, monday):
    with pytest.raises(BookingRefused):
        services.series_create(**arguments(facility, member, association, monday, weeks=60), purpose="Træning")


def test_a_series_over_the_change_to_summer_time_keeps_the_local_time(member, association):
    sunday = last_sunday(timezone.localdate().year + 1, 3)
    saturday_before = sunday - dt.timedelta(days=1)
    facility = FacilityFactory()
    series, dates = services.series_create(
        **arguments(facility, member, association, saturday_before - dt.timedelta(weeks=1), weeks=3),
        purpose="Træning",
    )
    local_starts = {b.start.astimezone(dt.timezone(dt.timedelta(hours=0))).hour for b in series.bookings.all()}
    # 17:00 in winter is 16:00 UTC, and 17:00 in summer is 15:00 UTC.
    assert local_starts == {16, 15}
