"""Municipal-scale data for the benchmark: bulk inserts in batches, valid rows for every app.

Runs inside a configured Django (the harness points DATABASE_URL at `portal_bench` before `django.setup()`). Lookups
(categories, advice topics) come from the apps' demo data; everything else is generated here with `bulk_create`. Search vectors are generated columns and fill themselves from the stored search terms.
"""

import datetime as dt
import random
from collections.abc import Iterable
from decimal import Decimal

from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

BATCH = 2000

# The counts at scale 1; `--scale` multiplies each of them.
COUNTS = {
    "users": 5_000,
    "associations": 10_000,
    "activities": 100_000,
    "volunteer_roles": 5_000,
    "facilities": 300,
    "bookings": 200_000,
    "grant_schemes": 60,
    "grant_applications": 20_000,
    "stories": 2_000,
    "advice_requests": 5_000,
    "ideas": 5_000,
}

TOWNS = ["helsingor", "snekkersten", "espergaerde", "tikob", "hornbaek", "hellebaek", "aalsgaarde", "kvistgaard"]
TOWN_NAMES = ["Helsingør", "Snekkersten", "Espergærde", "Tikøb", "Hornbæk", "Hellebæk", "Ålsgårde", "Kvistgård"]
KINDS = ["Skakklub", "Roklub", "Spejdergruppe", "Kor", "Idrætsforening", "Motionsklub", "Bridgeklub", "Sejlklub",
         "Fodboldklub", "Håndboldklub", "Seniorklub", "Besøgsvenner", "Lektiecafé", "Naturforening", "Teaterforening",
         "Borgerforening", "Svømmeklub", "Løbeklub", "Gymnastikforening", "Kunstforening"]  # fmt: skip
WORDS = ["fællesskab", "frivillig", "forening", "træning", "børn", "unge", "ældre", "natur", "kultur", "musik", "idræt", "hjælp", "samvær", "hygge", "strand", "skov", "havn", "kronborg", "bibliotek", "sang", "dans", "løb", "svømning", "cykel", "tur", "madlavning", "lektier", "sprog", "venskab", "nabo", "besøg"]  # fmt: skip
TARGET_GROUPS = ["children", "youth", "adults", "seniors", "families", "disabilities", "newcomers", "everyone"]


def scaled(name: str, scale: float) -> int:
    return max(1, round(COUNTS[name] * scale))


def text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def insert(model, rows: Iterable, *, stdout=None, label: str = "", keep: bool = True) -> list:
    """bulk_create in batches; returns the created objects (with primary keys, on Postgres).

    With keep=False only the count is kept (as a list of None), so the largest tables do not sit in memory.
    """
    created, batch = [], []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            made = model.objects.bulk_create(batch, batch_size=BATCH)
            created += made if keep else [None] * len(made)
            batch = []
    if batch:
        made = model.objects.bulk_create(batch, batch_size=BATCH)
        created += made if keep else [None] * len(made)
    if stdout and label:
        stdout.write(f"  {label}: {len(created):,}\n")
        stdout.flush()
    return created


def generate(*, scale: float, stdout, seed: int = 9) -> dict[str, int]:
    """Fill the (migrated, demo-seeded) database. Returns the number of rows made per kind."""
    rng = random.Random(seed)
    made: dict[str, int] = {}
    with transaction.atomic():
        _lookups()
        users = _users(rng, scale, stdout)
        associations = _associations(rng, scale, users, stdout)
        made["associations"] = len(associations)
        made["activities"] = _activities(rng, scale, associations, stdout)
        made["volunteer_roles"] = _roles(rng, scale, associations, stdout)
        made["grant_applications"], made["grant_schemes"] = _grants(rng, scale, users, associations, stdout)
        made["stories"] = _stories(rng, scale, users, associations, stdout)
        made["advice_requests"] = _advice(rng, scale, users, stdout)
        made["ideas"] = _ideas(rng, scale, users, associations, stdout)
        if apps.is_installed("facilities"):
            made["facilities"], made["bookings"] = _facilities(rng, scale, users, associations, stdout)
    # As autovacuum would leave a database that has been running a while: statistics for the planner, and a
    # visibility map so that index-only scans need not visit the table (a bulk load leaves none).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return made


