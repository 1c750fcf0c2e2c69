"""Staff cannot take an association's last administrator away through the admin, in any of its ways to do so."""

import pytest
from django.contrib.admin import helpers

from associations.models import Membership
from tests.admin_forms import change_form_data
from tests.factories.associations import AssociationFactory, MembershipFactory
from tests.factories.portal import StaffFactory

pytestmark = pytest.mark.django_db

LAST_ADMIN = "En forening skal altid have mindst én administrator."


@pytest.fixture
def staff(client):
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    return staff


@pytest.fixture
def admin_membership():
    return MembershipFactory(role=Membership.Role.ADMIN)


def _membership_prefix(data: dict) -> str:
    return next(key.removesuffix("-TOTAL_FORMS") for key in data if key.endswith("-TOTAL_FORMS") and "member" in key)


@pytest.mark.parametrize("change", ["delete", "demote"])
def test_the_association_form_refuses_to_take_away_the_last_admin(client, staff, admin_membership, change):
    url = f"/admin/associations/association/{admin_membership.association_id}/change/"
    data = change_form_data(client.get(url))
    prefix = _membership_prefix(data)
    if change == "delete":
        data[f"{prefix}-0-DELETE"] = "on"
    else:
        data[f"{prefix}-0-role"] = Membership.Role.EDITOR

    response = client.post(url, data)

    assert response.status_code == 200
    assert LAST_ADMIN in response.text
    admin_membership.refresh_from_db()
    assert admin_membership.role == Membership.Role.ADMIN


def test_the_association_form_demotes_an_admin_when_another_remains(client, staff, admin_membership):
    MembershipFactory(association=admin_membership.association, role=Membership.Role.ADMIN)
    url = f"/admin/associations/association/{admin_membership.association_id}/change/"
    data = change_form_data(client.get(url))
    data[f"{_membership_prefix(data)}-0-role"] = Membership.Role.EDITOR

    assert client.post(url, data).status_code == 302

    admin_membership.refresh_from_db()
    assert admin_membership.role == Membership.Role.EDITOR


def test_the_membership_form_refuses_to_demote_or_move_the_last_admin(client, staff, admin_membership):
    url = f"/admin/associations/membership/{admin_membership.pk}/change/"
    data = change_form_data(client.get(url))

    demoted = client.post(url, {**data, "role": Membership.Role.EDITOR})
    moved = client.post(url, {**data, "association": AssociationFactory().pk})

    for response in (demoted, moved):
        assert response.status_code == 200
        assert LAST_ADMIN in response.text
    admin_membership.refresh_from_db()
    assert admin_membership.role == Membership.Role.ADMIN


def test_the_delete_page_refuses_the_last_admin(client, staff, admin_membership):
    url = f"/admin/associations/membership/{admin_membership.pk}/delete/"

    response = client.post(url, {"post": "yes"}, follow=True)

    assert LAST_ADMIN in response.text
    assert Membership.objects.filter(pk=admin_membership.pk).exists()


def test_the_delete_page_deletes_an_admin_when_another_remains(client, staff, admin_membership):
    MembershipFactory(association=admin_membership.association, role=Membership.Role.ADMIN)

    response = client.post(f"/admin/associations/membership/{admin_membership.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=admin_membership.pk).exists()


def test_the_bulk_delete_refuses_to_take_every_admin(client, staff, admin_membership):
    second = MembershipFactory(association=admin_membership.association, role=Membership.Role.ADMIN)
    other = MembershipFactory(role=Membership.Role.EDITOR)
    selected = [admin_membership.pk, second.pk, other.pk]

    response = client.post(
        "/admin/associations/membership/",
        {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: selected, "post": "yes"},
        follow=True,
    )

    assert f"{admin_membership.association}: {LAST_ADMIN}" in response.text
    assert Membership.objects.filter(pk__in=selected).count() == 3


def test_the_bulk_delete_deletes_when_an_admin_remains(client, staff, admin_membership):
    second = MembershipFactory(association=admin_membership.association, role=Membership.Role.ADMIN)
    editor = MembershipFactory(association=admin_membership.association, role=Membership.Role.EDITOR)

    response = client.post(
        "/admin/associations/membership/",
        {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [second.pk, editor.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert list(Membership.objects.filter(association=admin_membership.association)) == [admin_membership]
