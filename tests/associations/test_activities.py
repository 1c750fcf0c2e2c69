import datetime as dt
import html
import itertools
import random
import re
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from associations import selectors
from associations.models import Activity, Membership
from tests.factories.associations import ActivityFactory, AssociationFactory, CategoryFactory, MembershipFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2027, 3, 1)


def test_a_weekly_activity_takes_place_every_week_except_on_cancelled_dates():
    activity = ActivityFactory.build(
        kind=Activity.Kind.WEEKLY,
        weekday=2,
        starts_on=MONDAY,
        ends_on=MONDAY + dt.timedelta(days=30),
        exceptions=["2027-03-10"],
    )
    assert activity.occurrences(MONDAY, MONDAY + dt.timedelta(days=60)) == [
        dt.date(2027, 3, 3),
        dt.date(2027, 3, 17),
        dt.date(2027, 3, 24),
        dt.date(2027, 3, 31),
    ]


def test_a_one_off_activity_takes_place_once():
    activity = ActivityFactory.build(starts_on=MONDAY)
    assert activity.occurrences(MONDAY, MONDAY) == [MONDAY]
    assert activity.occurrences(MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=9)) == []


def test_the_calendar_lists_each_date_of_a_recurring_activity(client):
    today = timezone.localdate() + dt.timedelta(days=1)
    ActivityFactory(title="Ugentlig skak", kind=Activity.Kind.WEEKLY, weekday=today.weekday(), starts_on=today)
    ActivityFactory(title="Sommerfest", starts_on=today + dt.timedelta(days=2))
    response = client.get(
        reverse("associations:activity-list"),
        {"start": today.isoformat(), "end": (today + dt.timedelta(days=20)).isoformat()},
    )
    # The page lists (date, activity id) pairs; the cards read the activities.
    occurrences = selectors.occurrences_load(response.context["page"].dates)
    titles = [o.activity.title for o in occurrences]
    assert titles.count("Ugentlig skak") == 3
    assert titles.count("Sommerfest") == 1
    assert [o.date for o in occurrences] == sorted(o.date for o in occurrences)


def test_the_calendar_pages_to_later_and_earlier_dates_with_its_filters(client):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for n in range(25):
        ActivityFactory(title=f"Løb {n:02d}", starts_on=tomorrow, town="hornbaek")
    ActivityFactory(title="Andet sted", starts_on=tomorrow, town="helsingor")
    url = reverse("associations:activity-list")
    link = lambda page, rel: html.unescape(re.search(f'href="\\?([^"]+)" rel="{rel}"', page.text)[1])  # noqa: E731
    ids = lambda page: [key.activity_id for key in page.context["page"].dates]  # noqa: E731
    first = client.get(url, {"start": tomorrow.isoformat(), "town": "hornbaek"})
    assert 'rel="prev"' not in first.text
    assert "Senere aktiviteter" in first.text
    second = client.get(f"{url}?{link(first, 'next')}")
    assert "town=hornbaek" in link(first, "next")
    assert 'rel="next"' not in second.text
    assert len(ids(first)) == 20 and len(ids(second)) == 5
    assert sorted(ids(first) + ids(second)) == sorted(
        Activity.objects.filter(town="hornbaek").values_list("pk", flat=True)
    )
    back = client.get(f"{url}?{link(second, 'prev')}")
    assert ids(back) == ids(first)
    assert 'rel="prev"' not in back.text
    # The calendar subscription is for the filters, not for the page.
    assert "efter=" not in re.search(r'href="(/aktiviteter/kalender.ics[^"]*)"', second.text)[1]


@pytest.mark.parametrize("position", ["abc", "2027-02-30.5", "2027-01-01.99999999999999999999", "2027-01-01.-1", ""])
def test_a_paging_link_that_is_not_one_shows_the_first_page(client, position):
    ActivityFactory(title="Sommerfest", starts_on=timezone.localdate() + dt.timedelta(days=1))
    for name in ("efter", "inden", "side"):
        response = client.get(reverse("associations:activity-list"), {name: position})
        assert response.status_code == 200
        assert "Sommerfest" in response.text
        assert 'rel="prev"' not in response.text


