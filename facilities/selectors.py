"""Reads of the facilities app: the catalogue, availability, a person's bookings, the approval queue, utilisation."""

import calendar
import dataclasses
import datetime as dt
import functools
from collections.abc import Iterable
from typing import NamedTuple

from django.contrib.postgres.fields import RangeBoundary
from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Exists, OuterRef, Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import get_language

from associations.models import Association
from associations.selectors import associations_for_user
from facilities.models import (
    LOCAL_TZ,
    Booking,
    BookingFeed,
    Closure,
    Facility,
    FacilityPhoto,
    OpeningHours,
    TsTzRange,
    local_datetime,
)
from portal.models import User
from portal.page_cache import remember

# The API and the week view never compute more than this many days at once.
MAX_AVAILABILITY_DAYS = 31
# Nobody plans further than this; it also keeps date arithmetic far from the calendar's ends.
MAX_WEEK_DISTANCE_DAYS = 10 * 366


@dataclasses.dataclass(frozen=True)
class FacilityFilters:
    kind: str = ""
    town: str = ""
    min_capacity: int | None = None
    features: tuple[str, ...] = ()
    free_date: dt.date | None = None
    free_from: dt.time | None = None
    free_to: dt.time | None = None


ACCESSIBILITY_FIELDS = ("step_free_access", "accessible_toilet", "hearing_loop", "disabled_parking")


def facilities_public() -> QuerySet[Facility]:
    return Facility.objects.filter(is_active=True).prefetch_related(
        Prefetch("photos", queryset=FacilityPhoto.objects.order_by("position", "pk"))
    )


def facilities_filtered(*, filters: FacilityFilters) -> QuerySet[Facility]:
    queryset = facilities_public()
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.town:
        queryset = queryset.filter(town=filters.town)
    if filters.min_capacity:
        queryset = queryset.filter(capacity__gte=filters.min_capacity)
    for feature in filters.features:
        if feature in ACCESSIBILITY_FIELDS:
            queryset = queryset.filter(**{feature: True})
    if filters.free_date and filters.free_from and filters.free_to and filters.free_to > filters.free_from:
        start = local_datetime(filters.free_date, filters.free_from)
        end = local_datetime(filters.free_date, filters.free_to)
        queryset = queryset.filter(
            Exists(
                OpeningHours.objects.filter(
                    facility=OuterRef("pk"),
                    weekday=filters.free_date.weekday(),
                    opens__lte=filters.free_from,
                    closes__gte=filters.free_to,
                )
            ),
            ~Exists(Closure.objects.filter(facility=OuterRef("pk"), start__lt=end, end__gt=start)),
            ~Exists(
                Booking.objects.filter(
                    facility=OuterRef("pk"), status__in=Booking.ACTIVE, span_start__lt=end, span_end__gt=start
                )
            ),
        )
    return queryset.order_by("name_da")


def facility_map_points(facilities: Iterable[Facility]) -> list[dict]:
    """Name, link and position of each facility that has coordinates, for the catalogue's map."""
    return [
        {"name": f.name, "url": f.get_absolute_url(), "lat": float(f.latitude), "lng": float(f.longitude)}
        for f in facilities
        if f.latitude is not None and f.longitude is not None
    ]


