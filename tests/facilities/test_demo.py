"""The demo data: facilities across the towns, bookable by forening@example.org, and idempotent."""

import io

import pytest

from associations.models import Membership
from facilities import demo
from facilities.models import Booking, Facility
from portal import demo as portal_demo

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
