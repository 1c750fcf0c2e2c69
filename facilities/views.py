import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from associations.models import Association
from associations.selectors import association_for_member
from facilities import ical, selectors, services
from facilities.forms import BookingForm, FacilityFilterForm, SeriesForm, booking_initial
from facilities.models import LOCAL_TZ, Facility
from portal.confirmation import render_confirmation
from portal.ical import calendar_response
from portal.page_cache import cache_for_visitors


def _get_facility_for_booking(request: HttpRequest, slug: str) -> tuple[Facility, list[Association]]:
    """The facility and the associations the person may book it for; 404 for an unknown facility."""
    facility = selectors.facility_with_opening_hours(slug=slug)
    if facility is None:
        raise Http404
    return facility, list(selectors.associations_bookable_by(user=request.user))


def _forbidden_to_book(request: HttpRequest, facility: Facility) -> HttpResponse:
    return render(request, "facilities/booking_forbidden.html", {"facility": facility}, status=403)


@cache_for_visitors
@require_GET
def facility_list(request: HttpRequest) -> HttpResponse:
    form = FacilityFilterForm(request.GET or None)
    facilities = selectors.facilities_filtered(filters=form.filters())
    page = Paginator(facilities, 20).get_page(request.GET.get("side"))
    return render(
        request,
        "facilities/facility_list.html",
        {
            "form": form,
            "page_obj": page,
            "map_points": selectors.facility_map_points(page),
            "map_tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
            # The sentence beside "Show map" names who the browser then talks to.
            "map_tile_host": urlsplit(settings.MAP_TILE_URL).hostname or request.get_host(),
        },
    )


