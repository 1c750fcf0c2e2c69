import datetime as dt

import pytest
from django.utils import timezone

from associations.models import Activity, Association
from tests.factories.associations import (
    ActivityFactory,
    AssociationFactory,
    CategoryFactory,
    MunicipalUnitFactory,
    VolunteerRoleFactory,
)

pytestmark = pytest.mark.django_db


def test_the_association_list_is_paginated_with_a_total_count(client):
    AssociationFactory.create_batch(23)
    AssociationFactory(status=Association.Status.PENDING)
    first = client.get("/api/v1/associations").json()
    assert (first["count"], first["page"], first["pages"], len(first["items"])) == (23, 1, 2, 20)
    second = client.get("/api/v1/associations", {"page": 2}).json()
    assert len(second["items"]) == 3
    item = first["items"][0]
    assert set(item) >= {"slug", "name", "kind", "url", "description", "categories", "towns", "target_groups"}


def test_the_association_list_filters(client):
    sport = CategoryFactory(slug="sport")
    AssociationFactory(name="Hornbæk Sejlklub", categories=[sport], towns=["hornbaek"])
    AssociationFactory(name="Tikøb Kor", towns=["tikob"])
    assert [a["name"] for a in client.get("/api/v1/associations", {"category": "sport"}).json()["items"]] == [
        "Hornbæk Sejlklub"
    ]
    assert [a["name"] for a in client.get("/api/v1/associations", {"town": "tikob"}).json()["items"]] == ["Tikøb Kor"]
    assert [a["name"] for a in client.get("/api/v1/associations", {"q": "Sejlklub"}).json()["items"]] == [
        "Hornbæk Sejlklub"
    ]


def test_one_association_by_slug_and_404_for_unapproved(client):
    association = AssociationFactory(cvr="12345674")
    hidden = AssociationFactory(status=Association.Status.HIDDEN)
    data = client.get(f"/api/v1/associations/{association.slug}").json()
    assert (data["name"], data["cvr"]) == (association.name, "12345674")
    assert client.get(f"/api/v1/associations/{hidden.slug}").status_code == 404


def test_activities_are_expanded_dates_in_the_requested_period(client):
    start = timezone.localdate() + dt.timedelta(days=1)
    ActivityFactory(title="Ugentlig", kind=Activity.Kind.WEEKLY, weekday=start.weekday(), starts_on=start)
    ActivityFactory(title="Tikøb", town="tikob", starts_on=start + dt.timedelta(days=1))
    end = start + dt.timedelta(days=14)
    data = client.get("/api/v1/activities", {"from": start.isoformat(), "to": end.isoformat()}).json()
    assert data["count"] == 4
    assert [i["title"] for i in data["items"]].count("Ugentlig") == 3
    assert data["items"][0]["starts_at"].startswith(start.isoformat())
    assert [i["title"] for i in client.get("/api/v1/activities", {"town": "tikob"}).json()["items"]] == ["Tikøb"]
    assert client.get("/api/v1/activities", {"from": "igår"}).status_code == 422


def test_volunteer_roles_include_municipal_units(client):
    VolunteerRoleFactory(title="Træner")
    VolunteerRoleFactory(title="Højtlæser", association=None, municipal_unit=MunicipalUnitFactory(name="Bøgehøj"))
    VolunteerRoleFactory(title="Lukket", status="closed")
    data = client.get("/api/v1/volunteer-roles").json()
    assert data["count"] == 2
    posters = {item["title"]: item["posted_by"] for item in data["items"]}
    assert posters["Højtlæser"] == "Bøgehøj"


def test_the_endpoints_are_documented_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/associations",
        "/api/v1/associations/{slug}",
        "/api/v1/activities",
        "/api/v1/volunteer-roles",
    } <= set(paths)
    parameters = {p["name"] for p in paths["/api/v1/activities"]["get"]["parameters"]}
    assert {"from", "to", "town", "category", "page"} <= parameters


def test_the_api_is_read_only(client):
    assert client.post("/api/v1/associations").status_code == 405
