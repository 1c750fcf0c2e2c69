"""An association's bookings as an iCalendar feed (RFC 5545), for the calendar app people already use."""

from collections.abc import Iterable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from facilities.models import Booking, BookingFeed
from portal.ical import new_calendar
from portal.services import absolute_url


def bookings_calendar(*, feed: BookingFeed, bookings: Iterable[Booking]) -> icalendar.Calendar:
    calendar = new_calendar(_("%(association)s: bookings") % {"association": feed.association.name})
    now = timezone.now()
    for booking in bookings:
        event = icalendar.Event()
        event.add("uid", f"booking-{booking.pk}@frivillig-helsingor")
        event.add("dtstamp", now)
        event.add("dtstart", booking.start)
        event.add("dtend", booking.end)
        event.add("summary", f"{booking.facility.name_da}: {booking.purpose}")
        event.add("location", f"{booking.facility.address}, {booking.facility.get_town_display()}")
        event.add("status", "CONFIRMED" if booking.status == Booking.Status.CONFIRMED else "TENTATIVE")
        event.add("url", absolute_url(booking.get_absolute_url()))
        calendar.add_component(event)
    return calendar
