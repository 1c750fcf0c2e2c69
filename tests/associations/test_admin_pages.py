import pytest

from tests.factories.associations import (
    ActivityFactory,
    InterestFactory,
    InvitationFactory,
    MembershipFactory,
    MunicipalUnitFactory,
    VolunteerRoleFactory,
)
from tests.factories.portal import StaffFactory

pytestmark = pytest.mark.django_db


def test_staff_can_open_every_associations_admin_page(client):
    membership = MembershipFactory()
    objects = {
        "association": membership.association,
        "membership": membership,
        "activity": ActivityFactory(association=membership.association),
        "volunteerrole": VolunteerRoleFactory(association=membership.association),
        "municipalunit": MunicipalUnitFactory(),
        "invitation": InvitationFactory(association=membership.association),
        "interest": InterestFactory(),
    }
    client.force_login(StaffFactory(is_superuser=True))
    for model, obj in objects.items():
        base = f"/admin/associations/{model}/"
        assert client.get(base).status_code == 200, base
        assert client.get(f"{base}{obj.pk}/change/").status_code == 200, model
        assert client.get(f"{base}?q=a").status_code == 200, model
    assert client.get("/admin/associations/category/add/").status_code == 200
    assert client.get("/admin/associations/association/add/").status_code == 200
