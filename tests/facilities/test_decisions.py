"""Approval, rejection, cancellation, closures and reminders, and what each tells the booker."""

import datetime as dt

import pytest
from django.utils import timezone

from facilities import services
from facilities.models import Booking, Closure
from facilities.services import BookingRefused
from portal.models import Notification
from tests.factories.facilities import BookingFactory, FacilityFactory
from tests.factories.portal import StaffFactory, UserFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def request(facility, user, association, start, end):
    return services.booking_request(
        facility=facility, user=user, association=association, start=start, end=end, purpose="Møde", attendees=5
    )


def test_a_request_tells_the_booker_it_was_received(
    member, association, monday, mailoutbox, django_capture_on_commit_callbacks
):
    facility = FacilityFactory(needs_approval=True, name_da="Kulturhuset, sal 2")
    with django_capture_on_commit_callbacks(execute=True):
        booking = request(facility, member, association, at(monday, 17), at(monday, 19))
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert mailoutbox[0].subject == "Bookinganmodning modtaget: Kulturhuset, sal 2"
    assert "17:00" in mailoutbox[0].body
    assert f"/lokaler/bookinger/{booking.pk}/" in mailoutbox[0].body


def test_an_instant_booking_is_confirmed_by_mail_in_the_bookers_language(
    facility, member, association, monday, mailoutbox, django_capture_on_commit_callbacks
):
    member.preferred_language = "en"
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        request(facility, member, association, at(monday, 17), at(monday, 19))
    assert mailoutbox[0].subject == "Booking confirmed: Espergærde Hall"
    assert "/en/lokaler/bookinger/" in mailoutbox[0].body


def test_staff_approve_a_request(member, association, monday, mailoutbox, django_capture_on_commit_callbacks):
    facility = FacilityFactory(needs_approval=True)
    booking = request(facility, member, association, at(monday, 17), at(monday, 19))
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_approve(booking=booking, staff=staff)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.decided_by == staff
    assert mailoutbox[-1].subject.startswith("Booking bekræftet")


def test_staff_reject_a_request_with_a_reason(
    member, association, monday, mailoutbox, django_capture_on_commit_callbacks
):
    facility = FacilityFactory(needs_approval=True)
    booking = request(facility, member, association, at(monday, 17), at(monday, 19))
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_reject(booking=booking, staff=StaffFactory(), reason="Hallen bruges til valg")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REJECTED
    assert mailoutbox[-1].subject.startswith("Booking afvist")
    assert "Begrundelse: Hallen bruges til valg" in mailoutbox[-1].body
    # The time is free again.
    assert request(facility, member, association, at(monday, 17), at(monday, 19)).is_active


def test_a_rejection_needs_a_reason(member, association, monday):
    booking = request(FacilityFactory(needs_approval=True), member, association, at(monday, 17), at(monday, 19))
    with pytest.raises(BookingRefused) as info:
        services.booking_reject(booking=booking, staff=StaffFactory(), reason="  ")
    assert "begrundelse" in info.value.message


def test_only_requests_can_be_decided(facility, member, association, monday):
    booking = request(facility, member, association, at(monday, 17), at(monday, 19))
    with pytest.raises(BookingRefused):
        services.booking_approve(booking=booking, staff=StaffFactory())
    with pytest.raises(BookingRefused):
        services.booking_reject(booking=booking, staff=StaffFactory(), reason="Nej")


def test_the_booker_cancels_before_the_deadline(
    facility, member, association, monday, mailoutbox, django_capture_on_commit_callbacks
):
    booking = request(facility, member, association, at(monday, 17), at(monday, 19))
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=booking, user=member)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert mailoutbox[-1].subject.startswith("Booking aflyst")


def test_another_member_of_the_association_may_cancel(facility, member, association, monday):
    from tests.factories.facilities import BookingMembershipFactory

    booking = request(facility, member, association, at(monday, 17), at(monday, 19))
    colleague = BookingMembershipFactory(association=association).user
    services.booking_cancel(booking=booking, user=colleague)


def test_nobody_else_may_cancel(facility, member, association, monday):
    booking = request(facility, member, association, at(monday, 17), at(monday, 19))
    with pytest.raises(BookingRefused) as info:
        services.booking_cancel(booking=booking, user=UserFactory())
    assert info.value.code == "forbidden"


def test_it_refuses_to_cancel_after_the_deadline(facility, member, association, monday):
    booking = request(facility, member, association, at(monday, 17), at(monday, 19))
    just_after = booking.start - dt.timedelta(hours=facility.cancellation_deadline) + dt.timedelta(minutes=1)
    with pytest.raises(BookingRefused) as info:
        services.booking_cancel(booking=booking, user=member, now=just_after)
    assert info.value.message.startswith("Afbestillingsfristen udløb ")
    just_before = just_after - dt.timedelta(minutes=2)
    services.booking_cancel(booking=booking, user=member, now=just_before)


def test_a_closure_cancels_the_bookings_it_hits_and_tells_their_bookers(
    facility, member, association, monday, mailoutbox, django_capture_on_commit_callbacks
):
    hit = request(facility, member, association, at(monday, 17), at(monday, 19))
    spared = request(
        facility, member, association, at(monday + dt.timedelta(days=1), 17), at(monday + dt.timedelta(days=1), 19)
    )
    closure = Closure(facility=facility, start=at(monday, 12), end=at(monday, 23), reason="Vandskade")
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.closure_save(closure=closure, staff=StaffFactory())
    assert cancelled == [hit]
    hit.refresh_from_db()
    spared.refresh_from_db()
    assert (hit.status, spared.status) == (Booking.Status.CANCELLED, Booking.Status.CONFIRMED)
    assert mailoutbox[-1].subject.startswith("Booking aflyst")
    assert "Begrundelse: Vandskade" in mailoutbox[-1].body


def test_reminders_go_out_the_day_before_once(
    facility, member, association, mailoutbox, django_capture_on_commit_callbacks
):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    facility.access_info_da = "Koden til døren er 4711."
    facility.save()
    BookingFactory(facility=facility, association=association, booked_by=member, start=at(tomorrow, 17))
    BookingFactory(facility=facility, booked_by=member, start=at(tomorrow + dt.timedelta(days=1), 17))
    BookingFactory(facility=facility, booked_by=member, start=at(tomorrow, 10), status=Booking.Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.booking_reminders_send() == 1
        services.booking_reminders_send()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Påmindelse: Espergærde Hallen i morgen"
    assert "Koden til døren er 4711." in mailoutbox[0].body
    assert Notification.objects.filter(kind="facilities-booking-reminder").count() == 1
