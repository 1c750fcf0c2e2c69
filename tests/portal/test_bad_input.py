"""Odd input never causes a server error: NUL bytes, numbers beyond the database's bigint, far dates and times with
a UTC offset get a 422 with a message from the API, a form error or a 400/404 from the pages and the admin."""

import datetime as dt

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.factories.facilities import FacilityFactory
from tests.factories.portal import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

HUGE = "9223372036854775808"


@pytest.fixture
def facility():
    return FacilityFactory(slug="sal")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/associations?q=%00",
        "/api/v1/volunteer-roles?q=%00",
        "/api/v1/activities?town=%00",
        "/api/v1/grants?purpose=%00",
        "/api/v1/grants/awards?scheme=%00",
        "/api/v1/facilities?kind=%00",
        "/api/v1/facilities?feature=%00",
        "/api/v1/associations/%00",
        "/api/v1/facilities/%00",
        "/api/v1/facilities/%00/availability?from=2026-12-14&to=2026-12-20",
        "/api/v1/grants/%00",
        f"/api/v1/facilities?offset={HUGE}",
        f"/api/v1/grants?offset={HUGE}",
        f"/api/v1/grants/awards?offset={HUGE}",
        f"/api/v1/associations?page={HUGE}",
        "/api/v1/facilities?capacity=99999999999999999999",
        "/api/v1/activities?from=9999-12-31",
        "/api/v1/activities?to=0001-01-01",
        "/api/v1/facilities/sal/availability?from=9999-12-31&to=9999-12-31",
        "/api/v1/facilities?date=2026-12-17&from=12:00:00%2B20:00&to=13:00:00",
        "/api/v1/facilities?date=2026-12-17&from=12:00:00&to=13:00:00%2B20:00",
        "/api/v1/facilities?date=9999-12-31&from=12:00&to=13:00",
    ],
)
def test_the_api_answers_odd_parameters_with_422_and_a_message(client, facility, url):
    response = client.get(url)
    assert response.status_code == 422, response.content
    assert response.json()["message"]


def test_the_api_names_the_field_in_its_message(client):
    response = client.get("/api/v1/associations?q=%00")
    assert response.json()["message"].startswith("q: ")
    assert response.json()["detail"][0]["loc"] == ["query", "q"]


def test_an_api_address_that_matches_no_operation_answers_json_404(client):
    response = client.get("/api/v1/associations/a/b")
    assert response.status_code == 404
    assert response.json() == {"message": "Not found."}


def test_the_api_answers_401_with_a_message(client):
    response = client.get("/api/v1/bookings/mine")
    assert response.status_code == 401
    assert response.json() == {"message": "Sign in to use this."}


def test_the_api_answers_a_failed_csrf_check_with_a_message(facility):
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    response = client.post("/api/v1/bookings", {}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["message"]


@pytest.fixture
def signed_in():
    client = Client()
    client.force_login(UserFactory())
    return client


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("purpose", "Møde\u0000"),
        ("facility", "sal\u0000"),
        ("association", "\u0000"),
        ("start", "9999-12-31T23:00:00+01:00"),
        ("end", "9999-12-31T23:59:59+01:00"),
        ("attendees", 2**63),
    ],
)
def test_the_booking_api_answers_odd_fields_with_422(signed_in, facility, field, value):
    day = dt.date.today() + dt.timedelta(days=14)
    body = {
        "facility": facility.slug,
        "start": f"{day}T17:00:00+01:00",
        "end": f"{day}T19:00:00+01:00",
        "purpose": "Møde",
        "attendees": 10,
        field: value,
    }
    response = signed_in.post("/api/v1/bookings", body, content_type="application/json")
    assert response.status_code == 422, response.content
    assert response.json()["message"]


def test_the_booking_api_answers_a_huge_id_with_422(signed_in):
    response = signed_in.post(f"/api/v1/bookings/{HUGE}/cancel", content_type="application/json")
    assert response.status_code == 422


@pytest.mark.parametrize("offset", [HUGE, "-1"])
def test_my_bookings_answer_an_offset_beyond_bounds_with_422(signed_in, offset):
    assert signed_in.get(f"/api/v1/bookings/mine?offset={offset}").status_code == 422


@pytest.mark.parametrize(
    "url",
    [
        "/en/historier/?forening=%00",
        "/en/raadgivning/?q=%00",
        "/en/foreninger/?q=%00",
        "/en/aktiviteter/?town=%00",
        "/en/lokaler/?kind=%00",
        "/en/lokaler/?x%00=1",
    ],
)
def test_pages_answer_nul_in_the_query_string_with_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "The address cannot be read" in response.content.decode()


@pytest.mark.parametrize("url", ["/lokaler/kalender/%00.ics", "/foreninger/%00/"])
def test_pages_answer_nul_in_the_path_with_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/en/aktiviteter/?start=9999-12-31", "/en/aktiviteter/?end=0001-01-01"])
def test_the_calendar_shows_a_far_date_as_a_form_error(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Enter a date between the years 2000 and 2100." in response.content.decode()


def test_the_calendar_feed_ignores_a_far_date(client):
    response = client.get("/aktiviteter/kalender.ics?start=9999-12-31")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


def test_the_facility_filter_refuses_a_huge_capacity(client):
    response = client.get("/en/lokaler/?capacity=99999999999999999999")
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 100000." in response.content.decode()


def _changelists_with_status() -> list[str]:
    return sorted(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
        if any(field.name == "status" for field in model._meta.get_fields())
    )


@pytest.mark.parametrize("url", _changelists_with_status())
def test_admin_lists_answer_nul_in_a_lookup_with_400(client, url):
    client.force_login(StaffFactory(is_superuser=True))
    assert client.get(f"{url}?status__exact=%00").status_code == 400


def test_the_booking_api_answers_an_unreadable_body_with_400():
    # The CSRF check reads the form fields, so a multipart body without its boundary fails there first.
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    client.cookies["csrftoken"] = "a" * 32
    response = client.post(
        "/api/v1/bookings", b"x", content_type="multipart/form-data", headers={"X-CSRFToken": "a" * 32}
    )
    assert response.status_code == 400
    assert response.json() == {"message": "The request body cannot be read."}
