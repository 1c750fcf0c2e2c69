"""Every admin list that staff use daily makes the same number of queries whether it shows 3 rows or 10, searched or
not."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dialogue.models import Idea
from facilities.models import Booking
from grants.models import Application
from recognition.models import Nomination, Story
from tests.factories.advisory import AdviceRequestFactory, AdvisorFactory
from tests.factories.associations import ActivityFactory, AssociationFactory, MembershipFactory
from tests.factories.dialogue import CommentFactory, IdeaFactory, SupportFactory
from tests.factories.facilities import BookingFactory, BookingSeriesFactory
from tests.factories.grants import ApplicationFactory, BudgetLineFactory
from tests.factories.portal import StaffFactory, UserFactory
from tests.factories.recognition import NominationFactory, StoryFactory

pytestmark = pytest.mark.django_db


def _booking(number: int) -> None:
    for index in range(number):
        start = dt.datetime(2030, 1, 7, 9, tzinfo=dt.UTC) + dt.timedelta(days=index)
        BookingFactory(start=start, association=AssociationFactory())


def _booking_request(number: int) -> None:
    for index in range(number):
        start = dt.datetime(2030, 1, 7, 9, tzinfo=dt.UTC) + dt.timedelta(days=index)
        BookingFactory(start=start, status=Booking.Status.REQUESTED)


def _booking_series(number: int) -> None:
    for _ in range(number):
        BookingSeriesFactory()


def _application(number: int) -> None:
    for _ in range(number):
        application = ApplicationFactory(association=AssociationFactory(), status=Application.Status.SUBMITTED)
        BudgetLineFactory(application=application)


def _association(number: int) -> None:
    for _ in range(number):
        association = AssociationFactory(possible_duplicate_of=AssociationFactory())
        MembershipFactory(association=association)


def _activity(number: int) -> None:
    for _ in range(number):
        ActivityFactory(association=AssociationFactory())


def _advice_request(number: int) -> None:
    advisor = AdvisorFactory()
    for _ in range(number):
        AdviceRequestFactory(for_association=True, advisor=advisor)


def _idea(number: int) -> None:
    for _ in range(number):
        idea = IdeaFactory(association=AssociationFactory(), status=Idea.Status.UNDER_CONSIDERATION)
        SupportFactory(idea=idea)
        CommentFactory(idea=idea)


def _story(number: int) -> None:
    for _ in range(number):
        StoryFactory(associations=[AssociationFactory()], status=Story.Status.SUBMITTED, submitted_at=timezone.now())


def _nomination(number: int) -> None:
    for _ in range(number):
        NominationFactory(association=AssociationFactory(), consent=Nomination.Consent.ACCEPTED)


def _user(number: int) -> None:
    for _ in range(number):
        MembershipFactory(user=UserFactory())


CHANGELISTS = [
    ("/admin/facilities/booking/", "?q=Træning", _booking),
    ("/admin/facilities/bookingrequest/", "?q=Træning", _booking_request),
    ("/admin/facilities/bookingseries/", "?q=Træning", _booking_series),
    ("/admin/grants/application/", "?q=Projekt", _application),
    ("/admin/associations/association/", "?q=forening", _association),
    ("/admin/associations/activity/", "?q=aktivitet", _activity),
    ("/admin/advisory/advicerequest/", "?q=Spørgsmål", _advice_request),
    ("/admin/dialogue/idea/", "?q=Idé", _idea),
    ("/admin/recognition/story/", "?q=Historie", _story),
    ("/admin/recognition/nomination/", "?q=example", _nomination),
    ("/admin/portal/user/", "?q=example", _user),
]


def _count(client, url: str) -> tuple[int, int]:
    """The number of queries a GET of the changelist makes and the number of rows it shows; the SQL is printed for a
    failing comparison."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    print(f"\n{len(context.captured_queries)} queries for {url}:")
    for query in context.captured_queries:
        print("  ", query["sql"])
    return len(context.captured_queries), len(response.context["cl"].result_list)


@pytest.fixture
def superuser_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


@pytest.mark.parametrize("searched", [False, True], ids=["listed", "searched"])
@pytest.mark.parametrize(("url", "search", "make"), CHANGELISTS, ids=[url for url, _, _ in CHANGELISTS])
def test_the_changelist_makes_a_constant_number_of_queries(superuser_client, url, search, make, searched):
    url = url + search if searched else url
    make(3)
    queries_for_three, rows = _count(superuser_client, url)
    make(7)
    queries_for_ten, more_rows = _count(superuser_client, url)
    assert more_rows >= rows + 7, "the search must find the rows it is counted over"
    assert queries_for_ten == queries_for_three