def _lookups() -> None:
    """The staff-kept lists the rows refer to, from the apps' demo data (idempotent; a few rows)."""
    from advisory.demo import TOPICS
    from advisory.models import Topic
    from associations.demo import _seed_categories

    _seed_categories()
    for position, topic in enumerate(TOPICS):
        fields = {key: value for key, value in topic.items() if key not in ("slug", "guides")}
        Topic.objects.update_or_create(slug=topic["slug"], defaults={**fields, "position": position})


def _users(rng, scale, stdout) -> list:
    from portal.models import User

    count = max(20, scaled("users", scale))
    rows = (
        User(email=f"bench{i}@example.org", full_name=f"Bench Person {i}", password="!unusable") for i in range(count)
    )
    return insert(User, rows, stdout=stdout, label="users")


def _associations(rng, scale, users, stdout) -> list:
    from associations.models import Association, AssociationTargetGroup, AssociationTown, Category, Membership

    count = scaled("associations", scale)
    now = timezone.now()

    def rows():
        for i in range(count):
            town = rng.randrange(len(TOWNS))
            name = f"{TOWN_NAMES[town]} {rng.choice(KINDS)} {i}"
            approved = rng.random() < 0.9
            yield Association(
                name=name,
                slug=slugify(f"bench {name}"),
                kind=rng.choice(["folkeoplysende", "social", "cultural", "network", "other"]),
                description=text(rng, 40),
                meeting_place=f"{rng.choice(WORDS).capitalize()}vej {rng.randint(1, 99)}, {TOWN_NAMES[town]}",
                min_age=rng.choice([None, 6, 12, 18, 60]),
                contact_email=f"kontakt{i}@example.org",
                status="approved" if approved else rng.choice(["pending", "hidden"]),
                approved_at=now if approved else None,
                created_at=now - dt.timedelta(days=rng.randint(0, 3000)),
            )

    associations = insert(Association, rows(), stdout=stdout, label="associations")
    categories = list(Category.objects.values_list("pk", flat=True))
    through = Association.categories.through
    links = set()
    for association in associations:
        for category in rng.sample(categories, k=min(len(categories), rng.randint(1, 2))):
            links.add((association.pk, category))
    insert(through, (through(association_id=a, category_id=c) for a, c in links))
    insert(
        AssociationTown,
        (
            AssociationTown(association=a, town=town)
            for a in associations
            for town in rng.sample(TOWNS, k=rng.randint(1, 2))
        ),
    )
    insert(
        AssociationTargetGroup,
        (
            AssociationTargetGroup(association=a, group=group)
            for a in associations
            for group in rng.sample(TARGET_GROUPS, k=rng.randint(1, 2))
        ),
    )
    # As the profile form does, so the search finds them by their categories, target groups and towns.
    from associations.services import association_search_terms_refresh

    association_search_terms_refresh(associations=Association.objects.filter(pk__in=[a.pk for a in associations]))
    insert(
        Membership,
        (Membership(user=rng.choice(users), association=a, role="admin") for a in associations),
        stdout=stdout,
        label="memberships",
    )
    return [a for a in associations if a.status == "approved"]


