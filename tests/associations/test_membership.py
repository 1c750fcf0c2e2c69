import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from associations import services
from associations.models import Invitation, Membership
from tests.factories.associations import InvitationFactory, MembershipFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def test_an_admin_invites_by_email_and_the_invitee_accepts(client, mailoutbox, django_capture_on_commit_callbacks):
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    client.force_login(admin.user)
    url = reverse("associations:membership-list", kwargs={"slug": admin.association.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "Ny@Example.org", "role": "editor"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "ny@example.org"
    assert mailoutbox[0].to == ["ny@example.org"]
    accept_url = reverse("associations:invitation-accept", kwargs={"token": invitation.token})
    assert accept_url in mailoutbox[0].body

    # The invitee has no profile yet: signing in (or up) comes first, then the link works.
    client.logout()
    response = client.get(accept_url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    newcomer = UserFactory(email="ny@example.org")
    client.force_login(newcomer)
    assert client.get(accept_url).status_code == 200
    assert client.post(accept_url).status_code == 302
    assert Membership.objects.get(user=newcomer).role == Membership.Role.EDITOR
    # The link cannot be used twice.
    other = UserFactory()
    client.force_login(other)
    client.post(accept_url)
    assert not Membership.objects.filter(user=other).exists()


def test_an_expired_invitation_cannot_be_accepted(client, user):
    invitation = InvitationFactory(email=user.email, created_at=timezone.now() - dt.timedelta(days=15))
    client.force_login(user)
    client.post(reverse("associations:invitation-accept", kwargs={"token": invitation.token}))
    assert not Membership.objects.filter(user=user).exists()


def test_an_unknown_token_is_404(client, user):
    client.force_login(user)
    assert client.get(reverse("associations:invitation-accept", kwargs={"token": "gaet"})).status_code == 404


def test_inviting_a_member_again_is_explained(client):
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    client.force_login(admin.user)
    url = reverse("associations:membership-list", kwargs={"slug": admin.association.slug})
    response = client.post(url, {"email": admin.user.email, "role": "editor"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_the_last_admin_can_be_neither_demoted_nor_removed():
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    with pytest.raises(ValidationError):
        services.membership_change_role(membership=admin, role=Membership.Role.EDITOR)
    with pytest.raises(ValidationError):
        services.membership_remove(membership=admin)
    assert Membership.objects.get(pk=admin.pk).role == Membership.Role.ADMIN


def test_admins_change_roles_and_remove_members(client):
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    editor = MembershipFactory(association=admin.association, role=Membership.Role.EDITOR)
    client.force_login(admin.user)
    slug = admin.association.slug
    client.post(
        reverse("associations:membership-change-role", kwargs={"slug": slug, "pk": editor.pk}), {"role": "admin"}
    )
    editor.refresh_from_db()
    assert editor.role == Membership.Role.ADMIN
    # With a second admin, the first may step down.
    client.post(
        reverse("associations:membership-change-role", kwargs={"slug": slug, "pk": admin.pk}), {"role": "editor"}
    )
    admin.refresh_from_db()
    assert admin.role == Membership.Role.EDITOR
    client.force_login(editor.user)
    client.post(reverse("associations:membership-remove", kwargs={"slug": slug, "pk": admin.pk}))
    assert not Membership.objects.filter(pk=admin.pk).exists()


def test_the_page_says_why_the_last_admin_cannot_leave(client):
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    client.force_login(admin.user)
    url = reverse("associations:membership-remove", kwargs={"slug": admin.association.slug, "pk": admin.pk})
    response = client.post(url, follow=True)
    assert Membership.objects.filter(pk=admin.pk).exists()
    assert 'class="alert alert-error"' in response.text or "alert-error" in response.text


def test_associations_for_user_and_membership_role():
    from associations.selectors import associations_for_user, membership_role

    admin = MembershipFactory(role=Membership.Role.ADMIN)
    editor = MembershipFactory(user=admin.user, role=Membership.Role.EDITOR)
    outsider = UserFactory()
    assert set(associations_for_user(admin.user)) == {admin.association, editor.association}
    assert list(associations_for_user(admin.user, roles=["admin"])) == [admin.association]
    assert not associations_for_user(outsider).exists()
    assert membership_role(admin.user, admin.association) == "admin"
    assert membership_role(admin.user, editor.association) == "editor"
    assert membership_role(outsider, admin.association) is None


def test_association_for_member_finds_only_own_associations():
    from associations.selectors import association_for_member

    admin = MembershipFactory(role=Membership.Role.ADMIN)
    editor = MembershipFactory(role=Membership.Role.EDITOR, user=admin.user)
    other = MembershipFactory()
    assert association_for_member(admin.user, pk=admin.association.pk) == admin.association
    assert association_for_member(admin.user, slug=editor.association.slug) == editor.association
    assert association_for_member(admin.user, pk=editor.association.pk, roles=["admin"]) is None
    assert association_for_member(admin.user, pk=other.association.pk) is None
