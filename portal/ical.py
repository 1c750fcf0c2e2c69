"""What every iCalendar (RFC 5545) feed of the portal shares: the calendar's header and the HTTP response.

Each app builds its own events (activities, bookings, deadlines, meetings) on a calendar from `new_calendar()`.
"""

import icalendar
from django.conf import settings
from django.http import HttpResponse


def new_calendar(name: str) -> icalendar.Calendar:
    """An empty calendar called `name`, in the portal's time zone."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Helsingør Kommune//Frivillig Helsingør//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def calendar_response(calendar: icalendar.Calendar, *, filename: str, download: bool = False) -> HttpResponse:
    """The calendar as a `.ics` file: shown by the calendar app (subscribed to), or saved when `download`."""
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{"attachment" if download else "inline"}; filename="{filename}"'
    return response
