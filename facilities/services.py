"""Writes of the facilities app: booking, deciding, cancelling, closures, series, reminders and calendar feeds.

Every rule of a booking is checked by `booking_check()` with a message a person can act on; the database's exclusion
constraint is the last word on overlaps, and a request that loses a race gets the same friendly message as one that
was checked too late.
"""

import dataclasses
import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from associations.models import Association
from associations.selectors import membership_role
from facilities.models import (
    LOCAL_TZ,
    Booking,
    BookingFeed,
    BookingSeries,
    Closure,
    Facility,
    local_datetime,
    local_time_exists,
)
from portal.metrics import BOOKING_CONFLICTS
from portal.models import User
from portal.services import notify, site_url
from portal.validation import has_control_characters

# A weekly series covers at most a year.
MAX_SERIES_DAYS = 366
OVERLAP_CONSTRAINT = "booking_no_overlap"


class BookingRefused(Exception):
    """A booking (or a change of one) that the rules do not allow, with a message for the person who asked.

    `code` tells an API what kind of refusal it is: "forbidden" (not allowed to act), "invalid" (the request breaks a
    rule of the facility) or "unavailable" (the time is closed or taken).
    """

    FORBIDDEN = "forbidden"
    INVALID = "invalid"
    UNAVAILABLE = "unavailable"

    def __init__(self, message: str, *, code: str, taken: bool = False):
        super().__init__(message)
        self.message = message
        self.code = code
        # The time overlaps another booking: a conflict, which the metrics count when a booking is refused for it.
        self.taken = taken


def not_member_message() -> str:
    return _("You can only book for an association you are a member of.")


def taken_message() -> str:
    return _("Sorry, this time has just been taken. Please choose another time.")


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment, LOCAL_TZ)


def _format_hours(facility: Facility, day: dt.date) -> str:
    intervals = [
        f"{o.opens:%H:%M}–{o.closes:%H:%M}" for o in facility.opening_hours.all() if o.weekday == day.weekday()
    ]
    return ", ".join(intervals)


def booking_may_book_for(*, user: User, facility: Facility, association: Association | None) -> None:
    """Raise BookingRefused unless `user` may book `facility` for `association` (or privately, when None)."""
    if not user.is_authenticated:
        raise BookingRefused(_("Sign in to book."), code=BookingRefused.FORBIDDEN)
    if association is None:
        if not facility.citizens_may_book:
            raise BookingRefused(
                _("Only associations can book this facility. Choose the association you are booking for."),
                code=BookingRefused.FORBIDDEN,
            )
        return
    if membership_role(user, association) is None:
        raise BookingRefused(not_member_message(), code=BookingRefused.FORBIDDEN)
    if association.status != Association.Status.APPROVED:
        raise BookingRefused(
            _("The association must be approved by the municipality before it can book."),
            code=BookingRefused.FORBIDDEN,
        )


