"""When a round is open, and how many days are left, counted the way people in Helsingør count them."""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.forms import modelform_factory
from django.utils import translation

from grants.models import Round
from grants.selectors import schemes_published
from tests.factories.grants import GrantSchemeFactory, RoundFactory

CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")
UTC = dt.UTC

pytestmark = pytest.mark.django_db


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=CPH)


def test_a_round_is_open_between_opening_and_deadline():
    round_ = RoundFactory(opens_at=at(2027, 3, 1, 0, 0), deadline=at(2027, 3, 15, 12, 0))

    assert not round_.is_open_at(at(2027, 2, 28, 23, 59))
    assert round_.is_open_at(at(2027, 3, 1, 0, 0))
    assert round_.is_open_at(at(2027, 3, 15, 11, 59))
    assert not round_.is_open_at(at(2027, 3, 15, 12, 0))


def test_a_continuous_round_stays_open():
    round_ = RoundFactory(opens_at=at(2027, 1, 1, 0, 0), deadline=None)

    assert round_.is_continuous
    assert round_.is_open_at(at(2035, 1, 1, 0, 0))
    assert round_.days_left_at(at(2027, 6, 1, 0, 0)) is None


def test_a_deadline_at_midnight_danish_time_closes_while_it_is_still_the_day_before_in_utc():
    # Midnight between 14 and 15 March in Copenhagen is 23:00 on 14 March in UTC.
    round_ = RoundFactory(opens_at=at(2027, 3, 1, 0, 0), deadline=at(2027, 3, 15, 0, 0))

    assert round_.is_open_at(dt.datetime(2027, 3, 14, 22, 59, tzinfo=UTC))
    assert not round_.is_open_at(dt.datetime(2027, 3, 14, 23, 0, tzinfo=UTC))
    assert Round.objects.open_at(dt.datetime(2027, 3, 14, 22, 59, tzinfo=UTC)).filter(pk=round_.pk).exists()
    assert not Round.objects.open_at(dt.datetime(2027, 3, 14, 23, 0, tzinfo=UTC)).filter(pk=round_.pk).exists()


def test_days_left_count_danish_calendar_days_not_utc_days():
    round_ = RoundFactory(opens_at=at(2027, 3, 1, 0, 0), deadline=at(2027, 3, 15, 23, 59))

    # 23:30 UTC on the 14th is already 00:30 on the 15th in Copenhagen: the deadline is today.
    assert round_.days_left_at(dt.datetime(2027, 3, 14, 23, 30, tzinfo=UTC)) == 0
    assert round_.days_left_at(dt.datetime(2027, 3, 14, 22, 30, tzinfo=UTC)) == 1


def test_days_left_across_the_change_to_summer_time():
    round_ = RoundFactory(opens_at=at(2027, 3, 1, 0, 0), deadline=at(2027, 3, 29, 0, 30))

    assert round_.days_left_at(at(2027, 3, 27, 23, 45)) == 2


def test_the_list_annotates_the_next_deadline_of_an_open_round():
    now = at(2027, 3, 10, 12, 0)
    scheme = GrantSchemeFactory()
    RoundFactory(scheme=scheme, opens_at=at(2027, 3, 1, 0, 0), deadline=at(2027, 3, 20, 12, 0))
    RoundFactory(scheme=scheme, opens_at=at(2027, 9, 1, 0, 0), deadline=at(2027, 9, 20, 12, 0))

    listed = schemes_published(now=now).get(pk=scheme.pk)

    assert listed.is_open
    assert listed.next_deadline == at(2027, 3, 20, 12, 0)
    assert listed.next_opens == at(2027, 9, 1, 0, 0)
    assert listed.days_left_at(now) == 10


def test_open_schemes_come_first_with_the_nearest_deadline_first():
    now = at(2027, 3, 10, 12, 0)
    closed = RoundFactory(opens_at=at(2027, 1, 1, 0, 0), deadline=at(2027, 2, 1, 0, 0)).scheme
    late = RoundFactory(opens_at=at(2027, 3, 1, 0, 0), deadline=at(2027, 4, 30, 12, 0)).scheme
    soon = RoundFactory(opens_at=at(2027, 3, 1, 0, 0), deadline=at(2027, 3, 12, 12, 0)).scheme
    continuous = RoundFactory(opens_at=at(2027, 1, 1, 0, 0), deadline=None).scheme

    assert list(schemes_published(now=now)) == [soon, late, continuous, closed]


def test_a_deadline_before_the_opening_is_refused():
    round_ = RoundFactory.build(
        scheme=GrantSchemeFactory(), opens_at=at(2027, 3, 15, 0, 0), deadline=at(2027, 3, 1, 0, 0)
    )

    with translation.override("en"), pytest.raises(ValidationError, match="deadline must be after"):
        round_.full_clean()


def test_an_impossible_date_is_refused_with_a_message():
    form = modelform_factory(Round, fields=["scheme", "opens_at", "deadline"])(
        data={"scheme": GrantSchemeFactory().pk, "opens_at": "2027-02-01 09:00", "deadline": "2027-02-30 12:00"}
    )

    assert not form.is_valid()
    assert "deadline" in form.errors


def test_the_decision_cannot_be_expected_before_the_deadline():
    round_ = RoundFactory.build(
        scheme=GrantSchemeFactory(),
        opens_at=at(2027, 3, 1, 0, 0),
        deadline=at(2027, 3, 15, 12, 0),
        decision_expected_on=dt.date(2027, 3, 10),
    )

    with pytest.raises(ValidationError) as error:
        round_.full_clean()
    assert "decision_expected_on" in error.value.message_dict