def test_a_page_after_an_activity_deleted_since_starts_at_its_date(client):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    gone = ActivityFactory(title="Aflyst", starts_on=tomorrow)
    ActivityFactory(title="Samme dag", starts_on=tomorrow, start_time=dt.time(23, 0))
    ActivityFactory(title="Dagen efter", starts_on=tomorrow + dt.timedelta(days=1))
    position = f"{tomorrow.isoformat()}.{gone.pk}"
    gone.delete()
    later = client.get(reverse("associations:activity-list"), {"efter": position})
    assert ">Samme dag<" in later.text and ">Dagen efter<" in later.text
    # Before it: nothing, so the first page.
    earlier = client.get(reverse("associations:activity-list"), {"inden": position})
    assert ">Samme dag<" in earlier.text and 'rel="prev"' not in earlier.text


def test_the_calendar_filters(client):
    today = timezone.localdate() + dt.timedelta(days=1)
    sport = CategoryFactory(slug="sport")
    ActivityFactory(title="Gratis løb", town="espergaerde", association=AssociationFactory(categories=[sport]))
    ActivityFactory(title="Dyr vin", price=200, new_members_welcome=False, min_age=18)
    ActivityFactory(title="Sprogcafé", good_for_newcomers=True, min_age=16)

    def titles(**params):
        filters = selectors.ActivityFilters(start=today, end=today + dt.timedelta(days=10), **params)
        return sorted(o.activity.title for o in selectors.occurrences_upcoming(filters=filters))

    assert titles(town="espergaerde") == ["Gratis løb"]
    assert titles(category="sport") == ["Gratis løb"]
    assert titles(free=True) == ["Gratis løb", "Sprogcafé"]
    assert titles(new_members_welcome=True) == ["Gratis løb", "Sprogcafé"]
    assert titles(good_for_newcomers=True) == ["Sprogcafé"]
    assert titles(age=10) == ["Gratis løb"]


def test_the_calendar_has_a_clear_empty_state(client):
    response = client.get(reverse("associations:activity-list"), {"town": "tikob"})
    assert response.status_code == 200
    assert 'class="alert alert-info"' in response.text


def test_the_calendar_filter_refuses_an_end_before_its_start(client):
    response = client.get(reverse("associations:activity-list"), {"start": "2027-01-12", "end": "2027-01-10"})
    assert response.status_code == 200
    assert "Den sidste dato skal være samme dag som eller efter den første dato." in response.text
    assert "til 10. januar 2027" not in response.text
    assert 'value="2027-01-10"' in response.text


@pytest.fixture
def member(client):
    membership = MembershipFactory(role=Membership.Role.EDITOR)
    client.force_login(membership.user)
    return membership


# A Wednesday a few weeks ahead, so that the activity never lies in the past whenever the tests run.
FIRST = dt.date.today() + dt.timedelta(days=14 + (2 - dt.date.today().weekday()) % 7)


def _activity_data(**overrides):
    return {
        "title": "Ugentlig træning",
        "description": "Kom og vær med.",
        "kind": "weekly",
        "starts_on": FIRST.strftime("%d-%m-%Y"),
        "ends_on": (FIRST + dt.timedelta(days=120)).isoformat(),
        "weekday": "2",
        "start_time": "17:00",
        "end_time": "18:30",
        "exceptions": f"{(FIRST + dt.timedelta(days=7)).strftime('%d-%m-%Y')}\n{(FIRST + dt.timedelta(days=42)).isoformat()}",
        "place": "Hallen, 3000 Helsingør",
        "town": "helsingor",
        "price": "",
        "new_members_welcome": "on",
        "signup_url": "",
        **overrides,
    }


