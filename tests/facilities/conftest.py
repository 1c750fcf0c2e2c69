import datetime as dt

import pytest

from associations.models import Membership
from facilities.models import LOCAL_TZ, local_datetime
from tests.factories.facilities import BookingAssociationFactory, BookingMembershipFactory, FacilityFactory


def next_weekday(weekday: int, *, weeks: int = 1) -> dt.date:
    """A date `weeks` weeks ahead on the given weekday (0 = Monday), far enough to pass any lead time in tests."""
    today = dt.datetime.now(LOCAL_TZ).date()
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return local_datetime(day, dt.time(hour, minute))


def last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() - 6) % 7)


@pytest.fixture
def association(db):
    return BookingAssociationFactory(name="Espergærde Spejderne", slug="espergaerde-spejderne")


@pytest.fixture
def member(association):
    return BookingMembershipFactory(association=association, role=Membership.Role.EDITOR).user


@pytest.fixture
def facility(db):
    return FacilityFactory(name_da="Espergærde Hallen", name_en="Espergærde Hall", slug="espergaerde-hallen")


@pytest.fixture
def monday():
    return next_weekday(0)