def booking_check(
    *,
    facility: Facility,
    user: User,
    association: Association | None,
    start: dt.datetime,
    end: dt.datetime,
    attendees: int,
    now: dt.datetime | None = None,
) -> None:
    """Check every rule of a new booking; raise BookingRefused with the first rule it breaks."""
    now = now or timezone.now()
    booking_may_book_for(user=user, facility=facility, association=association)
    invalid, unavailable = BookingRefused.INVALID, BookingRefused.UNAVAILABLE
    if not facility.is_active:
        raise BookingRefused(_("This facility cannot be booked at the moment."), code=unavailable)
    if end <= start:
        raise BookingRefused(_("The end must be after the start."), code=invalid)
    if start <= now:
        raise BookingRefused(_("That time has already passed. Choose a time in the future."), code=invalid)
    if start < now + dt.timedelta(hours=facility.min_lead_time):
        raise BookingRefused(
            _("Bookings must be made at least %(hours)s hours before the start.") % {"hours": facility.min_lead_time},
            code=invalid,
        )
    if start > now + dt.timedelta(days=facility.max_horizon):
        raise BookingRefused(
            _("You can book at most %(days)s days ahead.") % {"days": facility.max_horizon}, code=invalid
        )
    minutes = (end - start) / dt.timedelta(minutes=1)
    if minutes < facility.min_duration:
        raise BookingRefused(
            _("A booking must last at least %(minutes)s minutes.") % {"minutes": facility.min_duration}, code=invalid
        )
    if minutes > facility.max_duration:
        raise BookingRefused(
            _("A booking may last at most %(minutes)s minutes.") % {"minutes": facility.max_duration}, code=invalid
        )
    local_start = _local(start)
    minute_of_day = local_start.hour * 60 + local_start.minute
    if local_start.second or local_start.microsecond or minute_of_day % facility.start_step:
        raise BookingRefused(
            _("Bookings can only start every %(minutes)s minutes (for example at 10:00).")
            % {"minutes": facility.start_step},
            code=invalid,
        )
    if attendees < 1:
        raise BookingRefused(_("Enter how many people you expect (at least 1)."), code=invalid)
    if attendees > facility.capacity:
        raise BookingRefused(
            _("The facility holds at most %(capacity)s people.") % {"capacity": facility.capacity}, code=invalid
        )
    day = local_start.date()
    inside = any(
        local_datetime(day, o.opens) <= start and end <= local_datetime(day, o.closes)
        for o in facility.opening_hours.all()
        if o.weekday == day.weekday()
    )
    if not inside:
        hours = _format_hours(facility, day)
        if hours:
            message = _("The facility is not open for the whole time. Opening hours that day: %(hours)s.") % {
                "hours": hours
            }
        else:
            message = _("The facility is closed on that day.")
        raise BookingRefused(message, code=unavailable)
    closure = facility.closures.filter(start__lt=end, end__gt=start).order_by("start").first()
    if closure is not None:
        raise BookingRefused(
            _("The facility is closed in that period: %(reason)s.") % {"reason": closure.reason}, code=unavailable
        )
    span_start = start - dt.timedelta(minutes=facility.buffer_before)
    span_end = end + dt.timedelta(minutes=facility.buffer_after)
    if facility.bookings.filter(status__in=Booking.ACTIVE, span_start__lt=span_end, span_end__gt=span_start).exists():
        raise BookingRefused(taken_message(), code=unavailable, taken=True)


def _is_overlap(exc: IntegrityError) -> bool:
    diag = getattr(exc.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) == OVERLAP_CONSTRAINT


def _context(booking: Booking, language: str) -> dict:
    with translation.override(language):
        facility = booking.facility
        return {
            "facility": facility.name,
            "address": f"{facility.address}, {facility.get_town_display()}",
            "booker": booking.booker_name,
            "start": booking.start,
            "end": booking.end,
            "purpose": booking.purpose,
            "status": str(booking.get_status_display()),
            "reason": booking.decision_reason,
            "access": str(facility.get_access_display()),
            "access_info": facility.access_info,
            "contact": ", ".join(filter(None, [facility.contact_name, facility.contact_email, facility.contact_phone])),
            "url": site_url("facilities:booking-detail", language=language, pk=booking.pk),
        }


def _notify_booker(booking: Booking, event: str) -> None:
    user = booking.booked_by
    notify(
        kind=f"facilities-booking-{event}",
        key=f"booking-{event}:{booking.pk}",
        user=user,
        context=_context(booking, user.preferred_language),
    )


def booking_request(
    *,
    facility: Facility,
    user: User,
    start: dt.datetime,
    end: dt.datetime,
    purpose: str,
    attendees: int,
    association: Association | None = None,
    is_public: bool = False,
    series: BookingSeries | None = None,
    notify_booker: bool = True,
) -> Booking:
    """Book a facility: confirmed at once, or awaiting approval if the facility says so."""
    if has_control_characters(purpose):
        # The API reaches this without a form; the database refuses text with NUL bytes.
        raise BookingRefused(_("The purpose contains a character that is not allowed."), code=BookingRefused.INVALID)
    try:
        booking_check(facility=facility, user=user, association=association, start=start, end=end, attendees=attendees)
    except BookingRefused as refusal:
        if refusal.taken:
            BOOKING_CONFLICTS.inc()
        raise
    booking = Booking(
        facility=facility,
        association=association,
        booked_by=user,
        series=series,
        start=start,
        end=end,
        purpose=purpose,
        attendees=attendees,
        is_public=is_public,
        status=Booking.Status.REQUESTED if facility.needs_approval else Booking.Status.CONFIRMED,
    )
    booking.set_span(buffer_before=facility.buffer_before, buffer_after=facility.buffer_after)
    with transaction.atomic():
        try:
            # A savepoint, so that a series can go on with its next date after losing one.
            with transaction.atomic():
                booking.save()
        except IntegrityError as exc:
            if _is_overlap(exc):
                BOOKING_CONFLICTS.inc()
                raise BookingRefused(taken_message(), code=BookingRefused.UNAVAILABLE, taken=True) from exc
            raise
        if notify_booker:
            _notify_booker(booking, "received" if facility.needs_approval else "confirmed")
    return booking


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("facility", "association", "booked_by")
        .get(pk=booking.pk)
    )