def test_members_add_a_weekly_activity(client, member):
    url = reverse("associations:activity-create", kwargs={"slug": member.association.slug})
    response = client.post(url, _activity_data())
    assert response.status_code == 302
    activity = member.association.activities.get()
    assert activity.kind == Activity.Kind.WEEKLY
    assert activity.exceptions == [
        (FIRST + dt.timedelta(days=7)).isoformat(),
        (FIRST + dt.timedelta(days=42)).isoformat(),
    ]
    assert activity.is_free


def test_a_one_off_activity_forgets_recurring_fields(client, member):
    url = reverse("associations:activity-create", kwargs={"slug": member.association.slug})
    assert client.post(url, _activity_data(kind="once")).status_code == 302
    activity = member.association.activities.get()
    assert (activity.weekday, activity.ends_on, activity.exceptions) == (None, None, [])


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"weekday": ""}, "weekday"),
        ({"end_time": "16:00"}, "end_time"),
        ({"ends_on": (FIRST - dt.timedelta(days=1)).isoformat()}, "ends_on"),
        ({"kind": "once", "starts_on": "01-01-2025"}, "starts_on"),
        ({"ends_on": "2025-01-01"}, "ends_on"),
        ({"starts_on": (FIRST + dt.timedelta(days=6)).isoformat()}, "starts_on"),
        ({"exceptions": "juleaften"}, "exceptions"),
        ({"price": "-5"}, "price"),
    ],
)
def test_bad_activity_input_is_explained_and_kept(client, member, overrides, field):
    url = reverse("associations:activity-create", kwargs={"slug": member.association.slug})
    response = client.post(url, _activity_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'value="Ugentlig træning"' in response.text
    assert not member.association.activities.exists()


def test_members_edit_and_delete_their_activities(client, member):
    activity = ActivityFactory(association=member.association)
    url = reverse("associations:activity-edit", kwargs={"slug": member.association.slug, "pk": activity.pk})
    assert client.post(url, _activity_data(title="Nyt navn", kind="once")).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Nyt navn"
    delete = reverse("associations:activity-delete", kwargs={"slug": member.association.slug, "pk": activity.pk})
    assert client.post(delete).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_an_activity_that_has_taken_place_can_still_be_corrected(client, member):
    past = dt.date.today() - dt.timedelta(days=10)
    activity = ActivityFactory(association=member.association, starts_on=past)
    url = reverse("associations:activity-edit", kwargs={"slug": member.association.slug, "pk": activity.pk})
    data = _activity_data(title="Rettet titel", kind="once", starts_on=past.isoformat())
    assert client.post(url, data).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Rettet titel"


def test_a_wrong_weekday_is_explained(client, member):
    url = reverse("associations:activity-create", kwargs={"slug": member.association.slug})
    friday = FIRST + dt.timedelta(days=2)
    response = client.post(url, _activity_data(starts_on=friday.isoformat()))
    assert "er en fredag, men aktiviteten foregår onsdag" in response.text


def test_dates_that_have_already_ended_today_are_left_out():
    noon = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(12, 0)))
    ActivityFactory(title="Slut", starts_on=noon.date(), start_time=dt.time(9, 0), end_time=dt.time(11, 59))
    ActivityFactory(title="Snart", starts_on=noon.date(), start_time=dt.time(12, 30), end_time=dt.time(14, 0))
    ActivityFactory(
        title="Ugentlig slut", kind=Activity.Kind.WEEKLY, weekday=noon.weekday(), starts_on=noon.date(),
        start_time=dt.time(8, 0), end_time=dt.time(10, 0),
    )  # fmt: skip
    with mock.patch("django.utils.timezone.now", return_value=noon):
        upcoming = selectors.occurrences_upcoming(filters=selectors.ActivityFilters())
        today = [o.activity.title for o in upcoming if o.date == noon.date()]
        soon = [o.activity.title for o in selectors.occurrences_soon(limit=1)]
    assert today == ["Snart"]
    assert soon == ["Snart"]
    assert len(upcoming) == 1 + 8  # "Snart", and the weekly one on the same weekday of each of the next 8 weeks


