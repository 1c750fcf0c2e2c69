"""The directory finds an association by the names of its categories, target groups and towns, not only its texts."""

import pytest

from associations import selectors, services
from associations.models import Association, TargetGroup, Town
from tests.factories.associations import AssociationFactory, AssociationTargetGroupFactory, CategoryFactory
from tests.factories.portal import StaffFactory

pytestmark = pytest.mark.django_db


def _names(**filters) -> list[str]:
    return [a.name for a in selectors.associations_search(filters=selectors.AssociationFilters(**filters))]


def _refresh() -> None:
    services.association_search_terms_refresh(associations=Association.objects.all())


@pytest.fixture
def clubs():
    """A little of the demo directory: three sports clubs, the scouts and a nature school named for nature."""
    sport = CategoryFactory(name_da="Idræt", name_en="Sport", slug="idraet")
    nature = CategoryFactory(name_da="Natur og friluftsliv", name_en="Nature and outdoor life", slug="natur")
    AssociationFactory(name="Snekkersten Badmintonklub", description="Badminton for alle.", categories=[sport])
    AssociationFactory(name="Helsingør Svømmeklub", description="Svømning i Helsingør Svømmehal.", categories=[sport])
    AssociationFactory(name="Hornbæk Cykelklub", description="Vi cykler om søndagen.", categories=[sport])
    AssociationFactory(name="Espergærde Spejderne", description="Ugentlige møder og weekendture.", categories=[nature])
    AssociationFactory(name="Naturskolen Teglstrup", description="Ture i skoven.", towns=[Town.HELLEBAEK])
    _refresh()


def test_a_category_name_finds_the_associations_in_it(clubs):
    assert set(_names(q="idræt")) == {"Snekkersten Badmintonklub", "Helsingør Svømmeklub", "Hornbæk Cykelklub"}


def test_the_english_name_of_a_category_finds_them_too(clubs):
    assert set(_names(q="sport")) == {"Snekkersten Badmintonklub", "Helsingør Svømmeklub", "Hornbæk Cykelklub"}


@pytest.mark.postgres
def test_a_word_of_a_category_name_finds_the_scouts(clubs):
    assert "Espergærde Spejderne" in _names(q="natur")


@pytest.mark.postgres
def test_a_name_match_comes_before_a_category_match(clubs):
    assert _names(q="natur") == ["Naturskolen Teglstrup", "Espergærde Spejderne"]


def test_a_town_served_finds_the_association(clubs):
    assert _names(q="hellebæk") == ["Naturskolen Teglstrup"]


def test_a_target_group_finds_the_association(clubs):
    AssociationTargetGroupFactory(
        association=Association.objects.get(name="Hornbæk Cykelklub"), group=TargetGroup.SENIORS
    )
    _refresh()

    assert _names(q="seniorer") == ["Hornbæk Cykelklub"]


@pytest.mark.postgres
def test_a_typo_in_the_name_is_tolerated(clubs):
    assert _names(q="spejdr") == ["Espergærde Spejderne"]


@pytest.mark.postgres
def test_a_typo_in_a_category_name_is_tolerated(clubs):
    assert "Espergærde Spejderne" in _names(q="frilufsliv")


def test_the_profile_form_keeps_the_terms_in_step(clubs):
    scouts = Association.objects.get(name="Espergærde Spejderne")
    sport = CategoryFactory(slug="idraet")

    services.association_update(
        association=scouts,
        fields={"name": scouts.name, "description": scouts.description},
        categories=[sport],
        towns=[Town.ESPERGAERDE],
        target_groups=[],
    )

    assert "Espergærde Spejderne" in _names(q="idræt")
    assert "Espergærde Spejderne" not in _names(q="friluftsliv")


def test_renaming_a_category_in_the_admin_renames_what_finds_its_associations(client, clubs):
    client.force_login(StaffFactory(is_superuser=True))
    sport = CategoryFactory(slug="idraet")

    response = client.post(
        f"/admin/associations/category/{sport.pk}/change/",
        {"name_da": "Motion", "name_en": "Exercise", "slug": "idraet", "position": 0},
    )

    assert response.status_code == 302
    assert set(_names(q="motion")) == {"Snekkersten Badmintonklub", "Helsingør Svømmeklub", "Hornbæk Cykelklub"}
    assert _names(q="idræt") == []


@pytest.mark.postgres
def test_a_name_with_the_word_comes_before_a_category_with_it(clubs):
    nature = CategoryFactory(slug="natur")
    AssociationFactory(name="Natur og Miljø Helsingør", description="Vi passer på skoven.", categories=[nature])
    _refresh()

    names = _names(q="natur")
    assert names.index("Natur og Miljø Helsingør") < names.index("Espergærde Spejderne")


@pytest.mark.postgres
def test_a_name_holding_the_word_in_a_compound_comes_before_the_category_matches(clubs):
    sport = CategoryFactory(slug="idraet")
    AssociationFactory(name="Helsingør Idrætsforening", description="Fodbold og håndbold.", categories=[sport])
    _refresh()

    assert _names(q="idræt")[0] == "Helsingør Idrætsforening"
