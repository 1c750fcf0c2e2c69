"""The eligibility guide: answers in, fitting schemes with their reasons out, without JavaScript."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from grants.selectors import WHEN_ANY, WHEN_NOW, WHEN_SOON, guide_matches
from tests.factories.grants import ApplicantKindFactory, PurposeFactory, RoundFactory, TargetGroupFactory
from tests.grants.queries import queries_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    association = ApplicantKindFactory(
        slug="social-forening", name_da="Sociale foreninger", name_en="Social associations"
    )
    individual = ApplicantKindFactory(slug="privatperson", name_da="Privatpersoner", name_en="Private persons")
    social = PurposeFactory(
        slug="socialt-arbejde", name_da="Frivilligt socialt arbejde", name_en="Voluntary social work"
    )
    culture = PurposeFactory(slug="kultur", name_da="Kultur", name_en="Culture")
    elderly = TargetGroupFactory(slug="aeldre", name_da="Ældre", name_en="Older people")
    children = TargetGroupFactory(slug="boern", name_da="Børn og unge", name_en="Children and young people")

    paragraph18 = RoundFactory(scheme__title_da="§ 18-puljen").scheme
    paragraph18.applicant_kinds.add(association)
    paragraph18.purposes.add(social)
    paragraph18.target_groups.add(elderly, children)

    culture_pool = RoundFactory(
        scheme__title_da="Kulturpuljen",
        opens_at=timezone.now() + dt.timedelta(days=30),
        deadline=timezone.now() + dt.timedelta(days=60),
    ).scheme
    culture_pool.applicant_kinds.add(association, individual)
    culture_pool.purposes.add(culture)

    open_to_all = RoundFactory(scheme__title_da="Ildsjælepuljen", deadline=None).scheme
    open_to_all.purposes.add(social, culture)
    return {
        "association": association,
        "individual": individual,
        "social": social,
        "culture": culture,
        "elderly": elderly,
        "children": children,
    }


def titles(matches) -> list[str]:
    return [match.scheme.title_da for match in matches]


def test_it_matches_who_what_and_target_group(world):
    matches = guide_matches(
        applicant_kind=world["association"], purpose=world["social"], target_group=world["elderly"], when=WHEN_ANY
    )

    assert titles(matches) == ["§ 18-puljen", "Ildsjælepuljen"]


def test_it_explains_why_each_scheme_fits(world):
    with translation.override("en"):
        paragraph18, open_to_all = guide_matches(
            applicant_kind=world["association"], purpose=world["social"], target_group=world["elderly"], when=WHEN_ANY
        )

    assert paragraph18.reasons[:3] == [
        "Social associations can apply.",
        "It supports voluntary social work.",
        "It gives priority to older people.",
    ]
    assert paragraph18.reasons[3].startswith("It is open now; the deadline is")
    assert open_to_all.reasons == [
        "Everyone can apply.",
        "It supports voluntary social work.",
        "It is open to all target groups.",
        "It is open now and takes applications continuously.",
    ]


def test_a_private_person_only_sees_schemes_open_to_individuals(world):
    matches = guide_matches(applicant_kind=world["individual"], purpose=None, target_group=None, when=WHEN_ANY)

    assert titles(matches) == ["Ildsjælepuljen", "Kulturpuljen"]


def test_now_leaves_out_schemes_that_are_closed(world):
    matches = guide_matches(
        applicant_kind=world["individual"], purpose=world["culture"], target_group=None, when=WHEN_NOW
    )

    assert titles(matches) == ["Ildsjælepuljen"]


def test_soon_includes_schemes_opening_within_three_months(world):
    with translation.override("en"):
        matches = guide_matches(
            applicant_kind=world["individual"], purpose=world["culture"], target_group=None, when=WHEN_SOON
        )

    assert titles(matches) == ["Ildsjælepuljen", "Kulturpuljen"]
    assert matches[1].reasons[-1].startswith("The next round opens")


def test_the_page_works_as_a_plain_get_form(client, world):
    response = client.get(
        reverse("grants:guide"), {"hvem": "social-forening", "formaal": "socialt-arbejde", "hvornaar": "any"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "§ 18-puljen" in content
    assert "Kulturpuljen" not in content
    assert "<script" not in content.split('id="results"')[1].split("</section>")[0]


def test_the_page_asks_who_you_are(client, world):
    response = client.get("/en" + reverse("grants:guide"), {"formaal": "kultur"})

    assert "Choose who you are." in response.content.decode()


def test_the_guide_runs_the_same_number_of_queries_for_4_and_11_matches(client, world, django_assert_num_queries):
    def add(count):
        for _ in range(count):
            scheme = RoundFactory().scheme
            scheme.applicant_kinds.add(world["association"])
            scheme.target_groups.add(world["elderly"])

    url = reverse("grants:guide")
    answers = {"hvem": "social-forening", "maalgruppe": "aeldre", "hvornaar": "any"}
    add(1)
    few = queries_of(lambda: client.get(url, answers))
    add(7)

    with django_assert_num_queries(few):
        response = client.get(url, answers)
    # The eight added schemes and the three of the world that fit an association working for older people.
    assert response.content.decode().count('class="grant-card"') == 11