@cache_for_visitors
@require_GET
def facility_detail(request: HttpRequest, slug: str) -> HttpResponse:
    facility = selectors.facility_public_detail(slug=slug)
    if facility is None:
        raise Http404
    today = timezone.localdate(timezone=LOCAL_TZ)
    try:
        week_of = dt.date.fromisoformat(request.GET.get("uge", ""))
    except ValueError:
        week_of = today
    if abs((week_of - today).days) > selectors.MAX_WEEK_DISTANCE_DAYS:
        week_of = today
    monday = selectors.week_monday(week_of)
    days = selectors.facility_availability_kept(facility=facility, first=monday, last=monday + dt.timedelta(days=6))
    return render(
        request,
        "facilities/facility_detail.html",
        {
            "facility": facility,
            "json_ld": selectors.facility_json_ld(facility=facility, url=request.build_absolute_uri()),
            "days": days,
            "monday": monday,
            "previous_week": monday - dt.timedelta(days=7),
            "next_week": monday + dt.timedelta(days=7),
            "this_week": selectors.week_monday(today),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_create(request: HttpRequest, slug: str) -> HttpResponse:
    facility, associations = _get_facility_for_booking(request, slug)
    if not associations and not facility.citizens_may_book:
        return _forbidden_to_book(request, facility)
    initial = booking_initial(request.GET, facility)
    form = BookingForm(request.POST or None, initial=initial, facility=facility, associations=associations)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.booking_request(
                facility=facility,
                user=request.user,
                association=form.cleaned_data["association"],
                start=form.start,
                end=form.end,
                purpose=form.cleaned_data["purpose"],
                attendees=form.cleaned_data["attendees"],
                is_public=form.cleaned_data["is_public"],
            )
        except services.BookingRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            if booking.status == booking.Status.CONFIRMED:
                messages.success(request, _("The booking is confirmed."))
            else:
                messages.success(request, _("Your request is received and awaits approval by the municipality."))
            return redirect(booking)
    return render(request, "facilities/booking_form.html", {"facility": facility, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request: HttpRequest, slug: str) -> HttpResponse:
    facility, associations = _get_facility_for_booking(request, slug)
    if not associations and not facility.citizens_may_book:
        return _forbidden_to_book(request, facility)
    form = SeriesForm(request.POST or None, facility=facility, associations=associations)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        arguments = {
            "facility": facility,
            "user": request.user,
            "association": data["association"],
            "weekday": data["weekday"],
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "first_date": data["first_date"],
            "last_date": data["last_date"],
            "attendees": data["attendees"],
        }
        try:
            if request.POST.get("action") == "create":
                series, dates = services.series_create(
                    **arguments, purpose=data["purpose"], is_public=data["is_public"]
                )
                return render(
                    request,
                    "facilities/series_result.html",
                    {"facility": facility, "series": series, "dates": dates},
                )
            preview = services.series_preview(**arguments)
        except services.BookingRefused as refusal:
            form.add_error(None, refusal.message)
    return render(request, "facilities/series_form.html", {"facility": facility, "form": form, "preview": preview})


@login_required
@require_GET
def booking_list(request: HttpRequest) -> HttpResponse:
    bookings = Paginator(selectors.bookings_upcoming_for_user(user=request.user), 25).get_page(request.GET.get("side"))
    return render(
        request,
        "facilities/booking_list.html",
        {"page_obj": bookings, "feeds": selectors.booking_feeds_for_user(user=request.user)},
    )


@login_required
@require_GET
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_for_user(user=request.user, pk=pk)
    if booking is None:
        raise Http404
    can_cancel = booking.is_active and timezone.now() < booking.cancellation_deadline
    return render(request, "facilities/booking_detail.html", {"booking": booking, "can_cancel": can_cancel})


@login_required
@require_GET
def booking_cancel_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_for_user(user=request.user, pk=pk)
    if booking is None:
        raise Http404
    start, end = booking.start.astimezone(LOCAL_TZ), booking.end.astimezone(LOCAL_TZ)
    when = _("%(date)s from %(start)s to %(end)s") % {
        "date": formats.date_format(start, "DATE_FORMAT"),
        "start": formats.time_format(start, "TIME_FORMAT"),
        "end": formats.time_format(end, "TIME_FORMAT"),
    }
    return render_confirmation(
        request,
        title=_("Cancel the booking of %(facility)s?") % {"facility": booking.facility.name},
        consequences=[
            _("The booking on %(when)s is cancelled, and the time is free for others to book.") % {"when": when},
            _("The person who made the booking gets a confirmation. Tell the people who were coming yourself."),
        ],
        action=reverse("facilities:booking-cancel", args=[booking.pk]),
        button=_("Cancel the booking"),
        back=booking.get_absolute_url(),
    )


@login_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.booking_for_user(user=request.user, pk=pk)
    if booking is None:
        raise Http404
    try:
        services.booking_cancel(booking=booking, user=request.user)
    except services.BookingRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The booking is cancelled."))
    return redirect(booking)


def _get_association_for_member(request: HttpRequest, slug: str) -> Association:
    association = association_for_member(request.user, slug=slug)
    if association is None:
        raise Http404
    return association


@login_required
@require_POST
def booking_feed_rotate(request: HttpRequest, slug: str) -> HttpResponse:
    association = _get_association_for_member(request, slug)
    services.booking_feed_rotate(association=association, user=request.user)
    messages.success(request, _("The calendar has a new secret address. The old address no longer works."))
    return redirect("facilities:booking-list")


@login_required
@require_GET
def booking_feed_revoke_confirm(request: HttpRequest, slug: str) -> HttpResponse:
    association = _get_association_for_member(request, slug)
    return render_confirmation(
        request,
        title=_("Delete the calendar address of %(association)s?") % {"association": association.name},
        consequences=[
            _("The address stops working: calendars that subscribe to it no longer show the association's bookings."),
            _("Nobody is told. You can make a new address, which you then give to those who should have it."),
        ],
        action=reverse("facilities:booking-feed-revoke", args=[association.slug]),
        button=_("Delete the address"),
        back=reverse("facilities:booking-list"),
    )


@login_required
@require_POST
def booking_feed_revoke(request: HttpRequest, slug: str) -> HttpResponse:
    association = _get_association_for_member(request, slug)
    services.booking_feed_revoke(association=association, user=request.user)
    messages.success(request, _("The calendar address is deleted and no longer works."))
    return redirect("facilities:booking-list")


@require_GET
@never_cache
def booking_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = selectors.booking_feed_by_token(token=token)
    if feed is None:
        raise Http404
    calendar = ical.bookings_calendar(feed=feed, bookings=selectors.bookings_for_feed(feed=feed))
    return calendar_response(calendar, filename=f"{feed.association.slug}-bookinger.ics")
