"""The demo data: facilities across the towns, bookable by forening@example.org, and idempotent."""

import datetime as dt
import io

import pytest
from django.utils import timezone

from associations.models import Association, Membership
from facilities import demo, services
from facilities.models import Booking, Facility, local_datetime
from portal import demo as portal_demo
from portal.holidays import easter_sunday
from portal.models import User

pytestmark = pytest.mark.django_db


def test_seeding_twice_gives_the_same_data():
    out = io.StringIO()
    portal_demo.seed(stdout=out)
    demo.seed(stdout=out)
    counts = (Facility.objects.count(), Booking.objects.count())
    demo.seed(stdout=out)
    assert (Facility.objects.count(), Booking.objects.count()) == counts
    assert counts[0] == 15
    assert counts[1] > 20
    assert len(set(Facility.objects.values_list("town", flat=True))) == 8
    forening = Membership.objects.get(association__slug="espergaerde-spejderne")
    assert forening.user.email == "forening@example.org"


def _next(month: int, day: int) -> dt.date:
    today = timezone.localdate()
    this_year = dt.date(today.year, month, day)
    return this_year if this_year >= today else dt.date(today.year + 1, month, day)


@pytest.mark.parametrize(("month", "day"), [(12, 24), (12, 31)])
def test_a_demo_hall_cannot_be_booked_on_a_holiday(month, day):
    portal_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    hall = Facility.objects.get(slug="snekkersten-idraetscenter")
    # However far ahead the holiday is, the refusal must be the closure, not the booking horizon.
    hall.max_horizon = 400
    hall.save(update_fields=["max_horizon"])
    holiday = _next(month, day)

    with pytest.raises(services.BookingRefused, match="lukket"):
        services.booking_request(
            facility=hall,
            user=User.objects.get(email="forening@example.org"),
            association=Association.objects.get(slug="helsingoer-badmintonklub"),
            start=local_datetime(holiday, dt.time(16)),
            end=local_datetime(holiday, dt.time(18)),
            purpose="Juletræning",
            attendees=10,
        )


def test_the_demo_closures_follow_easter():
    assert easter_sunday(2027) == dt.date(2027, 3, 28)
    assert ("Påske", dt.date(2027, 3, 25), dt.date(2027, 3, 29)) in demo.public_holidays(2027)
