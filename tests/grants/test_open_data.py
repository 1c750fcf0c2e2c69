"""Open data: the schemes API and awarded grants with 360Giving field names."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from grants import selectors
from grants.models import Application
from tests.factories.grants import ApplicantKindFactory, ApplicationFactory, GrantSchemeFactory, RoundFactory
from tests.grants.queries import queries_of

pytestmark = pytest.mark.django_db

THREESIXTY_COLUMNS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Code",
    "Grant Programme:Title",
]


def award(**kwargs) -> Application:
    defaults = {
        "status": Application.Status.GRANTED,
        "amount_granted": Decimal("12500"),
        "decided_on": dt.date(2027, 6, 15),
    }
    return ApplicationFactory(**{**defaults, **kwargs})


def test_the_csv_has_the_360giving_columns(client):
    granted = award(organisation_name="Espergærde Spejderne", cvr="12345678", round__scheme__title_da="§ 18-puljen")

    response = client.get(reverse("grants:awards-csv"))

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert list(rows[0].keys()) == THREESIXTY_COLUMNS
    assert rows[0] == {
        "Identifier": f"360G-helsingor-{granted.pk}",
        "Title": granted.title,
        "Description": granted.description,
        "Currency": "DKK",
        "Amount Awarded": "12500.00",
        "Award Date": "2027-06-15",
        "Recipient Org:Identifier": "DK-CVR-12345678",
        "Recipient Org:Name": "Espergærde Spejderne",
        "Funding Org:Identifier": "DK-CVR-64502018",
        "Funding Org:Name": "Helsingør Kommune",
        "Grant Programme:Code": granted.scheme.slug,
        "Grant Programme:Title": "§ 18-puljen",
    }


def test_only_awards_to_organisations_are_published(client):
    award(title="Bevilget")
    award(title="Delvist", status=Application.Status.PARTLY_GRANTED)
    award(title="Privat", applicant_type=Application.ApplicantType.INDIVIDUAL)
    ApplicationFactory(title="Afslag", status=Application.Status.DECLINED, decided_on=dt.date(2027, 6, 1))
    ApplicationFactory(title="Indsendt", status=Application.Status.SUBMITTED)

    response = client.get("/api/v1/grants/awards")

    assert sorted(item["title"] for item in response.json()["items"]) == ["Bevilget", "Delvist"]


@pytest.mark.postgres
def test_the_awards_are_read_newest_first_from_their_index():
    # On a few test rows the planner always prefers a full scan; forbidding one shows whether the selector's filter
    # still matches the partial index (at 20,000 applications sorting them all took 40 ms per page).
    older = award(title="Ældre", decided_on=dt.date(2027, 3, 1))
    newer = award(title="Nyere", decided_on=dt.date(2027, 6, 1))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    assert list(selectors.awards()) == [newer, older]
    assert "application_awards" in selectors.awards().explain()


def test_the_api_awards_follow_360giving_json(client):
    award(cvr="")

    item = client.get("/api/v1/grants/awards").json()["items"][0]

    assert set(item) == {
        "identifier",
        "title",
        "description",
        "currency",
        "amountAwarded",
        "awardDate",
        "recipientOrganization",
        "fundingOrganization",
        "grantProgramme",
    }
    assert item["amountAwarded"] == 12500
    assert item["recipientOrganization"][0]["id"].startswith("360G-helsingor-org-")


def test_the_api_lists_schemes_open_first_with_a_total(client):
    closed = RoundFactory(
        opens_at=timezone.now() - dt.timedelta(days=60), deadline=timezone.now() - dt.timedelta(days=1)
    ).scheme
    open_ = RoundFactory().scheme
    GrantSchemeFactory(status="draft")

    data = client.get("/api/v1/grants").json()

    assert data["count"] == 2
    assert [item["slug"] for item in data["items"]] == [open_.slug, closed.slug]
    assert data["items"][0]["is_open"] is True


def test_the_api_filters_like_the_page(client):
    kind = ApplicantKindFactory(slug="netvaerk")
    networks = RoundFactory().scheme
    networks.applicant_kinds.add(kind)
    others = RoundFactory().scheme
    others.applicant_kinds.add(ApplicantKindFactory(slug="forening"))

    data = client.get("/api/v1/grants", {"applicant_kind": "netvaerk"}).json()

    assert [item["slug"] for item in data["items"]] == [networks.slug]


def test_the_api_shows_one_scheme_with_rounds(client):
    scheme = RoundFactory(deadline=None).scheme

    data = client.get(f"/api/v1/grants/{scheme.slug}").json()

    assert data["slug"] == scheme.slug
    assert data["is_open"] is True
    assert data["rounds"][0]["continuous"] is True
    assert client.get("/api/v1/grants/findes-ikke").status_code == 404


def test_the_api_lists_run_a_constant_number_of_queries(client, django_assert_num_queries):
    def add(count):
        for _ in range(count):
            scheme = RoundFactory().scheme
            scheme.applicant_kinds.add(ApplicantKindFactory(slug="forening"))
            award(round__scheme=scheme)

    add(3)
    schemes = queries_of(lambda: client.get("/api/v1/grants"))
    awards = queries_of(lambda: client.get("/api/v1/grants/awards"))
    add(7)

    with django_assert_num_queries(schemes):
        assert len(client.get("/api/v1/grants").json()["items"]) == 10
    with django_assert_num_queries(awards):
        assert len(client.get("/api/v1/grants/awards").json()["items"]) == 10


def test_the_csv_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    for _ in range(3):
        award()
    few = queries_of(lambda: client.get(reverse("grants:awards-csv")))
    for _ in range(7):
        award()

    with django_assert_num_queries(few):
        client.get(reverse("grants:awards-csv"))


def test_the_openapi_document_describes_the_grants_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {"/api/v1/grants", "/api/v1/grants/awards", "/api/v1/grants/{slug}"} <= set(paths)
