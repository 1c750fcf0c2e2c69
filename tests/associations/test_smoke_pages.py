import pytest
from django.urls import reverse

from tests.factories.associations import ActivityFactory, MembershipFactory, VolunteerRoleFactory

pytestmark = pytest.mark.django_db


def test_the_public_pages_render(client):
    activity = ActivityFactory()
    role = VolunteerRoleFactory(association=activity.association)
    for url in [
        reverse("home"),
        reverse("associations:association-list"),
        reverse("associations:association-list") + "?q=forening&town=helsingor&age=10",
        activity.association.get_absolute_url(),
        reverse("associations:activity-list"),
        activity.get_absolute_url(),
        reverse("associations:role-list"),
        role.get_absolute_url(),
    ]:
        assert client.get(url).status_code == 200, url


def test_the_member_pages_render(client):
    membership = MembershipFactory()
    activity = ActivityFactory(association=membership.association)
    role = VolunteerRoleFactory(association=membership.association)
    client.force_login(membership.user)
    slug = membership.association.slug
    for url in [
        reverse("min-side"),
        reverse("associations:association-register"),
        reverse("associations:association-manage", kwargs={"slug": slug}),
        reverse("associations:association-edit", kwargs={"slug": slug}),
        reverse("associations:activity-create", kwargs={"slug": slug}),
        reverse("associations:activity-edit", kwargs={"slug": slug, "pk": activity.pk}),
        reverse("associations:role-create", kwargs={"slug": slug}),
        reverse("associations:role-edit", kwargs={"slug": slug, "pk": role.pk}),
        reverse("associations:role-interests", kwargs={"slug": slug, "pk": role.pk}),
        reverse("associations:membership-list", kwargs={"slug": slug}),
    ]:
        assert client.get(url).status_code == 200, url
