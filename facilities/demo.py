"""Demo facilities across the municipality's towns, with realistic opening hours and bookings for the coming weeks.

The associations "forening@example.org" books for are created here with get_or_create on their slugs, so this seed
works on its own and also alongside the associations app's seed, whichever runs first.
"""

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from associations.models import Association, Membership
from facilities import services
from facilities.models import Booking, Closure, Facility, OpeningHours, local_datetime
from portal.demo import demo_user
from portal.holidays import easter_sunday

WEEKDAYS = range(5)
WEEKEND = range(5, 7)

# (slug, Danish name, English name, kind, town, address, capacity, m², features, approval, citizens, hours)
# hours: list of (weekdays, opens, closes)
FACILITIES = [
    (
        "helsingor-hallen",
        "Helsingør Hallen",
        "Helsingør Sports Hall",
        "sports_hall",
        "helsingor",
        "Gurrevej 80",
        400,
        1200,
        {"step_free_access", "accessible_toilet", "disabled_parking"},
        False,
        False,
        [(WEEKDAYS, "16:00", "22:00"), (WEEKEND, "08:00", "20:00")],
    ),
    (
        "snekkersten-idraetscenter",
        "Snekkersten Idrætscenter",
        "Snekkersten Sports Centre",
        "sports_hall",
        "snekkersten",
        "Agnetevej 3",
        250,
        960,
        {"step_free_access", "accessible_toilet"},
        False,
        False,
        [(WEEKDAYS, "15:00", "22:00"), (WEEKEND, "09:00", "18:00")],
    ),
    (
        "espergaerde-idraetscenter",
        "Espergærde Idrætscenter, hal 1",
        "Espergærde Sports Centre, hall 1",
        "sports_hall",
        "espergaerde",
        "Frederiksborgvej 5",
        300,
        1100,
        {"step_free_access", "disabled_parking"},
        False,
        False,
        [(WEEKDAYS, "16:00", "22:00"), (WEEKEND, "08:00", "18:00")],
    ),
    (
        "hornbaek-skole-gymnastiksal",
        "Hornbæk Skole, gymnastiksal",
        "Hornbæk School gym",
        "gym",
        "hornbaek",
        "Skolevej 9",
        60,
        300,
        set(),
        False,
        False,
        [(WEEKDAYS, "16:00", "21:30")],
    ),
    (
        "tikob-skole-gymnastiksal",
        "Tikøb Skole, gymnastiksal",
        "Tikøb School gym",
        "gym",
        "tikob",
        "Tikøb Skolevej 2",
        50,
        250,
        {"step_free_access"},
        False,
        False,
        [(WEEKDAYS, "16:30", "21:00")],
    ),
    (
        "kulturhuset-lokale-1",
        "Kulturværftet, mødelokale 1",
        "Kulturværftet, meeting room 1",
        "meeting_room",
        "helsingor",
        "Allegade 2",
        20,
        45,
        {"step_free_access", "accessible_toilet", "hearing_loop"},
        False,
        True,
        [(WEEKDAYS, "08:00", "12:00"), (WEEKDAYS, "13:00", "22:00"), (WEEKEND, "10:00", "17:00")],
    ),
    (
        "kulturhuset-lokale-2",
        "Kulturværftet, mødelokale 2",
        "Kulturværftet, meeting room 2",
        "meeting_room",
        "helsingor",
        "Allegade 2",
        12,
        30,
        {"step_free_access", "accessible_toilet", "hearing_loop"},
        False,
        True,
        [(WEEKDAYS, "08:00", "22:00")],
    ),
    (
        "kulturhuset-salen",
        "Kulturværftet, salen",
        "Kulturværftet, the hall",
        "event_hall",
        "helsingor",
        "Allegade 2",
        150,
        260,
        {"step_free_access", "accessible_toilet", "hearing_loop", "disabled_parking"},
        True,
        True,
        [(WEEKDAYS, "17:00", "23:00"), (WEEKEND, "10:00", "23:00")],
    ),
    (
        "espergaerde-medborgerhus",
        "Espergærde Medborgerhus",
        "Espergærde Community House",
        "event_hall",
        "espergaerde",
        "Stationsvej 24",
        100,
        180,
        {"step_free_access", "accessible_toilet"},
        True,
        True,
        [(WEEKDAYS, "09:00", "22:00"), (WEEKEND, "10:00", "23:00")],
    ),
    (
        "aalsgaarde-forsamlingshus",
        "Ålsgårde Forsamlingshus",
        "Ålsgårde Village Hall",
        "event_hall",
        "aalsgaarde",
        "Hellebækvej 60",
        80,
        150,
        set(),
        True,
        True,
        [(WEEKDAYS, "10:00", "22:00"), (WEEKEND, "10:00", "23:00")],
    ),
    (
        "hellebaek-klublokale",
        "Hellebæk Klublokale",
        "Hellebæk Club Room",
        "meeting_room",
        "hellebaek",
        "Nordre Strandvej 175",
        25,
        50,
        {"step_free_access"},
        False,
        False,
        [(range(7), "09:00", "21:00")],
    ),
    (
        "kvistgaard-boldbane",
        "Kvistgård Stadion, bane 2",
        "Kvistgård Stadium, pitch 2",
        "outdoor_pitch",
        "kvistgaard",
        "Kvistgårdvej 25",
        60,
        6000,
        set(),
        False,
        False,
        [(range(7), "08:00", "21:00")],
    ),
    (
        "helsingor-stadion-kunstgraes",
        "Helsingør Stadion, kunstgræsbane",
        "Helsingør Stadium, artificial pitch",
        "outdoor_pitch",
        "helsingor",
        "Romertoften 11",
        100,
        7000,
        {"disabled_parking"},
        False,
        False,
        [(WEEKDAYS, "15:00", "22:00"), (WEEKEND, "08:00", "20:00")],
    ),
    (
        "snekkersten-vaerksted",
        "Snekkersten Skole, sløjdværksted",
        "Snekkersten School woodwork room",
        "workshop",
        "snekkersten",
        "Agnetevej 1",
        16,
        90,
        {"step_free_access"},
        True,
        False,
        [(WEEKDAYS, "16:00", "21:00")],
    ),
    (
        "hornbaek-bibliotek-moedelokale",
        "Hornbæk Bibliotek, mødelokale",
        "Hornbæk Library meeting room",
        "meeting_room",
        "hornbaek",
        "Vestre Stejlebakke 2A",
        30,
        60,
        {"step_free_access", "accessible_toilet", "hearing_loop"},
        False,
        True,
        [(range(6), "10:00", "20:00")],
    ),
]

