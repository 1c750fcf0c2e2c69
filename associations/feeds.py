"""iCalendar (RFC 5545) feeds of activities: one VEVENT per activity, weekly ones as an RRULE with their cancelled
dates as EXDATE, all in Europe/Copenhagen with the time zone's VTIMEZONE included so any calendar shows local time."""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from associations.models import Activity
from portal.ical import new_calendar
from portal.services import absolute_url


def _uid(activity: Activity) -> str:
    return f"activity-{activity.pk}@{urlsplit(settings.SITE_URL).hostname}"


def _event(activity: Activity, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", _uid(activity))
    event.add("dtstamp", stamp)
    first_day = activity.starts_on
    if activity.kind == Activity.Kind.WEEKLY:
        # The first date is the first matching weekday on or after starts_on, even when that date is cancelled.
        first_day = activity.starts_on + dt.timedelta(days=(activity.weekday - activity.starts_on.weekday()) % 7)
    event.add("dtstart", activity.starts_at(first_day))
    event.add("dtend", activity.ends_at(first_day))
    event.add("summary", f"{activity.title} ({activity.association.name})")
    if activity.description:
        event.add("description", activity.description)
    event.add("location", activity.place)
    event.add("url", absolute_url(activity.get_absolute_url()))
    event.add("last-modified", activity.updated_at)
    if activity.kind == Activity.Kind.WEEKLY:
        rule = vRecur(freq="WEEKLY")
        if activity.ends_on:
            # RFC 5545: with a zoned DTSTART, UNTIL is given in UTC.
            rule["until"] = activity.ends_at(activity.ends_on).astimezone(dt.UTC)
        event.add("rrule", rule)
        cancelled = sorted(activity.cancelled_dates)
        if cancelled:
            event.add("exdate", [activity.starts_at(day) for day in cancelled])
    return event


def activities_calendar(activities: Iterable[Activity], *, name: str) -> Calendar:
    calendar = new_calendar(name)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for activity in activities:
        calendar.add_component(_event(activity, stamp))
    calendar.add_missing_timezones()
    return calendar
