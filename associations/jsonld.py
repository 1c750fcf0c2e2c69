"""schema.org descriptions of associations and activities, for search engines and other machines reading the pages."""

from typing import Any

from associations.models import Activity, Association
from associations.selectors import Occurrence
from portal.services import absolute_url

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def organization(association: Association) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": association.name,
        "url": absolute_url(association.get_absolute_url()),
        "description": association.description,
        "areaServed": [town.get_town_display() for town in association.towns.all()],
    }
    if association.contact_email:
        data["email"] = association.contact_email
    if association.contact_phone:
        data["telephone"] = association.contact_phone
    if association.website:
        data["sameAs"] = [association.website]
    if association.logo:
        data["logo"] = absolute_url(association.logo.url)
    if association.founded_year:
        data["foundingDate"] = str(association.founded_year)
    if association.cvr:
        data["vatID"] = f"DK{association.cvr}"
    if association.meeting_place:
        data["location"] = {"@type": "Place", "address": association.meeting_place}
    return data


def event(activity: Activity, occurrence: Occurrence | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": activity.title,
        "description": activity.description,
        "url": absolute_url(activity.get_absolute_url()),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": activity.place, "address": activity.place},
        "organizer": {
            "@type": "Organization",
            "name": activity.association.name,
            "url": absolute_url(activity.association.get_absolute_url()),
        },
        "isAccessibleForFree": activity.is_free,
        "offers": {
            "@type": "Offer",
            "price": str(activity.price or 0),
            "priceCurrency": "DKK",
            "url": activity.signup_url or absolute_url(activity.get_absolute_url()),
        },
    }
    if occurrence:
        data["startDate"] = occurrence.starts_at.isoformat()
        data["endDate"] = occurrence.ends_at.isoformat()
    else:
        data["startDate"] = activity.starts_at(activity.starts_on).isoformat()
        data["endDate"] = activity.ends_at(activity.starts_on).isoformat()
    if activity.min_age is not None or activity.max_age is not None:
        data["typicalAgeRange"] = f"{activity.min_age or 0}-{activity.max_age or ''}"
    if activity.kind == Activity.Kind.WEEKLY:
        data["eventSchedule"] = {
            "@type": "Schedule",
            "repeatFrequency": "P1W",
            "byDay": f"https://schema.org/{WEEKDAYS[activity.weekday]}",
            "startDate": activity.starts_on.isoformat(),
            "startTime": activity.start_time.strftime("%H:%M"),
            "endTime": activity.end_time.strftime("%H:%M"),
            "scheduleTimezone": "Europe/Copenhagen",
        }
        if activity.ends_on:
            data["eventSchedule"]["endDate"] = activity.ends_on.isoformat()
    return data
