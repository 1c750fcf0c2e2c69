import pytest

from associations.models import Association, Category, Membership


@pytest.fixture
def association(db):
    return Association.objects.create(name="Espergærde Spejderne", slug="espergaerde-spejderne", status="approved")


@pytest.fixture
def member(user, association):
    """The signed-in person's user, as a member of `association`."""
    Membership.objects.create(user=user, association=association, role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def category(db):
    return Category.objects.create(name_da="Natur", name_en="Nature", slug="natur")
