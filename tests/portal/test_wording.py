"""The words a person reads: what a button does, which fields may be left empty, and places written once."""

import re

import pytest
from django.urls import reverse

from tests.factories.associations import MunicipalUnitFactory, VolunteerRoleFactory
from tests.factories.dialogue import CommentFactory
from tests.factories.facilities import FacilityFactory
from tests.factories.grants import GrantSchemeFactory, RoundFactory
from tests.factories.recognition import AwardRoundFactory

pytestmark = pytest.mark.django_db


def label_of(html: str, name: str) -> str:
    """The text of the label (or legend) of the form field `name`."""
    match = re.search(rf'<label class="form-label" for="id_{name}">(.*?)</label>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_a_comment_is_reported_with_the_verb_the_thanks_pages_use(client, user):
    comment = CommentFactory()
    client.force_login(user)

    html = client.get(reverse("dialogue:idea-detail", args=[comment.idea.pk])).content.decode()

    assert ">Anmeld<" in html
    assert "Rapport" not in html


def test_a_nominee_name_the_form_requires_without_an_association_is_not_called_optional(client, user):
    client.force_login(user)

    html = client.get(reverse("recognition:nomination-create", args=[AwardRoundFactory().pk])).content.decode()

    assert label_of(html, "nominee_name") == "Personens eller foreningens navn"
    assert "(valgfrit)" in label_of(html, "association")


def test_the_person_thanked_is_not_called_optional(client, user):
    client.force_login(user)

    html = client.get(reverse("recognition:thanks-create")).content.decode()

    assert "valgfrit" not in label_of(html, "recipient")


def test_a_cvr_number_the_scheme_requires_is_not_called_optional(client, user):
    round_ = RoundFactory(scheme=GrantSchemeFactory(requires_cvr=True))
    client.force_login(user)

    html = client.get(reverse("grants:application-create", args=[round_.scheme.slug])).content.decode()

    assert "valgfrit" not in label_of(html, "cvr")
    assert "Puljen kræver et CVR-nummer" in html


@pytest.mark.parametrize(
    ("before", "after", "expected", "absent"),
    [
        (0, 15, "Lokalet holdes fri 15 minutter efter hver booking.", "før"),
        (10, 0, "Lokalet holdes fri 10 minutter før hver booking.", "efter hver"),
        (10, 15, "Lokalet holdes fri 10 minutter før og 15 minutter efter hver booking.", "0 minutter før"),
    ],
)
def test_the_rules_mention_only_the_buffers_a_facility_has(client, before, after, expected, absent):
    facility = FacilityFactory(buffer_before=before, buffer_after=after)

    html = client.get(reverse("facilities:facility-detail", args=[facility.slug])).content.decode()

    assert expected in html
    assert absent not in html.split(expected)[0][-200:]
    assert "holdes fri 0 minutter" not in html


def test_a_place_that_names_its_town_is_not_followed_by_the_town_again(client):
    unit = MunicipalUnitFactory(address="Stationsvej 6, 3060 Espergærde")
    role = VolunteerRoleFactory(association=None, municipal_unit=unit, place=unit.address, town="espergaerde")

    html = client.get(reverse("associations:role-detail", args=[role.pk])).content.decode()

    assert "Stationsvej 6, 3060 Espergærde" in html
    assert "Espergærde, Espergærde" not in html


def test_a_facility_address_is_followed_by_its_town(client):
    facility = FacilityFactory(address="Stationsvej 1", town="espergaerde")

    html = client.get(reverse("facilities:facility-detail", args=[facility.slug])).content.decode()

    assert "Stationsvej 1, Espergærde" in html


def test_the_target_group_filter_offers_all_once(client):
    html = client.get(reverse("associations:association-list")).content.decode()
    select = re.search(r'<select name="target_group".*?</select>', html, re.S).group(0)

    options = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    assert len(options) == len(set(options))
    assert options[0] == "Alle målgrupper"