def _activities(rng, scale, associations, stdout) -> int:
    from associations.models import Activity

    count = scaled("activities", scale)
    today = timezone.localdate()

    def rows():
        for i in range(count):
            association = rng.choice(associations)
            hour = rng.randint(8, 20)
            weekly = i % 3 == 0
            starts_on = today + dt.timedelta(days=rng.randint(-365, 365))
            weekday = rng.randrange(7) if weekly else None
            exceptions = []
            if weekly and rng.random() < 0.05:
                # Some weekly activities are cancelled on a date or three (holidays); past ones stay in the list.
                next_date = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
                weeks = rng.sample(range(-8, 13), rng.randint(1, 3))
                exceptions = sorted((next_date + dt.timedelta(weeks=week)).isoformat() for week in weeks)
            yield Activity(
                association=association,
                title=f"{rng.choice(WORDS).capitalize()} og {rng.choice(WORDS)}",
                description=text(rng, 25),
                kind="weekly" if weekly else "once",
                starts_on=starts_on if not weekly else today - dt.timedelta(days=rng.randint(0, 365)),
                ends_on=(today + dt.timedelta(days=rng.randint(30, 365))) if weekly else None,
                weekday=weekday,
                exceptions=exceptions,
                start_time=dt.time(hour, 0),
                end_time=dt.time(hour + 1, 30),
                place=f"{rng.choice(WORDS).capitalize()}huset",
                town=rng.choice(TOWNS),
                min_age=rng.choice([None, None, 6, 10, 18, 60]),
                price=rng.choice([None, None, Decimal("50.00"), Decimal("250.00")]),
                good_for_newcomers=rng.random() < 0.2,
            )

    return len(insert(Activity, rows(), stdout=stdout, label="activities", keep=False))


def _roles(rng, scale, associations, stdout) -> int:
    from associations.models import MunicipalUnit, VolunteerRole

    units = insert(
        MunicipalUnit,
        (
            MunicipalUnit(name=f"Bench plejecenter {i}", slug=f"bench-plejecenter-{i}", email=f"unit{i}@example.org")
            for i in range(10)
        ),
    )
    count = scaled("volunteer_roles", scale)

    def rows():
        for i in range(count):
            by_unit = i % 10 == 0
            yield VolunteerRole(
                association=None if by_unit else rng.choice(associations),
                municipal_unit=rng.choice(units) if by_unit else None,
                title=f"Frivillig til {rng.choice(WORDS)}",
                description=text(rng, 30),
                time_commitment="2 timer om ugen",
                town=rng.choice(TOWNS),
                child_certificate_required=rng.random() < 0.3,
                status="open" if rng.random() < 0.85 else "closed",
            )

    return len(insert(VolunteerRole, rows(), stdout=stdout, label="volunteer roles", keep=False))


def _grants(rng, scale, users, associations, stdout) -> tuple[int, int]:
    from grants.models import Application, GrantScheme, Round

    now = timezone.now()
    schemes = insert(
        GrantScheme,
        (
            GrantScheme(
                title_da=f"Pulje for {rng.choice(WORDS)} {i}",
                title_en=f"Fund for {i}",
                slug=f"bench-pulje-{i}",
                status="published" if i % 6 else "archived",
                summary_da=text(rng, 30),
                description_da=text(rng, 120),
                amount_min=Decimal("1000"),
                amount_max=Decimal("50000"),
            )
            for i in range(scaled("grant_schemes", scale))
        ),
        stdout=stdout,
        label="grant schemes",
    )
    rounds = []
    for scheme in schemes:
        for k in range(4):
            opens = now + dt.timedelta(days=-540 + 180 * k)
            rounds.append(
                Round(scheme=scheme, name_da=f"Runde {k + 1}", opens_at=opens, deadline=opens + dt.timedelta(days=90))
            )
    rounds = insert(Round, rounds, stdout=stdout, label="grant rounds")
    statuses = ["submitted", "under_review", "granted", "partly_granted", "declined", "draft", "withdrawn"]

    def rows():
        for _ in range(scaled("grant_applications", scale)):
            round_ = rng.choice(rounds)
            status = rng.choice(statuses)
            requested = Decimal(rng.randint(2, 50) * 1000)
            granted = requested if status == "granted" else requested / 2 if status == "partly_granted" else None
            association = rng.choice(associations)
            yield Application(
                scheme_id=round_.scheme_id,
                round=round_,
                applicant=rng.choice(users),
                organisation_name=association.name,
                contact_name="Bench Person",
                contact_email="ansoeger@example.org",
                title=f"Projekt om {rng.choice(WORDS)}",
                description=text(rng, 60),
                amount_requested=requested,
                status=status,
                submitted_at=None if status == "draft" else round_.opens_at + dt.timedelta(days=10),
                amount_granted=granted,
                decided_on=(round_.deadline + dt.timedelta(days=30)).date() if granted is not None else None,
            )

    return len(insert(Application, rows(), stdout=stdout, label="grant applications", keep=False)), len(schemes)


