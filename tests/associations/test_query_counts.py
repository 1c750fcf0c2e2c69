"""Every public list makes the same number of queries whether it shows 3 rows or 10."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from associations.models import Town
from tests.factories.associations import (
    ActivityFactory,
    AssociationFactory,
    CategoryFactory,
    MunicipalUnitFactory,
    VolunteerRoleFactory,
)

pytestmark = pytest.mark.django_db


def _associations(number: int) -> None:
    category = CategoryFactory(slug="sport")
    for _ in range(number):
        association = AssociationFactory(categories=[category], towns=[Town.HELSINGOR, Town.HORNBAEK])
        ActivityFactory(association=association)
        ActivityFactory(association=association, kind="weekly", weekday=2)
        VolunteerRoleFactory(association=association)
    VolunteerRoleFactory(association=None, municipal_unit=MunicipalUnitFactory())


@pytest.mark.parametrize(
    "url",
    [
        "/foreninger/",
        "/foreninger/?q=forening&town=helsingor&category=sport",
        "/aktiviteter/kalender.ics",
        "/frivilligjob/",
        "/",
        "/api/v1/associations",
        "/api/v1/activities",
        "/api/v1/volunteer-roles",
    ],
)
def test_lists_make_a_constant_number_of_queries(url, count_queries):
    _associations(3)
    with_three = count_queries(url)
    _associations(7)
    assert count_queries(url) == with_three


def test_the_calendar_reads_its_dates_in_one_query_when_busy_and_four_at_most(count_queries):
    """The calendar's dates are read a day, a day, two weeks and the rest at a time, until a page is full: more
    dates never cost more queries, and few cost at most three more."""
    _associations(3)
    few = count_queries("/aktiviteter/")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    busy = f"/aktiviteter/?start={tomorrow.isoformat()}"
    for _ in range(21):  # a page and one more: the first day is enough
        ActivityFactory(starts_on=tomorrow)
    with_21 = count_queries(busy)
    for _ in range(10):
        ActivityFactory(starts_on=tomorrow)
    assert count_queries(busy) == with_21 == few - 3


def test_the_profile_makes_a_constant_number_of_queries(count_queries):
    association = AssociationFactory(categories=[CategoryFactory()], towns=[Town.HELSINGOR])
    for _ in range(3):
        ActivityFactory(association=association)
        VolunteerRoleFactory(association=association)
    url = reverse("associations:association-detail", kwargs={"slug": association.slug})
    with_three = count_queries(url)
    for _ in range(7):
        ActivityFactory(association=association)
        VolunteerRoleFactory(association=association)
    assert count_queries(url) == with_three


def test_the_association_calendar_makes_a_constant_number_of_queries(count_queries):
    association = AssociationFactory()
    ActivityFactory.create_batch(3, association=association)
    url = reverse("associations:association-calendar", kwargs={"slug": association.slug})
    with_three = count_queries(url)
    ActivityFactory.create_batch(7, association=association)
    assert count_queries(url) == with_three


def test_the_home_page_costs_the_same_at_any_time_of_day(count_queries, clock):
    """In the morning today's activities fill the home page; in the evening they have ended and it looks further
    ahead: in the same queries."""
    today = timezone.localdate()
    ActivityFactory.create_batch(6, starts_on=today, start_time=dt.time(9), end_time=dt.time(10))
    ActivityFactory(starts_on=today + dt.timedelta(days=9), start_time=dt.time(9), end_time=dt.time(10))
    counts = []
    for hour in (8, 12, 23):
        clock.move_to(dt.datetime.combine(today, dt.time(hour, 30), tzinfo=timezone.get_current_timezone()))
        counts.append(count_queries("/"))
    assert counts == [counts[0]] * 3