def facility_public_detail(*, slug: str) -> Facility | None:
    return (
        facilities_public()
        .prefetch_related(Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")))
        .filter(slug=slug)
        .first()
    )


def facility_with_opening_hours(*, slug: str) -> Facility | None:
    """An active facility with its opening hours: what booking and availability need (no photos)."""
    return (
        Facility.objects.filter(is_active=True, slug=slug)
        .prefetch_related(Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")))
        .first()
    )


def facility_for_availability(*, slug: str) -> Facility | None:
    """`facility_with_opening_hours` and its closures, kept under the content version (`portal.page_cache.remember`).

    Availability is asked for one week of one facility at a time, and a facility, its hours and its closures change
    far less often than its bookings: a week not seen before then costs the bookings query only.
    """

    def load() -> Facility | None:
        facility = facility_with_opening_hours(slug=slug)
        if facility is not None:
            prefetch_related_objects([facility], "closures")
        return facility

    return remember(f"facilities:for-availability:{slug}", load)


def facility_json_ld(*, facility: Facility, url: str) -> dict:
    """schema.org description of a facility for search engines and other machines reading the page."""
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "name": facility.name,
        "url": url,
        "maximumAttendeeCapacity": facility.capacity,
        "isAccessibleForFree": True,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": facility.address,
            "addressLocality": facility.get_town_display(),
            "addressCountry": "DK",
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[hours.weekday]}",
                "opens": hours.opens.strftime("%H:%M"),
                "closes": hours.closes.strftime("%H:%M"),
            }
            for hours in facility.opening_hours.all()
        ],
    }
    if facility.latitude is not None and facility.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(facility.latitude),
            "longitude": float(facility.longitude),
        }
    return data


SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# Availability


@dataclasses.dataclass(frozen=True)
class Segment:
    start: dt.datetime
    end: dt.datetime
    state: str  # "free", "busy" or "closed"
    label: str = ""
    outside_hours: bool = False

    @property
    def passed(self) -> bool:
        """Free time that has ended (earlier today too): it can no longer be booked."""
        return self.state == "free" and self.end <= timezone.now()

    @property
    def local_start(self) -> dt.datetime:
        return timezone.localtime(self.start, LOCAL_TZ)

    @property
    def local_end(self) -> dt.datetime:
        return timezone.localtime(self.end, LOCAL_TZ)


@dataclasses.dataclass(frozen=True)
class Day:
    date: dt.date
    segments: list[Segment]

    @property
    def visible_segments(self) -> list[Segment]:
        """The day without the closed hours before opening and after closing, for the week view."""
        segments = list(self.segments)
        while segments and segments[0].outside_hours:
            segments.pop(0)
        while segments and segments[-1].outside_hours:
            segments.pop()
        return segments

    @property
    def is_closed_all_day(self) -> bool:
        return all(segment.state == "closed" for segment in self.segments)


class _Taken(NamedTuple):
    """What a segment shows of a booking: the time it takes and, for a public booking, who booked it and why."""

    span_start: dt.datetime
    span_end: dt.datetime
    label: str


def _day_segments(
    day: dt.date,
    opening: list[OpeningHours],
    closures: list[Closure],
    bookings: list[_Taken],
) -> list[Segment]:
    day_start = local_datetime(day, dt.time(0))
    day_end = local_datetime(day + dt.timedelta(days=1), dt.time(0))
    bookings = [b for b in bookings if b.span_start < day_end and b.span_end > day_start]  # weeks' worth are given
    intervals = [
        (local_datetime(day, o.opens), local_datetime(day, o.closes)) for o in opening if o.weekday == day.weekday()
    ]
    points = {day_start, day_end}
    for start, end in intervals:
        points.update((start, end))
    for item in closures:
        points.update(p for p in (item.start, item.end) if day_start < p < day_end)
    for booking in bookings:
        points.update(p for p in (booking.span_start, booking.span_end) if day_start < p < day_end)
    ordered = sorted(points)
    segments: list[Segment] = []
    for start, end in zip(ordered, ordered[1:], strict=False):
        if start >= end:
            continue
        open_ = any(o_start <= start and end <= o_end for o_start, o_end in intervals)
        closure = next((c for c in closures if c.start < end and c.end > start), None)
        booking = next((b for b in bookings if b.span_start < end and b.span_end > start), None)
        if not open_:
            segment = Segment(start, end, "closed", closure.reason if closure else "", outside_hours=closure is None)
        elif closure is not None:
            segment = Segment(start, end, "closed", closure.reason)
        elif booking is not None:
            segment = Segment(start, end, "busy", booking.label)
        else:
            segment = Segment(start, end, "free")
        previous = segments[-1] if segments else None
        if previous and (previous.state, previous.label, previous.outside_hours) == (
            segment.state,
            segment.label,
            segment.outside_hours,
        ):
            segments[-1] = dataclasses.replace(previous, end=segment.end)
        else:
            segments.append(segment)
    return segments