def _stories(rng, scale, users, associations, stdout) -> int:
    from associations.models import Category
    from recognition.models import Story, StoryTown

    now = timezone.now()
    stories = insert(
        Story,
        (
            Story(
                title=f"Historien om {rng.choice(WORDS)} {i}",
                slug=f"bench-historie-{i}",
                teaser=text(rng, 15)[:200],
                body=text(rng, 200),
                author=rng.choice(users),
                consent_confirmed=True,
                status="published",
                submitted_at=now - dt.timedelta(days=i % 700 + 1),
                published_at=now - dt.timedelta(days=i % 700),
            )
            for i in range(scaled("stories", scale))
        ),
        stdout=stdout,
        label="stories",
    )
    through = Story.associations.through
    insert(through, (through(story_id=s.pk, association_id=rng.choice(associations).pk) for s in stories))
    # A story is about one or two towns and one or two of the shared categories.
    insert(StoryTown, (StoryTown(story_id=s.pk, town=town) for s in stories for town in rng.sample(TOWNS, 2)))
    category_ids = list(Category.objects.values_list("pk", flat=True))
    if category_ids:
        categories = Story.categories.through
        insert(
            categories,
            (
                categories(story_id=s.pk, category_id=category_id)
                for s in stories
                for category_id in rng.sample(category_ids, min(2, len(category_ids)))
            ),
        )
    return len(stories)


def _advice(rng, scale, users, stdout) -> int:
    from advisory.models import AdviceRequest, Topic

    topics = list(Topic.objects.all())
    now = timezone.now()

    def rows():
        for _ in range(scaled("advice_requests", scale)):
            status = rng.choice(["new", "assigned", "waiting", "answered", "closed"])
            created = now - dt.timedelta(days=rng.randint(0, 700))
            yield AdviceRequest(
                topic=rng.choice(topics),
                asker=rng.choice(users),
                subject=f"Spørgsmål om {rng.choice(WORDS)}",
                question=text(rng, 50),
                status=status,
                created_at=created,
                closed_at=created + dt.timedelta(days=5) if status == "closed" else None,
                outcome="resolved" if status == "closed" else "",
                waiting_since=created if status in ("new", "assigned") else None,
            )

    return len(insert(AdviceRequest, rows(), stdout=stdout, label="advice requests", keep=False))


def _ideas(rng, scale, users, associations, stdout) -> int:
    from associations.models import Category
    from dialogue.models import Idea, IdeaTown

    now = timezone.now()
    statuses = ["new", "considering", "in_progress", "realised", "not_pursued"]
    ideas = insert(
        Idea,
        (
            Idea(
                title=f"Idé: mere {rng.choice(WORDS)}",
                description=text(rng, 60),
                proposer=rng.choice(users),
                association=rng.choice(associations) if rng.random() < 0.3 else None,
                status=(status := rng.choice(statuses)),
                staff_response="" if status == "new" else text(rng, 20),
                responded_at=None if status == "new" else now - dt.timedelta(days=rng.randint(0, 300)),
                created_at=now - dt.timedelta(days=rng.randint(0, 700)),
            )
            for _ in range(scaled("ideas", scale))
        ),
        stdout=stdout,
        label="ideas",
    )
    insert(IdeaTown, (IdeaTown(idea=idea, town=rng.choice(TOWNS)) for idea in ideas))
    categories = list(Category.objects.values_list("pk", flat=True))
    through = Idea.categories.through
    insert(through, (through(idea_id=idea.pk, category_id=rng.choice(categories)) for idea in ideas))
    return len(ideas)


OPENS, CLOSES = 8, 22  # every facility is open 08-22 every day; a booking is one of the 2-hour slots
CONTENTION_FACILITIES = 3


