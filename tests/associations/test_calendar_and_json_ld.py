import datetime as dt
import json
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from associations.models import Activity
from tests.factories.associations import ActivityFactory, AssociationFactory

pytestmark = pytest.mark.django_db
COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")


def _parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_the_feed_is_valid_icalendar_with_weekly_rules_and_time_zone(client):
    today = timezone.localdate()
    weekly = ActivityFactory(
        title="Skak",
        kind=Activity.Kind.WEEKLY,
        weekday=today.weekday(),
        starts_on=today,
        ends_on=today + dt.timedelta(weeks=10),
        exceptions=[(today + dt.timedelta(weeks=2)).isoformat()],
        start_time=dt.time(19, 0),
        end_time=dt.time(21, 0),
    )
    ActivityFactory(title="Sommerfest")
    calendar = _parse(client.get(reverse("associations:activity-calendar")))
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Copenhagen"]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"Skak ({weekly.association.name})", next(k for k in events if k.startswith("Sommerfest"))}
    event = events[f"Skak ({weekly.association.name})"]
    assert event["UID"] and event["DTSTAMP"]
    start = event.decoded("DTSTART")
    assert start == dt.datetime.combine(today, dt.time(19, 0), tzinfo=COPENHAGEN)
    assert start.tzinfo.key == "Europe/Copenhagen"
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["UNTIL"][0].utcoffset() == dt.timedelta(0)
    assert b"UNTIL=" in event.to_ical() and b"Z" in event["RRULE"].to_ical()
    exdates = [d.dt for d in event["EXDATE"].dts]
    assert exdates == [dt.datetime.combine(today + dt.timedelta(weeks=2), dt.time(19, 0), tzinfo=COPENHAGEN)]
    assert b"TZID=Europe/Copenhagen" in client.get(reverse("associations:activity-calendar")).content


def test_the_feed_follows_the_filters(client):
    ActivityFactory(title="I Tikøb", town="tikob")
    ActivityFactory(title="I Hornbæk", town="hornbaek")
    calendar = _parse(client.get(reverse("associations:activity-calendar"), {"town": "tikob"}))
    assert [str(e["SUMMARY"]).split(" (")[0] for e in calendar.walk("VEVENT")] == ["I Tikøb"]


def test_each_association_has_its_own_feed(client):
    association = AssociationFactory()
    ActivityFactory(association=association, title="Vores")
    ActivityFactory(title="Andres")
    url = reverse("associations:association-calendar", kwargs={"slug": association.slug})
    calendar = _parse(client.get(url))
    assert [str(e["SUMMARY"]).split(" (")[0] for e in calendar.walk("VEVENT")] == ["Vores"]


def _json_ld(response) -> list:
    blocks = re.findall(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', response.text, re.S)
    assert blocks, "no JSON-LD on the page"
    return [json.loads(block) for block in blocks]


def test_the_profile_describes_the_organization(client):
    association = AssociationFactory(name="Hornbæk Kor", website="https://kor.example.org", founded_year=1950)
    (data,) = _json_ld(client.get(association.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Hornbæk Kor"
    assert data["url"].endswith(association.get_absolute_url())
    assert data["sameAs"] == ["https://kor.example.org"]
    assert data["areaServed"] == ["Helsingør"]


def test_activities_are_described_as_events(client):
    activity = ActivityFactory(title="Sankthans", price=None)
    (data,) = _json_ld(client.get(activity.get_absolute_url()))
    assert data["@type"] == "Event"
    assert data["name"] == "Sankthans"
    assert data["startDate"].startswith(activity.starts_on.isoformat())
    assert data["isAccessibleForFree"] is True
    assert data["organizer"]["name"] == activity.association.name
    (listing,) = _json_ld(client.get(reverse("associations:activity-list")))
    assert [event["@type"] for event in listing] == ["Event"]