def booking_approve(*, booking: Booking, staff: User) -> Booking:
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != Booking.Status.REQUESTED:
            raise BookingRefused(_("Only bookings awaiting approval can be approved."), code=BookingRefused.INVALID)
        booking.status = Booking.Status.CONFIRMED
        booking.decided_by = staff
        booking.save(update_fields=["status", "decided_by", "updated_at"])
        _notify_booker(booking, "confirmed")
    return booking


def booking_reject(*, booking: Booking, staff: User, reason: str) -> Booking:
    if not reason.strip():
        raise BookingRefused(
            _("Give a reason for the rejection; it is sent to the booker."), code=BookingRefused.INVALID
        )
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != Booking.Status.REQUESTED:
            raise BookingRefused(_("Only bookings awaiting approval can be rejected."), code=BookingRefused.INVALID)
        booking.status = Booking.Status.REJECTED
        booking.decided_by = staff
        booking.decision_reason = reason.strip()
        booking.save(update_fields=["status", "decided_by", "decision_reason", "updated_at"])
        _notify_booker(booking, "rejected")
    return booking


def booking_may_manage(*, user: User, booking: Booking) -> bool:
    """The booker and every member of the booking's association may see and cancel it."""
    if not user.is_authenticated:
        return False
    if booking.booked_by_id == user.pk:
        return True
    return booking.association_id is not None and membership_role(user, booking.association) is not None


def booking_cancel(*, booking: Booking, user: User, now: dt.datetime | None = None) -> Booking:
    """Cancel a booking for its booker, before the facility's cancellation deadline."""
    now = now or timezone.now()
    if not booking_may_manage(user=user, booking=booking):
        raise BookingRefused(_("You cannot cancel this booking."), code=BookingRefused.FORBIDDEN)
    with transaction.atomic():
        booking = _locked(booking)
        if not booking.is_active:
            raise BookingRefused(_("The booking is no longer active."), code=BookingRefused.INVALID)
        if now >= booking.cancellation_deadline:
            deadline = formats.date_format(_local(booking.cancellation_deadline), "DATETIME_FORMAT")
            raise BookingRefused(
                _("The cancellation deadline passed on %(deadline)s. Contact the facility to cancel.")
                % {"deadline": deadline},
                code=BookingRefused.INVALID,
            )
        booking.status = Booking.Status.CANCELLED
        booking.save(update_fields=["status", "updated_at"])
        _notify_booker(booking, "cancelled")
    return booking


def bookings_hit_by_closure(*, closure: Closure) -> list[Booking]:
    return list(
        Booking.objects.filter(
            facility_id=closure.facility_id,
            status__in=Booking.ACTIVE,
            start__lt=closure.end,
            end__gt=closure.start,
        )
        .select_related("facility", "association", "booked_by")
        .order_by("start")
    )


def closure_save(*, closure: Closure, staff: User | None) -> list[Booking]:
    """Save a closure and cancel the active bookings it hits, telling each booker why. Returns those bookings."""
    with transaction.atomic():
        closure.save()
        hit = bookings_hit_by_closure(closure=closure)
        for booking in hit:
            booking.status = Booking.Status.CANCELLED
            booking.decided_by = staff
            booking.decision_reason = closure.reason
            booking.save(update_fields=["status", "decided_by", "decision_reason", "updated_at"])
            _notify_booker(booking, "cancelled")
    return hit


@dataclasses.dataclass
class SeriesDate:
    """One date of a weekly series: whether it can be (or was) booked, and if not, why."""

    date: dt.date
    start: dt.datetime | None
    end: dt.datetime | None
    reason: str = ""
    booking: Booking | None = None

    @property
    def ok(self) -> bool:
        return not self.reason


def series_dates(
    *, weekday: int, start_time: dt.time, end_time: dt.time, first_date: dt.date, last_date: dt.date
) -> list[SeriesDate]:
    day = first_date + dt.timedelta(days=(weekday - first_date.weekday()) % 7)
    dates = []
    while day <= last_date:
        if not local_time_exists(day, start_time) or not local_time_exists(day, end_time):
            reason = _("This time does not exist on that day because the clocks change to summer time.")
            dates.append(SeriesDate(date=day, start=None, end=None, reason=reason))
        else:
            dates.append(SeriesDate(date=day, start=local_datetime(day, start_time), end=local_datetime(day, end_time)))
        day += dt.timedelta(days=7)
    return dates