def _every_date_not_ended(filters: selectors.ActivityFilters) -> list[tuple[dt.date, int]]:
    """(date, activity id) of the filters' period by expanding every activity: what the counted pages must match."""
    start, end = filters.date_range()
    now = timezone.now()
    activities = selectors.activities_filtered(filters=filters)
    return [
        (o.date, o.activity.pk)
        for o in selectors.occurrences_expand(activities, start=start, end=end)
        if o.ends_at > now
    ]


def test_counted_pages_match_expanding_every_date_in_time_order():
    today = timezone.localdate()
    ActivityFactory(kind=Activity.Kind.WEEKLY, weekday=today.weekday(), starts_on=today - dt.timedelta(days=30))
    ActivityFactory(
        kind=Activity.Kind.WEEKLY,
        weekday=(today.weekday() + 2) % 7,
        starts_on=today,
        ends_on=today + dt.timedelta(days=25),
        exceptions=[(today + dt.timedelta(days=9)).isoformat(), "2001-01-01"],
        start_time=dt.time(9, 0),
    )
    ActivityFactory(kind=Activity.Kind.WEEKLY, weekday=4, starts_on=today + dt.timedelta(days=40), title="B")
    ActivityFactory(starts_on=today + dt.timedelta(days=2), title="A")
    ActivityFactory(starts_on=today + dt.timedelta(days=2), title="C", start_time=dt.time(8, 0))
    ActivityFactory(starts_on=today + dt.timedelta(days=99))
    filters = selectors.ActivityFilters()
    expected = _every_date_not_ended(filters)
    occurrences = selectors.occurrences_upcoming(filters=filters)
    assert len(occurrences) == len(expected)
    assert [(o.date, o.activity.pk) for o in occurrences] == expected
    for first in range(len(expected) + 1):
        assert [(o.date, o.activity.pk) for o in occurrences[first : first + 3]] == expected[first : first + 3]
    # The same dates unloaded, as the calendar pages them: (date, activity id) pairs, by slice or by index.
    unloaded = occurrences.unloaded()
    assert len(unloaded) == len(expected)
    assert [(key.date, key.activity_id) for key in unloaded[2:9]] == expected[2:9]
    assert (unloaded[-1].date, unloaded[-1].activity_id) == expected[-1]
    assert selectors.occurrences_load(unloaded[0:4]) == list(occurrences[0:4])


def _random_activities(seed: int) -> None:
    """Random one-off and weekly activities: some ended, some cancelled, some at the same time with titles that sort
    differently by code point and by collation, in two towns."""
    rng = random.Random(seed)
    today = timezone.localdate()
    association = AssociationFactory()
    titles = ["Æbler", "Ørne", "Åen", "abc", "Abc", "Zebra", "Ø-løb", "Café", "cafe"]
    for n in range(60):
        weekly = rng.random() < 0.5
        starts_on = today + dt.timedelta(days=rng.randint(-40 if weekly else 0, 50))
        ends_on = starts_on + dt.timedelta(days=rng.randint(0, 60)) if weekly and rng.random() < 0.5 else None
        exceptions = []
        if weekly and rng.random() < 0.4:
            exceptions = [(starts_on + dt.timedelta(days=7 * rng.randint(0, 8))).isoformat(), "2001-01-01"]
        ActivityFactory(
            association=association,
            title=f"{rng.choice(titles)} {n % 3}",
            kind=Activity.Kind.WEEKLY if weekly else Activity.Kind.ONCE,
            weekday=starts_on.weekday() if weekly else None,
            starts_on=starts_on,
            ends_on=ends_on,
            exceptions=exceptions,
            start_time=rng.choice([dt.time(0, 0), dt.time(10, 0), dt.time(10, 0), dt.time(18, 30)]),
            end_time=rng.choice([dt.time(0, 1), dt.time(23, 59)]),
            town=rng.choice(["helsingor", "hornbaek"]),
        )


