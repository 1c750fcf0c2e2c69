"""JSON API of the facilities app: the catalogue and availability (public), and a person's bookings (signed in).

Booking through the API uses the browser session and its CSRF token, exactly like the booking form, and goes through
the same service, so every rule and message is the same.
"""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.security import SessionAuth

from associations.models import Association
from facilities import selectors, services
from facilities.models import LOCAL_TZ, MAX_CAPACITY, Booking, Facility
from portal.api_errors import errors
from portal.page_cache import cache_for_visitors
from portal.services import absolute_url
from portal.validation import CalendarDate, CalendarDateTime, CleanText, Id, LocalTime, Offset

facilities_router = Router(tags=["facilities"])
bookings_router = Router(tags=["bookings"], auth=SessionAuth())

MAX_PAGE_SIZE = 100


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment, LOCAL_TZ)


class OpeningHoursOut(Schema):
    weekday: int
    opens: LocalTime
    closes: LocalTime


class FacilityOut(Schema):
    slug: str
    name: str
    name_da: str
    name_en: str
    kind: str
    town: str
    address: str
    latitude: float | None
    longitude: float | None
    capacity: int
    area_m2: int | None
    step_free_access: bool
    accessible_toilet: bool
    hearing_loop: bool
    disabled_parking: bool
    bookable_by: str
    needs_approval: bool
    url: str

    @staticmethod
    def resolve_url(facility: Facility) -> str:
        return absolute_url(facility.get_absolute_url())

    @staticmethod
    def resolve_latitude(facility: Facility) -> float | None:
        return float(facility.latitude) if facility.latitude is not None else None

    @staticmethod
    def resolve_longitude(facility: Facility) -> float | None:
        return float(facility.longitude) if facility.longitude is not None else None


class FacilityDetailOut(FacilityOut):
    description_da: str
    description_en: str
    equipment_da: str
    equipment_en: str
    house_rules_da: str
    house_rules_en: str
    access: str
    price_per_hour: float | None
    min_duration_minutes: int = Field(..., alias="min_duration")
    max_duration_minutes: int = Field(..., alias="max_duration")
    start_step_minutes: int = Field(..., alias="start_step")
    buffer_before_minutes: int = Field(..., alias="buffer_before")
    buffer_after_minutes: int = Field(..., alias="buffer_after")
    min_lead_time_hours: int = Field(..., alias="min_lead_time")
    max_horizon_days: int = Field(..., alias="max_horizon")
    cancellation_deadline_hours: int = Field(..., alias="cancellation_deadline")
    opening_hours: list[OpeningHoursOut]

    @staticmethod
    def resolve_opening_hours(facility: Facility) -> list:
        return list(facility.opening_hours.all())

    @staticmethod
    def resolve_price_per_hour(facility: Facility) -> float | None:
        return float(facility.price_per_hour) if facility.price_per_hour is not None else None


class FacilityList(Schema):
    count: int
    items: list[FacilityOut]


class FacilityFilterIn(Schema):
    kind: CleanText = ""
    town: CleanText = ""
    capacity: int | None = Field(None, ge=1, le=MAX_CAPACITY)
    feature: list[CleanText] = Field(default_factory=list, description="step_free_access, accessible_toilet, ...")
    date: CalendarDate | None = None
    time_from: LocalTime | None = Field(None, alias="from")
    time_to: LocalTime | None = Field(None, alias="to")
    limit: int = Field(50, ge=1, le=MAX_PAGE_SIZE)
    offset: Offset = 0


@decorate_view(cache_for_visitors)
@facilities_router.get("", response={200: FacilityList, **errors()}, summary="Facilities, filtered as on /lokaler/")
def facility_list(request: HttpRequest, filters: Query[FacilityFilterIn]):
    queryset = selectors.facilities_filtered(
        filters=selectors.FacilityFilters(
            kind=filters.kind,
            town=filters.town,
            min_capacity=filters.capacity,
            features=tuple(filters.feature),
            free_date=filters.date,
            free_from=filters.time_from,
            free_to=filters.time_to,
        )
    )
    return {"count": queryset.count(), "items": list(queryset[filters.offset : filters.offset + filters.limit])}


@decorate_view(cache_for_visitors)
@facilities_router.get("/{slug}", response={200: FacilityDetailOut, **errors(404)})
def facility_detail(request: HttpRequest, slug: CleanText):
    facility = selectors.facility_public_detail(slug=slug)
    if facility is None:
        return Status(404, {"message": "No such facility."})
    return facility


class IntervalOut(Schema):
    start: dt.datetime
    end: dt.datetime
    state: str = Field(..., description="free, busy or closed")
    label: str


class AvailabilityOut(Schema):
    facility: str
    date_from: dt.date = Field(..., alias="from")
    date_to: dt.date = Field(..., alias="to")
    intervals: list[IntervalOut]


class AvailabilityIn(Schema):
    date_from: CalendarDate = Field(..., alias="from")
    date_to: CalendarDate = Field(..., alias="to")