def _overlapping(bookings: QuerySet[Booking], start: dt.datetime, end: dt.datetime) -> QuerySet[Booking]:
    """The bookings whose span overlaps [start, end).

    On Postgres this is the range overlap the exclusion constraint uses (`&&`): the planner estimates it from the
    column's statistics, where two inequalities make it expect a hundred rows instead of a dozen and hash-join every
    user for them.
    """
    if connection.vendor != "postgresql":
        return bookings.filter(span_start__lt=end, span_end__gt=start)
    span = TsTzRange("span_start", "span_end", RangeBoundary())
    return bookings.alias(span=span).filter(span__overlap=DateTimeTZRange(start, end))


def facility_availability(*, facility: Facility, first: dt.date, last: dt.date) -> list[Day]:
    """Free, busy and closed time of each day from `first` to `last` (inclusive), in three queries at most.

    The facility's closures are read whole (or taken from a prefetch): a facility has a few a year. Callers bound
    the period: people ask `facility_availability_kept` for at most MAX_AVAILABILITY_DAYS, which computes blocks.
    """
    range_start = local_datetime(first, dt.time(0))
    range_end = local_datetime(last + dt.timedelta(days=1), dt.time(0))
    opening = list(facility.opening_hours.all())
    closures = [c for c in facility.closures.all() if c.start < range_end and c.end > range_start]  # ordered by start
    # Only what a segment shows, as plain values: building bookings with their association and person was most of
    # the time of weeks of a busy facility.
    taken = (
        _overlapping(facility.bookings.filter(status__in=Booking.ACTIVE), range_start, range_end)
        .order_by("span_start")
        .values_list(
            "span_start", "span_end", "is_public", "purpose", "association__name", "booked_by__full_name",
        )
    )  # fmt: skip
    bookings = [
        # Who booked, as the public may read it: the association, else the person by the name they gave.
        _Taken(start, end, f"{association or User.public_name_of(full_name)}: {purpose}" if is_public else "")
        for start, end, is_public, purpose, association, full_name in taken
    ]
    days = []
    day = first
    while day <= last:
        days.append(Day(date=day, segments=_day_segments(day, opening, closures, bookings)))
        day += dt.timedelta(days=1)
    return days


# Availability is kept eight weeks at a time: people page through the weeks of a facility, and eight weeks cost one
# query of bookings, as one week does, and hardly more time (6 ms against 4 for a busy bench facility's week).
KEPT_BLOCK_DAYS = 56
_A_MONDAY = dt.date(2001, 1, 1)  # blocks start on Mondays, so a week never spans two


def facility_availability_kept(*, facility: Facility, first: dt.date, last: dt.date) -> list[Day]:
    """`facility_availability` of at most MAX_AVAILABILITY_DAYS, computed and kept under the content version in
    blocks of eight weeks."""
    last = min(last, first + dt.timedelta(days=MAX_AVAILABILITY_DAYS - 1))
    block = first - dt.timedelta(days=(first - _A_MONDAY).days % KEPT_BLOCK_DAYS)
    days: list[Day] = []
    while block <= last:
        block_days = remember(
            # The labels name a person without a name in the page's language.
            f"facilities:availability:{facility.pk}:{block}:{get_language()}",
            functools.partial(
                facility_availability,
                facility=facility,
                first=block,
                last=block + dt.timedelta(days=KEPT_BLOCK_DAYS - 1),
            ),
        )
        days += [day for day in block_days if first <= day.date <= last]
        block += dt.timedelta(days=KEPT_BLOCK_DAYS)
    return days