# Approximate positions, for the map.
COORDINATES = {
    "helsingor-hallen": (56.0285, 12.5796),
    "snekkersten-idraetscenter": (56.0010, 12.5890),
    "espergaerde-idraetscenter": (55.9935, 12.5530),
    "hornbaek-skole-gymnastiksal": (56.0905, 12.4560),
    "tikob-skole-gymnastiksal": (56.0205, 12.4670),
    "kulturhuset-lokale-1": (56.0395, 12.6190),
    "kulturhuset-lokale-2": (56.0397, 12.6193),
    "kulturhuset-salen": (56.0393, 12.6187),
    "espergaerde-medborgerhus": (55.9950, 12.5470),
    "aalsgaarde-forsamlingshus": (56.0725, 12.5360),
    "hellebaek-klublokale": (56.0680, 12.5590),
    "kvistgaard-boldbane": (55.9960, 12.4890),
    "helsingor-stadion-kunstgraes": (56.0250, 12.5900),
    "snekkersten-vaerksted": (56.0015, 12.5880),
    "hornbaek-bibliotek-moedelokale": (56.0920, 12.4620),
}

DEMO_ASSOCIATIONS = [
    ("espergaerde-spejderne", "Espergærde Spejderne"),
    ("helsingoer-badmintonklub", "Helsingør Badmintonklub"),
]

# Weekly bookings of the demo associations: (facility slug, association slug, weekday, start, end, purpose, public)
WEEKLY = [
    ("espergaerde-idraetscenter", "espergaerde-spejderne", 1, "18:00", "20:00", "Spejdermøde i hallen", True),
    ("kulturhuset-lokale-1", "espergaerde-spejderne", 3, "19:00", "21:00", "Ledermøde", False),
    ("helsingor-hallen", "helsingoer-badmintonklub", 0, "17:00", "20:00", "Badmintontræning", True),
    ("helsingor-hallen", "helsingoer-badmintonklub", 2, "17:00", "20:00", "Badmintontræning", True),
    ("snekkersten-idraetscenter", "helsingoer-badmintonklub", 5, "10:00", "13:00", "Ungdomsturnering", True),
    ("kvistgaard-boldbane", "espergaerde-spejderne", 6, "10:00", "12:00", "Friluftsdag", False),
]


def _seed_associations(user) -> dict[str, Association]:
    associations = {}
    for slug, name in DEMO_ASSOCIATIONS:
        association, _ = Association.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "status": Association.Status.APPROVED,
                "approved_at": timezone.now(),
                "contact_email": "forening@example.org",
            },
        )
        Membership.objects.get_or_create(user=user, association=association, defaults={"role": Membership.Role.ADMIN})
        associations[slug] = association
    return associations