def series_preview(
    *,
    facility: Facility,
    user: User,
    association: Association | None,
    weekday: int,
    start_time: dt.time,
    end_time: dt.time,
    first_date: dt.date,
    last_date: dt.date,
    attendees: int,
) -> list[SeriesDate]:
    """Every date of a weekly series with the reason it cannot be booked, if any; writes nothing."""
    booking_may_book_for(user=user, facility=facility, association=association)
    dates = series_dates(
        weekday=weekday, start_time=start_time, end_time=end_time, first_date=first_date, last_date=last_date
    )
    for item in dates:
        if item.reason:
            continue
        try:
            booking_check(
                facility=facility,
                user=user,
                association=association,
                start=item.start,
                end=item.end,
                attendees=attendees,
            )
        except BookingRefused as refusal:
            item.reason = refusal.message
    return dates


def series_create(
    *,
    facility: Facility,
    user: User,
    association: Association | None,
    weekday: int,
    start_time: dt.time,
    end_time: dt.time,
    first_date: dt.date,
    last_date: dt.date,
    purpose: str,
    attendees: int,
    is_public: bool = False,
) -> tuple[BookingSeries, list[SeriesDate]]:
    """Book every date of a weekly series that can be booked; report each date that could not, and why."""
    booking_may_book_for(user=user, facility=facility, association=association)
    if last_date < first_date:
        raise BookingRefused(_("The last date must be on or after the first date."), code=BookingRefused.INVALID)
    if (last_date - first_date).days > MAX_SERIES_DAYS:
        raise BookingRefused(_("A series can cover at most one year."), code=BookingRefused.INVALID)
    dates = series_dates(
        weekday=weekday, start_time=start_time, end_time=end_time, first_date=first_date, last_date=last_date
    )
    with transaction.atomic():
        series = BookingSeries.objects.create(
            facility=facility,
            association=association,
            booked_by=user,
            weekday=weekday,
            start_time=start_time,
            end_time=end_time,
            first_date=first_date,
            last_date=last_date,
            purpose=purpose,
            attendees=attendees,
        )
        for item in dates:
            if item.reason:
                continue
            try:
                item.booking = booking_request(
                    facility=facility,
                    user=user,
                    association=association,
                    start=item.start,
                    end=item.end,
                    purpose=purpose,
                    attendees=attendees,
                    is_public=is_public,
                    series=series,
                    notify_booker=False,
                )
            except BookingRefused as refusal:
                item.reason = refusal.message
        series.failures = [{"date": item.date.isoformat(), "reason": item.reason} for item in dates if item.reason]
        series.save(update_fields=["failures"])
        booked = [item for item in dates if item.booking is not None]
        with translation.override(user.preferred_language):
            notify(
                kind="facilities-series-created",
                key=f"series-created:{series.pk}",
                user=user,
                context={
                    "facility": facility.name,
                    "weekday": str(series.get_weekday_display()),
                    "start_time": start_time.strftime("%H:%M"),
                    "end_time": end_time.strftime("%H:%M"),
                    "booked": len(booked),
                    "needs_approval": facility.needs_approval,
                    "failures": series.failures,
                    "url": site_url("facilities:booking-list", language=user.preferred_language),
                },
            )
    return series, dates


def booking_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind the bookers of tomorrow's confirmed bookings, with how to get in. Safe to run more than once a day."""
    now = now or timezone.now()
    tomorrow = _local(now).date() + dt.timedelta(days=1)
    start = local_datetime(tomorrow, dt.time(0))
    end = local_datetime(tomorrow + dt.timedelta(days=1), dt.time(0))
    bookings = Booking.objects.filter(status=Booking.Status.CONFIRMED, start__gte=start, start__lt=end).select_related(
        "facility", "association", "booked_by"
    )
    count = 0
    with transaction.atomic():
        for booking in bookings:
            _notify_booker(booking, "reminder")
            count += 1
    return count


def booking_feed_rotate(*, association: Association, user: User) -> BookingFeed:
    """Give the association's booking calendar a new secret address; the old one stops working at once."""
    if membership_role(user, association) is None:
        raise BookingRefused(_("Only members of the association can manage its calendar."), code="forbidden")
    with transaction.atomic():
        BookingFeed.objects.filter(association=association).delete()
        return BookingFeed.objects.create(association=association)


def booking_feed_revoke(*, association: Association, user: User) -> None:
    if membership_role(user, association) is None:
        raise BookingRefused(_("Only members of the association can manage its calendar."), code="forbidden")
    with transaction.atomic():
        BookingFeed.objects.filter(association=association).delete()
