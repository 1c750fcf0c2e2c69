"""Every rule of a booking, with the message the person gets."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from associations.models import Association
from facilities import services
from facilities.models import Booking
from facilities.services import BookingRefused
from tests.factories.facilities import BookingFactory, BookingMembershipFactory, ClosureFactory, FacilityFactory
from tests.factories.portal import UserFactory

from .conftest import at, last_sunday

pytestmark = pytest.mark.django_db


def book(facility, user, association, start, end, attendees=10, **kwargs):
    return services.booking_request(
        facility=facility,
        user=user,
        association=association,
        start=start,
        end=end,
        attendees=attendees,
        **{"purpose": "Spejdermøde", **kwargs},
    )


def refusal(facility, user, association, start, end, attendees=10) -> BookingRefused:
    with pytest.raises(BookingRefused) as info:
        book(facility, user, association, start, end, attendees)
    return info.value


def test_a_purpose_with_a_nul_byte_is_refused_whoever_calls(facility, member, association, monday):
    """The API checks its input first; the admin and anything else that books goes through the same rule."""
    with pytest.raises(BookingRefused) as info:
        book(facility, member, association, at(monday, 17), at(monday, 19), purpose="Møde\x00")
    assert info.value.code == BookingRefused.INVALID
    assert not Booking.objects.exists()


def test_it_confirms_a_booking_at_once(facility, member, association, monday):
    booking = book(facility, member, association, at(monday, 17), at(monday, 19))
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.start == at(monday, 17)
    assert (booking.span_start, booking.span_end) == (booking.start, booking.end)


def test_it_asks_for_approval_when_the_facility_needs_it(member, association, monday):
    facility = FacilityFactory(needs_approval=True)
    assert book(facility, member, association, at(monday, 17), at(monday, 19)).status == Booking.Status.REQUESTED


def test_it_refuses_someone_who_is_not_a_member(facility, association, monday):
    error = refusal(facility, UserFactory(), association, at(monday, 17), at(monday, 19))
    assert error.code == "forbidden"
    assert error.message == "Du kan kun booke for en forening, du er medlem af."


def test_it_refuses_an_association_not_yet_approved(facility, member, association, monday):
    Association.objects.filter(pk=association.pk).update(status=Association.Status.PENDING)
    association.refresh_from_db()
    error = refusal(facility, member, association, at(monday, 17), at(monday, 19))
    assert error.code == "forbidden"
    assert "godkendt" in error.message


def test_it_refuses_a_citizen_where_only_associations_may_book(facility, monday):
    error = refusal(facility, UserFactory(), None, at(monday, 17), at(monday, 19))
    assert error.code == "forbidden"
    assert "Kun foreninger" in error.message


def test_it_lets_a_citizen_book_where_citizens_may(monday):
    facility = FacilityFactory(bookable_by="everyone")
    booking = book(facility, UserFactory(), None, at(monday, 17), at(monday, 19))
    assert booking.association is None


def test_it_refuses_the_past(facility, member, association):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    error = refusal(facility, member, association, at(yesterday, 17), at(yesterday, 19))
    assert error.code == "invalid"
    assert error.message == "Tidspunktet er allerede passeret. Vælg et tidspunkt i fremtiden."


def test_it_refuses_an_end_before_the_start(facility, member, association, monday):
    error = refusal(facility, member, association, at(monday, 19), at(monday, 17))
    assert error.message == "Sluttidspunktet skal være efter starttidspunktet."


def test_it_keeps_the_minimum_lead_time(member, association):
    facility = FacilityFactory(min_lead_time=72)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    error = refusal(facility, member, association, at(tomorrow, 17), at(tomorrow, 19))
    assert error.message == "Der skal bookes mindst 72 timer før starttidspunktet."


def test_it_keeps_the_maximum_horizon(member, association):
    facility = FacilityFactory(max_horizon=30)
    later = timezone.localdate() + dt.timedelta(days=40)
    error = refusal(facility, member, association, at(later, 17), at(later, 19))
    assert error.message == "Du kan højst booke 30 dage frem."


def test_it_keeps_the_minimum_and_maximum_duration(facility, member, association, monday):
    short = refusal(facility, member, association, at(monday, 17), at(monday, 17, 30))
    assert short.message == "En booking skal vare mindst 60 minutter."
    long = refusal(facility, member, association, at(monday, 8), at(monday, 13))
    assert long.message == "En booking må højst vare 240 minutter."


def test_it_keeps_the_start_step(facility, member, association, monday):
    error = refusal(facility, member, association, at(monday, 17, 15), at(monday, 18, 15))
    assert error.message == "Bookinger kan kun starte hvert 30. minut (for eksempel kl. 10.00)."


def test_it_keeps_the_capacity(facility, member, association, monday):
    error = refusal(facility, member, association, at(monday, 17), at(monday, 19), attendees=51)
    assert error.message == "Lokalet har plads til højst 50 personer."
    zero = refusal(facility, member, association, at(monday, 17), at(monday, 19), attendees=0)
    assert zero.code == "invalid"


def test_it_keeps_the_opening_hours(member, association, monday):
    facility = FacilityFactory(hours=[(dt.time(8), dt.time(12)), (dt.time(16), dt.time(22))])
    error = refusal(facility, member, association, at(monday, 11), at(monday, 13))
    assert error.code == "unavailable"
    assert error.message == "Lokalet har ikke åbent i hele tidsrummet. Åbningstider den dag: 08:00–12:00, 16:00–22:00."
    # Both intervals of the day can be booked.
    book(facility, member, association, at(monday, 10), at(monday, 12))
    book(facility, member, association, at(monday, 16), at(monday, 18))


def test_it_refuses_a_day_without_opening_hours(member, association, monday):
    facility = FacilityFactory(hours=[])
    error = refusal(facility, member, association, at(monday, 17), at(monday, 19))
    assert error.message == "Lokalet er lukket den dag."


def test_it_refuses_a_closure(facility, member, association, monday):
    ClosureFactory(facility=facility, start=at(monday, 0), end=at(monday, 23), reason="Gulvet lakeres")
    error = refusal(facility, member, association, at(monday, 17), at(monday, 19))
    assert error.code == "unavailable"
    assert error.message == "Lokalet er lukket i den periode: Gulvet lakeres."


def test_it_refuses_an_overlap_with_the_same_message_as_a_lost_race(facility, member, association, monday):
    BookingFactory(facility=facility, start=at(monday, 18), end=at(monday, 20))
    error = refusal(facility, member, association, at(monday, 17), at(monday, 19))
    assert error.code == "unavailable"
    assert error.message == "Beklager, tidspunktet er netop blevet booket. Vælg venligst et andet tidspunkt."


def test_it_ignores_cancelled_and_rejected_bookings(facility, member, association, monday):
    BookingFactory(facility=facility, start=at(monday, 17), end=at(monday, 19), status=Booking.Status.CANCELLED)
    BookingFactory(facility=facility, start=at(monday, 17), end=at(monday, 19), status=Booking.Status.REJECTED)
    assert book(facility, member, association, at(monday, 17), at(monday, 19)).is_active


def test_it_allows_adjacent_bookings(facility, member, association, monday):
    book(facility, member, association, at(monday, 17), at(monday, 19))
    assert book(facility, member, association, at(monday, 19), at(monday, 21)).is_active


def test_it_keeps_the_buffers_between_bookings(member, association, monday):
    facility = FacilityFactory(buffer_before=0, buffer_after=30)
    book(facility, member, association, at(monday, 17), at(monday, 19))
    error = refusal(facility, member, association, at(monday, 19), at(monday, 21))
    assert error.code == "unavailable"
    # Once the cleaning time has passed, the next booking fits exactly.
    assert book(facility, member, association, at(monday, 19, 30), at(monday, 21)).is_active


def test_the_messages_are_in_english_for_english_speakers(facility, member, association, monday):
    BookingFactory(facility=facility, start=at(monday, 18), end=at(monday, 20))
    with translation.override("en"):
        error = refusal(facility, member, association, at(monday, 17), at(monday, 19))
    assert error.message == "Sorry, this time has just been taken. Please choose another time."


@pytest.mark.postgres
def test_the_database_refuses_an_overlap_even_without_the_check(facility, member, association, monday):
    from django.db import IntegrityError, transaction

    BookingFactory(facility=facility, start=at(monday, 17), end=at(monday, 19))
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(facility=facility, start=at(monday, 18), end=at(monday, 20))
    # Adjacent is fine in the database too, and so is an overlap with a cancelled booking.
    BookingFactory(facility=facility, start=at(monday, 19), end=at(monday, 21))
    BookingFactory(facility=facility, start=at(monday, 17), end=at(monday, 19), status=Booking.Status.CANCELLED)


@pytest.mark.postgres
def test_a_race_lost_at_the_database_gets_the_friendly_message(facility, member, association, monday, monkeypatch):
    BookingFactory(facility=facility, start=at(monday, 17), end=at(monday, 19))
    # Pretend the check ran before the other booking was committed.
    monkeypatch.setattr(services, "booking_check", lambda **kwargs: None)
    error = refusal(facility, member, association, at(monday, 17), at(monday, 19))
    assert error.code == "unavailable"
    assert error.message == "Beklager, tidspunktet er netop blevet booket. Vælg venligst et andet tidspunkt."


# Daylight-saving time


def test_a_booking_across_the_change_to_winter_time_lasts_the_real_time(member, association):
    sunday = last_sunday(timezone.localdate().year + 1, 10)
    facility = FacilityFactory(hours=[(dt.time(0), dt.time(23))], start_step=60)
    # 01:00–04:00 local time on the night the clocks go back is four real hours (02:00–03:00 happens twice).
    booking = book(facility, member, association, at(sunday, 1), at(sunday, 4))
    assert booking.end - booking.start == dt.timedelta(hours=4)
    assert booking.start.astimezone(dt.UTC).hour == 23  # 01:00 CEST is 23:00 UTC the day before
    assert booking.end.astimezone(dt.UTC).hour == 3  # 04:00 CET is 03:00 UTC


def test_a_booking_across_the_change_to_summer_time_respects_the_maximum(member, association):
    sunday = last_sunday(timezone.localdate().year + 1, 3)
    facility = FacilityFactory(hours=[(dt.time(0), dt.time(23))], start_step=60, max_duration=180)
    # 01:00–05:00 on the night the clocks go forward is only three real hours, so it fits a 3-hour maximum.
    booking = book(facility, member, association, at(sunday, 1), at(sunday, 5))
    assert booking.end - booking.start == dt.timedelta(hours=3)


def test_opening_hours_are_local_on_both_sides_of_the_change(member, association):
    sunday = last_sunday(timezone.localdate().year + 1, 3)
    saturday = sunday - dt.timedelta(days=1)
    facility = FacilityFactory(hours=[(dt.time(8), dt.time(12))])
    before = book(facility, member, association, at(saturday, 8), at(saturday, 10))
    after = book(facility, member, association, at(sunday, 8), at(sunday, 10))
    assert before.start.astimezone(dt.UTC).hour == 7
    assert after.start.astimezone(dt.UTC).hour == 6


def test_the_editor_role_may_book_too(facility, association, monday):
    editor = BookingMembershipFactory(association=association, role="editor").user
    admin = BookingMembershipFactory(association=association, role="admin").user
    book(facility, editor, association, at(monday, 10), at(monday, 12))
    book(facility, admin, association, at(monday, 12), at(monday, 14))


def test_a_refused_overlap_is_counted_as_a_booking_conflict(facility, member, association, monday):
    from prometheus_client import REGISTRY

    before = REGISTRY.get_sample_value("portal_booking_conflicts_total")
    book(facility, member, association, at(monday, 17), at(monday, 19))
    refusal(facility, member, association, at(monday, 18), at(monday, 20))
    # A refusal for another reason is no conflict.
    refusal(facility, member, association, at(monday, 20), at(monday, 19))
    assert REGISTRY.get_sample_value("portal_booking_conflicts_total") == before + 1
