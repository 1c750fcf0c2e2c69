"""The pages a signed-in member of associations uses make the same number of queries with 3 rows of everything as
with 10: Min side, the association's own pages, the booking form and the application form."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from associations.models import Membership
from grants.models import Application
from tests.factories.advisory import AdviceRequestFactory
from tests.factories.associations import (
    ActivityFactory,
    AssociationFactory,
    InterestFactory,
    MembershipFactory,
    VolunteerRoleFactory,
)
from tests.factories.dialogue import IdeaFactory
from tests.factories.facilities import BookingFactory, FacilityFactory
from tests.factories.grants import ApplicationFactory, BudgetLineFactory, GrantSchemeFactory, RoundFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


class Member:
    """A person who runs one association and belongs to more, with a facility and a grant scheme to apply to."""

    def __init__(self):
        self.user = UserFactory()
        self.association = AssociationFactory()
        MembershipFactory(user=self.user, association=self.association)
        self.role = VolunteerRoleFactory(association=self.association)
        self.activity = ActivityFactory(association=self.association)
        self.facility = FacilityFactory()
        self.scheme = GrantSchemeFactory()
        self.round = RoundFactory(scheme=self.scheme)
        self.added = 0

    def add(self, number: int) -> None:
        """`number` more of every row the pages list: associations, members, bookings, applications, activities,
        roles, interests, advice requests and ideas."""
        for _ in range(number):
            self.added += 1
            MembershipFactory(user=self.user, association=AssociationFactory(), role=Membership.Role.EDITOR)
            MembershipFactory(association=self.association, role=Membership.Role.EDITOR)
            start = dt.datetime(2030, 1, 7, 9, tzinfo=dt.UTC) + dt.timedelta(days=self.added)
            BookingFactory(booked_by=self.user, association=self.association, facility=self.facility, start=start)
            application = ApplicationFactory(
                applicant=self.user, association=self.association, round=self.round, status=Application.Status.DRAFT
            )
            BudgetLineFactory(application=application)
            ActivityFactory(association=self.association)
            VolunteerRoleFactory(association=self.association)
            InterestFactory(role=self.role)
            AdviceRequestFactory(asker=self.user)
            IdeaFactory(proposer=self.user, association=self.association)


def _pages(member: Member) -> dict[str, str]:
    slug = member.association.slug
    return {
        "min side": "/min-side/",
        "association": f"/min-side/foreninger/{slug}/",
        "profile": f"/min-side/foreninger/{slug}/profil/",
        "members": f"/min-side/foreninger/{slug}/medlemmer/",
        "activity": f"/min-side/foreninger/{slug}/aktiviteter/{member.activity.pk}/",
        "role": f"/min-side/foreninger/{slug}/frivilligjob/{member.role.pk}/",
        "interests": f"/min-side/foreninger/{slug}/frivilligjob/{member.role.pk}/interesserede/",
        "bookings": "/lokaler/bookinger/",
        "applications": "/tilskud/ansoegninger/",
        "booking form": f"/lokaler/{member.facility.slug}/book/",
        "series form": f"/lokaler/{member.facility.slug}/fast-booking/",
        "application form": f"/tilskud/{member.scheme.slug}/ansoeg/",
    }


PAGES = [
    "min side",
    "association",
    "profile",
    "members",
    "activity",
    "role",
    "interests",
    "bookings",
    "applications",
    "booking form",
    "series form",
    "application form",
]


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    print(f"\n{len(context.captured_queries)} queries for {url}:")
    for query in context.captured_queries:
        print("  ", query["sql"])
    return len(context.captured_queries)


@pytest.mark.parametrize("page", PAGES)
def test_the_page_makes_a_constant_number_of_queries(client, page):
    member = Member()
    client.force_login(member.user)
    url = _pages(member)[page]
    member.add(3)
    with_three = _count(client, url)
    member.add(7)
    assert _count(client, url) == with_three
