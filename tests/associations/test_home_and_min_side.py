import pytest
from django.urls import reverse

from associations.models import Membership
from tests.factories.associations import ActivityFactory, MembershipFactory, VolunteerRoleFactory

pytestmark = pytest.mark.django_db


def test_home_shows_upcoming_activities_and_newest_roles(client):
    ActivityFactory(title="Sankthansbål")
    VolunteerRoleFactory(title="Bålvagt")
    response = client.get(reverse("home"))
    assert "Sankthansbål" in response.text
    assert "Bålvagt" in response.text


def test_min_side_lists_the_persons_associations(client):
    membership = MembershipFactory(role=Membership.Role.EDITOR)
    client.force_login(membership.user)
    response = client.get(reverse("min-side"))
    assert membership.association.name in response.text
    assert reverse("associations:association-manage", kwargs={"slug": membership.association.slug}) in response.text
    assert reverse("associations:association-register") in response.text


def test_members_edit_the_profile_from_min_side(client):
    membership = MembershipFactory(role=Membership.Role.EDITOR)
    client.force_login(membership.user)
    url = reverse("associations:association-edit", kwargs={"slug": membership.association.slug})
    data = {
        "name": "Nyt Navn",
        "kind": "cultural",
        "description": "Ny beskrivelse.",
        "towns": ["hornbaek", "tikob"],
        "target_groups": ["seniors"],
    }
    assert client.post(url, data).status_code == 302
    association = membership.association
    association.refresh_from_db()
    assert (association.name, association.kind) == ("Nyt Navn", "cultural")
    assert sorted(t.town for t in association.towns.all()) == ["hornbaek", "tikob"]
    response = client.post(url, {**data, "min_age": "20", "max_age": "10"})
    assert response.status_code == 200
    assert "max_age" in response.context["form"].errors
    assert 'value="Nyt Navn"' in response.text
