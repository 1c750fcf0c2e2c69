"""Deadlines as an iCalendar file, so people can put them in their own calendar."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from grants.models import Round
from portal.ical import new_calendar
from portal.services import absolute_url


def deadlines_ics(*, rounds: Iterable[Round]) -> Calendar:
    calendar = new_calendar(_("Grant deadlines"))
    for round_ in rounds:
        event = Event()
        event.add("uid", f"grants-round-{round_.pk}@frivillig-helsingor")
        event.add("summary", _("Deadline: %(scheme)s") % {"scheme": round_.scheme.title})
        # A deadline is a moment, not a meeting: the event is that moment, stored in UTC.
        event.add("dtstart", round_.deadline)
        event.add("dtend", round_.deadline)
        event.add("dtstamp", timezone.now())
        event.add("url", absolute_url(round_.scheme.get_absolute_url()))
        event.add("description", round_.scheme.summary)
        calendar.add_component(event)
    return calendar
