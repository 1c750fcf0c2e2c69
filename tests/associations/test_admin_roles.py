"""Staff hide a volunteer role only through the action that asks for the reason and tells the poster."""

import pytest

from associations.models import VolunteerRole
from tests.admin_forms import change_form_data
from tests.factories.associations import VolunteerRoleFactory
from tests.factories.portal import StaffFactory

pytestmark = pytest.mark.django_db


def test_the_change_form_refuses_to_hide_a_role(client):
    client.force_login(StaffFactory(is_superuser=True))
    role = VolunteerRoleFactory(status=VolunteerRole.Status.OPEN)
    url = f"/admin/associations/volunteerrole/{role.pk}/change/"

    response = client.post(url, {**change_form_data(client.get(url)), "status": VolunteerRole.Status.HIDDEN})

    assert response.status_code == 200
    assert "Skjul de valgte frivilligjob" in response.text
    role.refresh_from_db()
    assert role.status == VolunteerRole.Status.OPEN


def test_the_change_form_brings_back_a_hidden_role(client):
    client.force_login(StaffFactory(is_superuser=True))
    role = VolunteerRoleFactory(status=VolunteerRole.Status.HIDDEN)
    url = f"/admin/associations/volunteerrole/{role.pk}/change/"

    response = client.post(url, {**change_form_data(client.get(url)), "status": VolunteerRole.Status.OPEN})

    assert response.status_code == 302
    role.refresh_from_db()
    assert role.status == VolunteerRole.Status.OPEN
