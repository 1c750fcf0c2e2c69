"""The iCalendar feed of the fora's upcoming meetings, for people who want them in their own calendar."""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogue.models import Meeting
from portal.ical import new_calendar
from portal.services import absolute_url

# A meeting without an end time is shown as lasting this long.
DEFAULT_MEETING_LENGTH = dt.timedelta(hours=2)


def meetings_ical(meetings: Iterable[Meeting]) -> icalendar.Calendar:
    calendar = new_calendar(_("Frivillig Helsingør: the fora"))
    host = urlsplit(settings.SITE_URL).hostname or "frivillig"
    stamp = timezone.now()
    for meeting in meetings:
        event = icalendar.Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at or meeting.starts_at + DEFAULT_MEETING_LENGTH)
        event.add("summary", meeting.forum.name_da)
        event.add("location", meeting.place)
        agenda = "\n".join(f"- {item.title}" for item in meeting.agenda_items.all())
        event.add("description", agenda)
        event.add("url", absolute_url(meeting.get_absolute_url()))
        calendar.add_component(event)
    return calendar


def meeting_json_ld(meeting: Meeting) -> dict:
    """schema.org Event data, so search engines and calendars can show the meeting."""
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.forum.name,
        "startDate": meeting.starts_at.isoformat(),
        "endDate": (meeting.ends_at or meeting.starts_at + DEFAULT_MEETING_LENGTH).isoformat(),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": meeting.place, "address": meeting.place},
        "organizer": {"@type": "GovernmentOrganization", "name": "Helsingør Kommune"},
        "url": absolute_url(meeting.get_absolute_url()),
    }