# Built inside each test, so the far end is counted from the test's own (pinned) day.
RANDOM_FILTERS = {
    "all": lambda: selectors.ActivityFilters(),
    "120 days": lambda: selectors.ActivityFilters(end=timezone.localdate() + dt.timedelta(days=120)),
    "one town": lambda: selectors.ActivityFilters(town="hornbaek"),
}


@pytest.mark.parametrize("filters", RANDOM_FILTERS)
def test_counted_pages_match_expanding_every_date_for_dense_and_sparse_periods(filters):
    """Random activities compared page by page with a full expansion, for all of them and for one town (whose count
    must not lose the cancelled dates of the other's)."""
    filters = RANDOM_FILTERS[filters]()
    _random_activities(2026)
    expected = _every_date_not_ended(filters)
    occurrences = selectors.occurrences_upcoming(filters=filters)
    assert len(occurrences) == len(expected)
    for size in (1, 7, 20, 45):  # pages within one day, across a few days, and across many (sparse) days
        for first in range(0, len(expected) + 1, size):
            page = occurrences[first : first + size]
            assert [(o.date, o.activity.pk) for o in page] == expected[first : first + size]


@pytest.mark.parametrize("filters", RANDOM_FILTERS)
def test_pages_by_position_match_expanding_every_date_forwards_and_back(filters):
    """The portal's calendar pages: each page after the last date of the one before, and back again each before
    the first date of the one after, give the dates of a full expansion in order, each once."""
    filters = RANDOM_FILTERS[filters]()
    _random_activities(2027)
    expected = _every_date_not_ended(filters)
    occurrences = selectors.occurrences_upcoming(filters=filters)
    for size in (1, 7, 20, 45):
        pages = [selectors.calendar_page(occurrences, size=size)]
        while pages[-1].has_later and len(pages) <= len(expected):  # a page that repeats a date must not loop
            pages.append(selectors.calendar_page(occurrences, after=pages[-1].dates[-1], size=size))
        assert [tuple(key) for page in pages for key in page.dates] == expected
        assert not pages[0].has_earlier and all(page.has_earlier for page in pages[1:])
        for later, page in itertools.pairwise(pages[::-1]):
            if not page.dates:
                continue
            back = selectors.calendar_page(occurrences, before=later.dates[0], size=size)
            assert back == page


@pytest.mark.parametrize("spread_over_days", [3, 20])
def test_the_soonest_dates_match_the_first_page(spread_over_days):
    """The home page's shortcut (the first days, uncounted) gives what counting and slicing would."""
    today = timezone.localdate()
    for n in range(12):
        ActivityFactory(starts_on=today + dt.timedelta(days=1 + n * spread_over_days // 12), title=f"A{n:02d}")
    ActivityFactory(
        kind=Activity.Kind.WEEKLY,
        weekday=(today + dt.timedelta(days=2)).weekday(),
        starts_on=today,
        exceptions=[(today + dt.timedelta(days=2)).isoformat()],
        title="Cancelled the first time",
    )
    occurrences = selectors.occurrences_upcoming(filters=selectors.ActivityFilters())
    expected = [(o.date, o.activity.pk) for o in occurrences[:6]]
    assert len(expected) == 6
    assert [(o.date, o.activity.pk) for o in selectors.occurrences_soon(limit=6)] == expected


def test_the_home_page_looks_two_weeks_ahead():
    today = timezone.localdate()
    ActivityFactory(starts_on=today + dt.timedelta(days=13), title="Within")
    ActivityFactory(starts_on=today + dt.timedelta(days=15), title="Beyond")
    assert [o.activity.title for o in selectors.occurrences_soon(limit=6)] == ["Within"]
