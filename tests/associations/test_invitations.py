"""An invitation is accepted only by the person it was sent to: signed in with that verified address, once, in time."""

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from associations.models import Invitation, Membership
from tests.factories.associations import InvitationFactory, MembershipFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def accept_url(invitation: Invitation) -> str:
    return reverse("associations:invitation-accept", kwargs={"token": invitation.token})


def test_it_makes_the_invited_person_a_member(client):
    invitation = InvitationFactory(email="inviteret@example.org", role=Membership.Role.ADMIN)
    invitee = UserFactory(email="inviteret@example.org")
    client.force_login(invitee)
    response = client.post(accept_url(invitation))
    assert response.status_code == 302
    assert Membership.objects.get(user=invitee, association=invitation.association).role == Membership.Role.ADMIN
    invitation.refresh_from_db()
    assert invitation.accepted_by == invitee


def test_it_accepts_the_invited_address_in_any_letter_case(client):
    invitation = InvitationFactory(email="inviteret@example.org")
    client.force_login(UserFactory(email="Inviteret@Example.org"))
    client.post(accept_url(invitation))
    assert Membership.objects.filter(association=invitation.association).exists()


def test_it_refuses_a_person_signed_in_with_another_address(client):
    invitation = InvitationFactory(email="inviteret@example.org", role=Membership.Role.ADMIN)
    # Another association's admin who got hold of the link.
    intruder = MembershipFactory(role=Membership.Role.ADMIN).user
    client.force_login(intruder)
    page = client.get(accept_url(invitation))
    assert page.status_code == 200
    assert "Invitationen er sendt til inviteret@example.org" in page.text
    assert "Acceptér invitationen" not in page.text

    response = client.post(accept_url(invitation), follow=True)
    assert "Log ind med den adresse" in response.text
    assert not Membership.objects.filter(user=intruder, association=invitation.association).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_person_signed_in_with_another_address_can_switch_account(client):
    invitation = InvitationFactory(email="inviteret@example.org")
    client.force_login(UserFactory())
    page = client.get(accept_url(invitation))
    next_field = re.search(r'name="next" value="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    response = client.post(reverse("account_logout"), {"next": next_field})
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={accept_url(invitation)}"
    assert "_auth_user_id" not in client.session


def test_it_can_be_used_only_once(client):
    invitation = InvitationFactory(email="inviteret@example.org")
    invitee = UserFactory(email="inviteret@example.org")
    client.force_login(invitee)
    client.post(accept_url(invitation))
    Membership.objects.filter(user=invitee).delete()

    response = client.post(accept_url(invitation))
    assert response.status_code == 200
    assert "allerede brugt" in response.text
    assert not Membership.objects.filter(user=invitee).exists()


def test_it_refuses_an_expired_invitation(client):
    invitation = InvitationFactory(
        email="inviteret@example.org", created_at=timezone.now() - Invitation.VALID_FOR - dt.timedelta(minutes=1)
    )
    invitee = UserFactory(email="inviteret@example.org")
    client.force_login(invitee)
    response = client.post(accept_url(invitation))
    assert response.status_code == 200
    assert "udløbet" in response.text
    assert not Membership.objects.filter(user=invitee).exists()


def test_it_sends_an_anonymous_visitor_to_sign_in(client):
    invitation = InvitationFactory()
    response = client.get(accept_url(invitation))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert client.post(accept_url(invitation)).status_code == 302
    assert not Membership.objects.exists()


def test_an_unverified_address_is_verified_on_the_spot_and_then_accepted(client, django_capture_on_commit_callbacks):
    invitation = InvitationFactory(email="ny-adresse@example.org")
    person = UserFactory(email="gammel@example.org")
    EmailAddress.objects.create(user=person, email="ny-adresse@example.org", verified=False, primary=False)
    client.force_login(person)

    # An unverified address is not enough to accept.
    client.post(accept_url(invitation))
    assert not Membership.objects.filter(user=person).exists()

    page = client.get(accept_url(invitation))
    assert "Send en bekræftelsesmail" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(accept_url(invitation), {"action": "verify"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["ny-adresse@example.org"]
    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mail.outbox[-1].body).group(1)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_confirm_email", args=[key]))
    assert response.status_code == 302
    assert response.url == accept_url(invitation)

    client.post(accept_url(invitation))
    assert Membership.objects.filter(user=person, association=invitation.association).exists()