def _seed_facility(row) -> Facility:
    slug, name_da, name_en, kind, town, address, capacity, area, features, approval, citizens, hours = row
    facility, created = Facility.objects.update_or_create(
        slug=slug,
        defaults={
            "name_da": name_da,
            "name_en": name_en,
            "kind": kind,
            "town": town,
            "address": address,
            "capacity": capacity,
            "area_m2": area,
            "latitude": COORDINATES[slug][0],
            "longitude": COORDINATES[slug][1],
            "description_da": f"{name_da} kan lånes af foreninger i Helsingør Kommune.",
            "description_en": f"Associations in Helsingør Municipality can borrow {name_en}.",
            "step_free_access": "step_free_access" in features,
            "accessible_toilet": "accessible_toilet" in features,
            "hearing_loop": "hearing_loop" in features,
            "disabled_parking": "disabled_parking" in features,
            "needs_approval": approval,
            "bookable_by": Facility.BookableBy.EVERYONE if citizens else Facility.BookableBy.ASSOCIATIONS,
            "price_per_hour": 250 if citizens else None,
            "access": Facility.Access.DOOR_CODE if kind == "meeting_room" else Facility.Access.KEY_PICKUP,
            "access_info_da": "Koden til hoveddøren sendes dagen før."
            if kind == "meeting_room"
            else "Nøglen hentes hos halinspektøren senest kl. 15 samme dag.",
            "access_info_en": "The code for the main door is sent the day before."
            if kind == "meeting_room"
            else "Pick up the key from the caretaker by 15:00 on the day.",
            "house_rules_da": "Ryd op efter jer, og efterlad lokalet, som I fandt det.",
            "house_rules_en": "Tidy up and leave the room as you found it.",
            "contact_name": "Kultur og Fritid",
            "contact_email": "fritid@example.org",
            "contact_phone": "49 28 28 28",
            "min_duration": 60,
            "max_duration": 360 if kind in {"event_hall", "outdoor_pitch"} else 240,
            "start_step": 30,
            "buffer_after": 30 if kind == "event_hall" else 0,
            "min_lead_time": 24,
            "max_horizon": 180,
            "cancellation_deadline": 48,
        },
    )
    if created or not facility.opening_hours.exists():
        for weekdays, opens, closes in hours:
            for weekday in weekdays:
                OpeningHours.objects.create(
                    facility=facility,
                    weekday=weekday,
                    opens=dt.time.fromisoformat(opens),
                    closes=dt.time.fromisoformat(closes),
                )
    return facility


def public_holidays(year: int) -> list[tuple[str, dt.date, dt.date]]:
    """The days the municipality's halls are closed in `year`: (reason, first day, last day)."""
    easter = easter_sunday(year)
    return [
        ("Påske", easter - dt.timedelta(days=3), easter + dt.timedelta(days=1)),
        ("Kristi himmelfartsdag", easter + dt.timedelta(days=39), easter + dt.timedelta(days=39)),
        ("Pinse", easter + dt.timedelta(days=49), easter + dt.timedelta(days=50)),
        ("Grundlovsdag", dt.date(year, 6, 5), dt.date(year, 6, 5)),
        ("Jul", dt.date(year, 12, 24), dt.date(year, 12, 26)),
        ("Nytår", dt.date(year, 12, 31), dt.date(year + 1, 1, 1)),
    ]


def _seed_holiday_closures(facilities: Iterable[Facility], *, today: dt.date) -> None:
    """Every demo facility is closed on the public holidays of the coming year, as the municipality's halls are."""
    holidays = [
        (reason, first, last)
        for year in (today.year, today.year + 1)
        for reason, first, last in public_holidays(year)
        if last >= today and first <= today + dt.timedelta(days=400)
    ]
    for facility in facilities:
        for reason, first, last in holidays:
            Closure.objects.get_or_create(
                facility=facility,
                reason=reason,
                start=local_datetime(first, dt.time(0)),
                defaults={"end": local_datetime(last + dt.timedelta(days=1), dt.time(0))},
            )


def seed(*, stdout) -> None:
    # Municipal staff keep the facilities and decide on bookings in the admin.
    staff, _ = Group.objects.get_or_create(name="Kommunale medarbejdere")
    staff.permissions.add(*Permission.objects.filter(content_type__app_label="facilities"))
    user = demo_user("forening@example.org")
    associations = _seed_associations(user)
    facilities = {row[0]: _seed_facility(row) for row in FACILITIES}

    today = timezone.localdate()
    _seed_holiday_closures(facilities.values(), today=today)
    christmas = dt.date(today.year if today.month < 12 or today.day < 27 else today.year + 1, 12, 23)
    for slug in ("helsingor-hallen", "espergaerde-idraetscenter"):
        Closure.objects.get_or_create(
            facility=facilities[slug],
            reason="Juleferie",
            defaults={
                "start": local_datetime(christmas, dt.time(0)),
                "end": local_datetime(christmas + dt.timedelta(days=10), dt.time(0)),
            },
        )

    created = 0
    for slug, association_slug, weekday, start, end, purpose, public in WEEKLY:
        facility = facilities[slug]
        for week in range(1, 7):
            day = today + dt.timedelta(days=(weekday - today.weekday()) % 7 + 7 * week)
            start_at = local_datetime(day, dt.time.fromisoformat(start))
            if Booking.objects.filter(facility=facility, start=start_at).exists():
                continue
            try:
                services.booking_request(
                    facility=facility,
                    user=user,
                    association=associations[association_slug],
                    start=start_at,
                    end=local_datetime(day, dt.time.fromisoformat(end)),
                    purpose=purpose,
                    attendees=min(facility.capacity, 25),
                    is_public=public,
                    notify_booker=False,
                )
                created += 1
            except services.BookingRefused:
                # A closure (Christmas) or an earlier demo booking is in the way; the demo simply skips that date.
                continue
    stdout.write(f"Facilities: {len(facilities)} facilities, {created} new demo bookings.")
