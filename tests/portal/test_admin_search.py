"""The admin's search over bookings, applications, associations, activities and people finds a row when every word
of the search is in one of its searched fields, also in a related row, and lists each row once."""

import pytest

from associations.models import Membership
from facilities.models import Booking
from grants.models import Application
from recognition.models import Nomination
from tests.factories.advisory import AdviceRequestFactory
from tests.factories.associations import AssociationFactory, MembershipFactory
from tests.factories.dialogue import IdeaFactory
from tests.factories.facilities import BookingFactory
from tests.factories.grants import ApplicationFactory
from tests.factories.portal import StaffFactory, UserFactory
from tests.factories.recognition import NominationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


def _found(client, url: str, search: str) -> list:
    response = client.get(url, {"q": search})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_it_finds_a_booking_by_its_purpose_its_association_and_who_booked_it(staff_client):
    by_purpose = BookingFactory(purpose="Generalforsamling", association=AssociationFactory())
    by_association = BookingFactory(association=AssociationFactory(name="Hornbæk Roklub"))
    by_booker = BookingFactory(booked_by=UserFactory(email="kasserer@roklub.dk"), association=AssociationFactory())
    BookingFactory(association=AssociationFactory())

    assert _found(staff_client, "/admin/facilities/booking/", "generalforsamling") == [by_purpose]
    assert set(_found(staff_client, "/admin/facilities/booking/", "roklub")) == {by_association, by_booker}


def test_every_word_must_be_found_but_each_in_any_field(staff_client):
    club = AssociationFactory(name="Hornbæk Roklub")
    both = BookingFactory(association=club, purpose="Generalforsamling")
    BookingFactory(association=club, purpose="Træning")

    assert _found(staff_client, "/admin/facilities/booking/", "roklub generalforsamling") == [both]
    assert _found(staff_client, "/admin/facilities/booking/", '"hornbæk roklub" generalforsamling') == [both]


def test_the_approval_queue_searches_only_bookings_awaiting_approval(staff_client):
    waiting = BookingFactory(purpose="Koncert", status=Booking.Status.REQUESTED)
    BookingFactory(purpose="Koncert")

    assert _found(staff_client, "/admin/facilities/bookingrequest/", "koncert") == [waiting]


def test_an_association_found_through_two_members_is_listed_once(staff_client):
    club = AssociationFactory(name="Snekkersten Skakklub")
    MembershipFactory(association=club, user=UserFactory(email="formand@skak.dk"))
    MembershipFactory(association=club, user=UserFactory(email="kasserer@skak.dk"), role=Membership.Role.EDITOR)
    AssociationFactory()

    assert _found(staff_client, "/admin/associations/association/", "skak.dk") == [club]


def test_it_finds_an_application_by_its_association_and_a_person_by_name(staff_client):
    application = ApplicationFactory(association=AssociationFactory(name="Tikøb Borgerforening"))
    ApplicationFactory(status=Application.Status.SUBMITTED)
    person = UserFactory(full_name="Karen Blixen")

    assert _found(staff_client, "/admin/grants/application/", "borgerforening") == [application]
    assert _found(staff_client, "/admin/portal/user/", "blixen") == [person]


def test_it_finds_an_idea_by_its_proposer_and_a_nomination_by_its_association(staff_client):
    idea = IdeaFactory(proposer=UserFactory(full_name="Holger Danske"))
    IdeaFactory()
    accepted = Nomination.Consent.ACCEPTED
    nomination = NominationFactory(association=AssociationFactory(name="Ålsgårde Lektiecafé"), consent=accepted)
    NominationFactory(consent=accepted)

    assert _found(staff_client, "/admin/dialogue/idea/", "holger") == [idea]
    assert _found(staff_client, "/admin/recognition/nomination/", "ålsgårde") == [nomination]


def test_an_advice_request_is_found_by_its_number_or_its_words(staff_client):
    asked = AdviceRequestFactory(subject="Moms på kontingent")
    other = AdviceRequestFactory()

    # A number is also searched for in the other fields (a person's email may hold it), as in Django's search.
    assert other in _found(staff_client, "/admin/advisory/advicerequest/", str(other.pk))
    assert _found(staff_client, "/admin/advisory/advicerequest/", "kontingent") == [asked]