@decorate_view(cache_for_visitors)
@facilities_router.get(
    "/{slug}/availability",
    response={200: AvailabilityOut, **errors(400, 404)},
    by_alias=True,
    summary=f"Free, busy and closed intervals, at most {selectors.MAX_AVAILABILITY_DAYS} days per call",
)
def facility_availability(request: HttpRequest, slug: CleanText, period: Query[AvailabilityIn]):
    facility = selectors.facility_for_availability(slug=slug)
    if facility is None:
        return Status(404, {"message": "No such facility."})
    if abs((period.date_from - timezone.localdate()).days) > selectors.MAX_WEEK_DISTANCE_DAYS:
        return Status(400, {"message": "'from' is too far from today."})
    if period.date_to < period.date_from:
        return Status(400, {"message": "'to' must be on or after 'from'."})
    if (period.date_to - period.date_from).days >= selectors.MAX_AVAILABILITY_DAYS:
        return Status(400, {"message": f"Ask for at most {selectors.MAX_AVAILABILITY_DAYS} days per call."})
    days = selectors.facility_availability_kept(facility=facility, first=period.date_from, last=period.date_to)
    intervals = [
        {"start": _local(s.start), "end": _local(s.end), "state": s.state, "label": s.label}
        for day in days
        for s in day.segments
    ]
    return {"facility": facility.slug, "from": period.date_from, "to": period.date_to, "intervals": intervals}


class BookingIn(Schema):
    facility: CleanText
    association: CleanText | None = None
    start: CalendarDateTime
    end: CalendarDateTime
    purpose: CleanText = Field(..., min_length=1, max_length=200)
    attendees: int = Field(..., ge=1, le=MAX_CAPACITY)
    public: bool = False


class BookingOut(Schema):
    id: int
    facility: str
    facility_name: str
    association: str | None
    start: dt.datetime
    end: dt.datetime
    purpose: str
    attendees: int
    status: str
    decision_reason: str
    public: bool
    url: str

    @staticmethod
    def from_booking(booking: Booking) -> dict:
        return {
            "id": booking.pk,
            "facility": booking.facility.slug,
            "facility_name": booking.facility.name,
            "association": booking.association.slug if booking.association_id else None,
            "start": _local(booking.start),
            "end": _local(booking.end),
            "purpose": booking.purpose,
            "attendees": booking.attendees,
            "status": booking.status,
            "decision_reason": booking.decision_reason,
            "public": booking.is_public,
            "url": absolute_url(booking.get_absolute_url()),
        }


class BookingList(Schema):
    count: int
    items: list[BookingOut]


REFUSAL_STATUS = {
    services.BookingRefused.FORBIDDEN: 403,
    services.BookingRefused.INVALID: 422,
    services.BookingRefused.UNAVAILABLE: 409,
}


@bookings_router.post("", response={201: BookingOut, **errors(400, 401, 403, 409)})
def booking_create(request: HttpRequest, data: BookingIn):
    if timezone.is_naive(data.start) or timezone.is_naive(data.end):
        return Status(422, {"message": "Give start and end with a UTC offset, for example 2026-12-01T17:00:00+01:00."})
    facility = selectors.facility_with_opening_hours(slug=data.facility)
    if facility is None:
        return Status(422, {"message": "No such facility."})
    association = None
    if data.association:
        association = Association.objects.filter(slug=data.association).first()
        if association is None:
            # Unknown or not a member: the same answer, so the API does not reveal which associations exist.
            return Status(403, {"message": services.not_member_message()})
    try:
        booking = services.booking_request(
            facility=facility,
            user=request.user,
            association=association,
            start=data.start,
            end=data.end,
            purpose=data.purpose,
            attendees=data.attendees,
            is_public=data.public,
        )
    except services.BookingRefused as refusal:
        return Status(REFUSAL_STATUS[refusal.code], {"message": refusal.message})
    return Status(201, BookingOut.from_booking(booking))


@bookings_router.get(
    "/mine", response={200: BookingList, **errors(401)}, summary="Upcoming bookings of the signed-in person"
)
def booking_mine(request: HttpRequest, limit: int = Query(50, ge=1, le=MAX_PAGE_SIZE), offset: Offset = 0):
    queryset = selectors.bookings_upcoming_for_user(user=request.user)
    items = [BookingOut.from_booking(b) for b in queryset[offset : offset + limit]]
    return {"count": queryset.count(), "items": items}


@bookings_router.post("/{booking_id}/cancel", response={200: BookingOut, **errors(400, 401, 403, 404)})
def booking_cancel(request: HttpRequest, booking_id: Id):
    booking = selectors.booking_for_user(user=request.user, pk=booking_id)
    if booking is None:
        return Status(404, {"message": "No such booking."})
    try:
        booking = services.booking_cancel(booking=booking, user=request.user)
    except services.BookingRefused as refusal:
        return Status(REFUSAL_STATUS[refusal.code], {"message": refusal.message})
    return Status(200, BookingOut.from_booking(booking))
