"""Only members may change an association, and only admins may manage its members; guessing ids gets nothing."""

import pytest
from django.urls import reverse

from associations.models import Activity, Membership
from tests.factories.associations import (
    ActivityFactory,
    AssociationFactory,
    InterestFactory,
    MembershipFactory,
    VolunteerRoleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def target():
    """An association with an activity, a role, an interest and an admin, owned by somebody else."""
    membership = MembershipFactory(role=Membership.Role.ADMIN)
    association = membership.association
    activity = ActivityFactory(association=association)
    role = VolunteerRoleFactory(association=association)
    InterestFactory(role=role, name="Hemmelig Hjælper")
    return {"association": association, "activity": activity, "role": role, "membership": membership}


def _edit_urls(target, *, slug=None):
    slug = slug or target["association"].slug
    activity, role, membership = target["activity"].pk, target["role"].pk, target["membership"].pk
    return [
        ("get", reverse("associations:association-manage", kwargs={"slug": slug})),
        ("post", reverse("associations:association-edit", kwargs={"slug": slug})),
        ("post", reverse("associations:activity-create", kwargs={"slug": slug})),
        ("post", reverse("associations:activity-edit", kwargs={"slug": slug, "pk": activity})),
        ("post", reverse("associations:activity-delete", kwargs={"slug": slug, "pk": activity})),
        ("post", reverse("associations:role-create", kwargs={"slug": slug})),
        ("post", reverse("associations:role-edit", kwargs={"slug": slug, "pk": role})),
        ("get", reverse("associations:role-interests", kwargs={"slug": slug, "pk": role})),
        ("post", reverse("associations:membership-list", kwargs={"slug": slug})),
        ("post", reverse("associations:membership-change-role", kwargs={"slug": slug, "pk": membership})),
        ("post", reverse("associations:membership-remove", kwargs={"slug": slug, "pk": membership})),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, target):
    for method, url in _edit_urls(target):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert reverse("account_login") in response["Location"]


def test_people_who_are_not_members_get_404_on_every_edit_url(client, user, target):
    client.force_login(user)
    for method, url in _edit_urls(target):
        assert getattr(client, method)(url, {"role": "admin", "email": "x@example.org"}).status_code == 404, url
    target["activity"].refresh_from_db()
    assert target["association"].memberships.count() == 1


def test_members_of_another_association_cannot_reach_its_objects_through_their_own(client, target):
    """Guessing ids: a member of association B uses B's slug with A's activity, role and membership ids."""
    own = MembershipFactory(role=Membership.Role.ADMIN)
    client.force_login(own.user)
    urls_with_ids = [
        (m, url) for m, url in _edit_urls(target, slug=own.association.slug) if any(p.isdigit() for p in url.split("/"))
    ]
    assert len(urls_with_ids) == 6
    for method, url in urls_with_ids:
        assert getattr(client, method)(url, {"role": "editor"}).status_code == 404, url
    assert Activity.objects.filter(pk=target["activity"].pk).exists()
    assert Membership.objects.get(pk=target["membership"].pk).role == Membership.Role.ADMIN


def test_editors_may_not_manage_members(client, target):
    editor = MembershipFactory(association=target["association"], role=Membership.Role.EDITOR)
    client.force_login(editor.user)
    slug = target["association"].slug
    membership = target["membership"].pk
    assert client.get(reverse("associations:membership-list", kwargs={"slug": slug})).status_code == 403
    assert (
        client.post(
            reverse("associations:membership-change-role", kwargs={"slug": slug, "pk": membership}), {"role": "editor"}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("associations:membership-remove", kwargs={"slug": slug, "pk": membership})).status_code
        == 403
    )
    # Editors do keep the profile, activities and roles.
    assert client.get(reverse("associations:association-edit", kwargs={"slug": slug})).status_code == 200
    assert (
        client.get(reverse("associations:role-interests", kwargs={"slug": slug, "pk": target["role"].pk})).status_code
        == 200
    )


def test_post_only_urls_refuse_get(client, target):
    client.force_login(target["membership"].user)
    slug = target["association"].slug
    for url in [
        reverse("associations:activity-delete", kwargs={"slug": slug, "pk": target["activity"].pk}),
        reverse("associations:membership-change-role", kwargs={"slug": slug, "pk": target["membership"].pk}),
        reverse("associations:membership-remove", kwargs={"slug": slug, "pk": target["membership"].pk}),
    ]:
        assert client.get(url).status_code == 405, url


def test_public_pages_refuse_post(client, target):
    for url in [reverse("associations:association-list"), target["association"].get_absolute_url()]:
        assert client.post(url).status_code == 405


def test_pending_and_hidden_associations_are_not_public(client):
    for status in ("pending", "rejected", "hidden"):
        association = AssociationFactory(status=status)
        ActivityFactory(association=association, title=f"Skjult {status}")
        role = VolunteerRoleFactory(association=association)
        assert client.get(association.get_absolute_url()).status_code == 404
        assert client.get(role.get_absolute_url()).status_code == 404
        assert f"Skjult {status}" not in client.get(reverse("associations:activity-list")).text
        assert association.name not in client.get(reverse("associations:association-list")).text


def test_interests_are_shown_only_to_members(client, user, target):
    url = reverse("associations:role-interests", kwargs={"slug": target["association"].slug, "pk": target["role"].pk})
    client.force_login(target["membership"].user)
    assert "Hemmelig Hjælper" in client.get(url).text
    client.force_login(user)
    assert client.get(url).status_code == 404