def week_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


# A person's bookings


def associations_bookable_by(*, user: User) -> QuerySet[Association]:
    """The approved associations `user` may book for."""
    return associations_for_user(user).filter(status=Association.Status.APPROVED)


def bookings_for_user(*, user: User) -> QuerySet[Booking]:
    """Bookings the person made, and those of every association they are a member of."""
    if not user.is_authenticated:
        return Booking.objects.none()
    # Postgres cannot answer "booked by the person OR of one of their associations" from the two columns' indexes
    # when the associations are a subquery, and reads every booking instead; a UNION of the two lookups uses both.
    own = Booking.objects.order_by().filter(booked_by=user).values("pk")
    of_associations = Booking.objects.order_by().filter(association__in=associations_for_user(user)).values("pk")
    return (
        Booking.objects.filter(pk__in=own.union(of_associations))
        .select_related("facility", "association", "booked_by")
        .order_by("start", "pk")
    )


def bookings_upcoming_for_user(*, user: User) -> QuerySet[Booking]:
    return bookings_for_user(user=user).filter(end__gte=timezone.now())


def booking_for_user(*, user: User, pk: int) -> Booking | None:
    """The booking if `user` may see it; None otherwise, so that a guessed id reveals nothing."""
    return bookings_for_user(user=user).filter(pk=pk).first()


def booking_feeds_for_user(*, user: User) -> list[tuple[Association, BookingFeed | None]]:
    associations = list(associations_for_user(user).select_related("booking_feed"))
    return [(association, getattr(association, "booking_feed", None)) for association in associations]


def booking_feed_by_token(*, token: str) -> BookingFeed | None:
    if not token:
        return None
    return BookingFeed.objects.select_related("association").filter(token=token).first()


def bookings_for_feed(*, feed: BookingFeed) -> QuerySet[Booking]:
    since = timezone.now() - dt.timedelta(days=90)
    return (
        Booking.objects.filter(association_id=feed.association_id, status__in=Booking.ACTIVE, end__gte=since)
        .select_related("facility")
        .order_by("start")
    )


# Staff


@dataclasses.dataclass(frozen=True)
class UtilisationRow:
    facility: Facility
    booked_hours: float
    open_hours: float

    @property
    def percent(self) -> float | None:
        if not self.open_hours:
            return None
        return round(100 * self.booked_hours / self.open_hours, 1)


def _hours(intervals: Iterable[tuple[dt.datetime, dt.datetime]]) -> float:
    return sum((end - start).total_seconds() for start, end in intervals) / 3600


def facilities_utilisation(*, year: int, month: int) -> list[UtilisationRow]:
    """Per facility: confirmed booked hours and open hours (opening hours minus closures) in one month."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    range_start = local_datetime(first, dt.time(0))
    range_end = local_datetime(last + dt.timedelta(days=1), dt.time(0))
    facilities = Facility.objects.order_by("name_da").prefetch_related(
        "opening_hours",
        Prefetch("closures", queryset=Closure.objects.filter(start__lt=range_end, end__gt=range_start)),
        Prefetch(
            "bookings",
            queryset=Booking.objects.filter(status=Booking.Status.CONFIRMED, start__lt=range_end, end__gt=range_start),
            to_attr="month_bookings",
        ),
    )
    rows = []
    for facility in facilities:
        opening = list(facility.opening_hours.all())
        closures = list(facility.closures.all())
        open_intervals = []
        day = first
        while day <= last:
            open_intervals += [
                (s.start, s.end) for s in _day_segments(day, opening, closures, []) if s.state != "closed"
            ]
            day += dt.timedelta(days=1)
        booked = [(max(b.start, range_start), min(b.end, range_end)) for b in facility.month_bookings]
        rows.append(UtilisationRow(facility=facility, booked_hours=_hours(booked), open_hours=_hours(open_intervals)))
    return rows
