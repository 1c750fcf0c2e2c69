"""An action that cannot be undone asks first: the button on the page leads to a confirmation page (which works
without JavaScript) saying what will happen and who is told, and only its form performs the action."""

import re

import pytest
from django.urls import reverse

from associations.models import Activity, Membership
from facilities.models import Booking
from grants.models import Application, Attachment
from tests.factories.associations import ActivityFactory, MembershipFactory
from tests.factories.facilities import (
    BookingAssociationFactory,
    BookingFactory,
    BookingFeedFactory,
    BookingMembershipFactory,
)
from tests.factories.grants import ApplicationFactory, AttachmentFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def _confirmation_form(html: str) -> str:
    match = re.search(r'<form method="post" action="([^"]+)" class="portal-confirm">', html)
    assert match, "no confirmation form"
    return match.group(1)


@pytest.fixture
def activity_case(client):
    membership = MembershipFactory(role=Membership.Role.ADMIN)
    activity = ActivityFactory(association=membership.association, title="Sommerløb")
    slug = membership.association.slug
    return {
        "user": membership.user,
        "page": reverse("associations:association-manage", kwargs={"slug": slug}),
        "confirm": reverse("associations:activity-delete-confirm", kwargs={"slug": slug, "pk": activity.pk}),
        "action": reverse("associations:activity-delete", kwargs={"slug": slug, "pk": activity.pk}),
        "says": ["Slet “Sommerløb”?", "Ingen får besked."],
        "done": lambda: not Activity.objects.filter(pk=activity.pk).exists(),
    }


@pytest.fixture
def membership_case(client):
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    other = MembershipFactory(association=admin.association, role=Membership.Role.EDITOR, user__full_name="Ole Hansen")
    slug = admin.association.slug
    return {
        "user": admin.user,
        "page": reverse("associations:membership-list", kwargs={"slug": slug}),
        "confirm": reverse("associations:membership-remove-confirm", kwargs={"slug": slug, "pk": other.pk}),
        "action": reverse("associations:membership-remove", kwargs={"slug": slug, "pk": other.pk}),
        "says": ["Fjern Ole Hansen fra", "Ole Hansen får ikke besked."],
        "done": lambda: not Membership.objects.filter(pk=other.pk).exists(),
    }


@pytest.fixture
def booking_case(client):
    association = BookingAssociationFactory()
    user = BookingMembershipFactory(association=association, role=Membership.Role.EDITOR).user
    booking = BookingFactory(booked_by=user, association=association)
    return {
        "user": user,
        "page": booking.get_absolute_url(),
        "confirm": reverse("facilities:booking-cancel-confirm", args=[booking.pk]),
        "action": reverse("facilities:booking-cancel", args=[booking.pk]),
        "says": ["Aflys bookingen af", "får en bekræftelse"],
        "done": lambda: Booking.objects.get(pk=booking.pk).status == Booking.Status.CANCELLED,
    }


@pytest.fixture
def feed_case(client):
    association = BookingAssociationFactory()
    user = BookingMembershipFactory(association=association, role=Membership.Role.EDITOR).user
    feed = BookingFeedFactory(association=association)
    return {
        "user": user,
        "page": reverse("facilities:booking-list"),
        "confirm": reverse("facilities:booking-feed-revoke-confirm", args=[association.slug]),
        "action": reverse("facilities:booking-feed-revoke", args=[association.slug]),
        "says": ["Slet kalenderadressen for", "Ingen får besked."],
        "done": lambda: not type(feed).objects.filter(pk=feed.pk).exists(),
    }


@pytest.fixture
def withdraw_case(client):
    application = ApplicationFactory(status=Application.Status.SUBMITTED, title="Nye telte")
    return {
        "user": application.applicant,
        "page": application.get_absolute_url(),
        "confirm": reverse("grants:application-withdraw-confirm", args=[application.pk]),
        "action": reverse("grants:application-withdraw", args=[application.pk]),
        "says": ["Træk “Nye telte” tilbage?", "får en bekræftelse"],
        "done": lambda: Application.objects.get(pk=application.pk).status == Application.Status.WITHDRAWN,
    }


@pytest.fixture
def attachment_case(client):
    attachment = AttachmentFactory(original_name="budget.pdf")
    application = attachment.application
    return {
        "user": application.applicant,
        "page": application.get_absolute_url(),
        "confirm": reverse("grants:attachment-delete-confirm", args=[application.pk, attachment.pk]),
        "action": reverse("grants:attachment-delete", args=[application.pk, attachment.pk]),
        "says": ["Fjern budget.pdf?", "Ingen får besked."],
        "done": lambda: not Attachment.objects.filter(pk=attachment.pk).exists(),
    }


CASES = ["activity_case", "membership_case", "booking_case", "feed_case", "withdraw_case", "attachment_case"]


@pytest.mark.parametrize("case", CASES)
def test_it_asks_first_and_says_what_will_happen(client, request, case):
    case = request.getfixturevalue(case)
    client.force_login(case["user"])

    page = client.get(case["page"]).text
    confirmation = client.get(case["confirm"])

    assert f'method="get" action="{case["confirm"]}"' in page
    assert confirmation.status_code == 200
    for text in case["says"]:
        assert text in confirmation.text
    assert _confirmation_form(confirmation.text) == case["action"]
    assert not case["done"]()


@pytest.mark.parametrize("case", CASES)
def test_the_confirmation_form_does_it(client, request, case):
    case = request.getfixturevalue(case)
    client.force_login(case["user"])

    response = client.post(_confirmation_form(client.get(case["confirm"]).text))

    assert response.status_code == 302
    assert case["done"]()


@pytest.mark.parametrize("case", CASES)
def test_the_confirmation_page_only_shows(client, request, case):
    case = request.getfixturevalue(case)
    client.force_login(case["user"])

    assert client.post(case["confirm"]).status_code == 405
    assert not case["done"]()


@pytest.mark.parametrize("case", CASES)
def test_it_needs_a_sign_in(client, request, case):
    case = request.getfixturevalue(case)

    response = client.get(case["confirm"])

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.parametrize("case", CASES)
def test_it_shows_nothing_to_others(client, request, case):
    case = request.getfixturevalue(case)
    client.force_login(UserFactory())

    assert client.get(case["confirm"]).status_code == 404