def _facilities(rng, scale, users, associations, stdout) -> tuple[int, int]:
    from facilities.models import Booking, Facility, OpeningHours

    kinds = ["sports_hall", "gym", "meeting_room", "event_hall", "outdoor_pitch", "workshop"]
    count = max(CONTENTION_FACILITIES, scaled("facilities", scale))
    facilities = insert(
        Facility,
        (
            Facility(
                name_da=f"Bench {rng.choice(['hal', 'sal', 'mødelokale', 'værksted'])} {i}",
                slug=f"bench-lokale-{i}",
                kind=rng.choice(kinds),
                description_da=text(rng, 40),
                address=f"{rng.choice(WORDS).capitalize()}vej {i % 90 + 1}",
                town=rng.choice(TOWNS),
                capacity=rng.choice([12, 30, 80, 200]),
                step_free_access=rng.random() < 0.6,
                # The first few take the contention scenario: anyone signed in may book, at once, an hour ahead.
                bookable_by="everyone" if i < CONTENTION_FACILITIES or rng.random() < 0.3 else "associations",
                needs_approval=False if i < CONTENTION_FACILITIES else rng.random() < 0.3,
                start_step=60,
                min_lead_time=1,
                max_horizon=365,
            )
            for i in range(count)
        ),
        stdout=stdout,
        label="facilities",
    )
    insert(
        OpeningHours,
        (
            OpeningHours(facility=f, weekday=day, opens=dt.time(OPENS), closes=dt.time(CLOSES))
            for f in facilities
            for day in range(7)
        ),
        stdout=stdout,
        label="opening hours",
    )
    tz = timezone.get_default_timezone()
    today = timezone.localdate()
    slots = [(day, hour) for day in range(-365, 365) for hour in range(OPENS, CLOSES, 2)]
    per_facility = max(1, scaled("bookings", scale) // len(facilities))

    def rows():
        for facility in facilities:
            for day, hour in rng.sample(slots, k=min(per_facility, len(slots))):
                start = dt.datetime.combine(today + dt.timedelta(days=day), dt.time(hour), tzinfo=tz)
                end = start + dt.timedelta(hours=2)
                association = rng.choice(associations) if rng.random() < 0.8 else None
                yield Booking(
                    facility=facility,
                    association=association,
                    booked_by=rng.choice(users),
                    start=start,
                    end=end,
                    span_start=start,
                    span_end=end,
                    purpose=f"Træning for {rng.choice(WORDS)}",
                    attendees=10,
                    status="confirmed" if rng.random() < 0.9 else "cancelled",
                )

    return len(facilities), len(insert(Booking, rows(), stdout=stdout, label="bookings", keep=False))


def facility_plan(*, sessions) -> dict:
    """What the facility scenarios need: slugs, weeks to ask about, and signed-in people to book with."""
    from facilities.models import Facility
    from portal.models import User

    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    weeks = [(monday + dt.timedelta(weeks=k), monday + dt.timedelta(weeks=k, days=6)) for k in range(-4, 8)]
    contention = list(Facility.objects.filter(slug__startswith="bench-lokale-").order_by("pk")[:CONTENTION_FACILITIES])
    people = list(User.objects.filter(email__startswith="bench").order_by("pk")[:40])
    days = [today + dt.timedelta(days=k) for k in range(2, 9)]
    offset = dt.datetime.combine(days[0], dt.time(12), tzinfo=timezone.get_default_timezone()).strftime("%z")
    return {
        "facility_slugs": list(Facility.objects.filter(is_active=True).values_list("slug", flat=True)[:500]),
        "availability_weeks": [(str(first), str(last)) for first, last in weeks],
        "booking": {
            "facilities": [f.slug for f in contention],
            "sessions": sessions(people),
            "days": [str(day) for day in days],
            # Local time: the offset of the first day (a change to or from summer time inside the week is rare and
            # only turns some requests into refusals of a non-aligned start).
            "utc_offset": f"{offset[:3]}:{offset[3:]}",
            "first_hour": OPENS,
            "last_hour": CLOSES - 1,
        },
    }
