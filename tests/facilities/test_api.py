"""The JSON API: public catalogue and availability; booking for signed-in members with the session and CSRF token."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from facilities import selectors
from facilities.models import Booking
from tests.factories.facilities import BookingFactory, BookingMembershipFactory, ClosureFactory, FacilityFactory
from tests.factories.portal import UserFactory

from .conftest import at

pytestmark = pytest.mark.django_db


def payload(facility_, association_, day, **overrides):
    return {
        "facility": facility_.slug,
        "association": association_.slug if association_ else None,
        "start": at(day, 17).isoformat(),
        "end": at(day, 19).isoformat(),
        "purpose": "Spejdermøde",
        "attendees": 20,
        **overrides,
    }


@pytest.fixture
def member_client(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    client.get("/api/v1/bookings/mine")  # sets nothing; the CSRF cookie comes from a page
    client.get("/lokaler/")
    return client


def post(client, path, data=None):
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""
    return client.post(path, data or {}, content_type="application/json", headers={"X-CSRFToken": token})


def test_it_lists_facilities_with_a_total_count(client, django_assert_num_queries):
    for _ in range(3):
        FacilityFactory()
    with django_assert_num_queries(3) as three:
        response = client.get("/api/v1/facilities")
    assert response.json()["count"] == 3
    for _ in range(7):
        FacilityFactory()
    with django_assert_num_queries(len(three.captured_queries)):
        response = client.get("/api/v1/facilities")
    assert response.json()["count"] == 10
    assert len(response.json()["items"]) == 10


def test_it_filters_like_the_page(client):
    FacilityFactory(slug="stor", capacity=200, hearing_loop=True)
    FacilityFactory(slug="lille", capacity=10)
    response = client.get("/api/v1/facilities?capacity=100&feature=hearing_loop")
    assert [item["slug"] for item in response.json()["items"]] == ["stor"]


def test_it_shows_a_facility(client, facility):
    response = client.get(f"/api/v1/facilities/{facility.slug}")
    assert response.status_code == 200
    assert response.json()["name_en"] == "Espergærde Hall"
    assert len(response.json()["opening_hours"]) == 7
    assert client.get("/api/v1/facilities/findes-ikke").status_code == 404


def test_it_gives_availability_with_offsets(client, facility, monday, django_assert_max_num_queries):
    BookingFactory(facility=facility, start=at(monday, 17), end=at(monday, 19))
    with django_assert_max_num_queries(5):
        response = client.get(f"/api/v1/facilities/{facility.slug}/availability?from={monday}&to={monday}")
    assert response.status_code == 200
    intervals = response.json()["intervals"]
    assert [(i["start"][11:16], i["end"][11:16], i["state"]) for i in intervals] == [
        ("00:00", "08:00", "closed"),
        ("08:00", "17:00", "free"),
        ("17:00", "19:00", "busy"),
        ("19:00", "22:00", "free"),
        ("22:00", "00:00", "closed"),
    ]
    assert intervals[0]["start"].endswith(("+01:00", "+02:00"))
    assert intervals[2]["label"] == ""  # who booked stays private


def test_availability_queries_stay_constant(client, facility, monday, django_assert_num_queries):
    url = f"/api/v1/facilities/{facility.slug}/availability?from={monday}&to={monday + dt.timedelta(days=30)}"
    BookingFactory(facility=facility, start=at(monday, 10), end=at(monday, 12))
    blocks = {
        (monday + dt.timedelta(days=n) - dt.date(2001, 1, 1)).days // selectors.KEPT_BLOCK_DAYS for n in range(31)
    }
    # The facility, its hours and closures; then the bookings of each block of weeks the 31 days touch.
    with django_assert_num_queries(3 + len(blocks)) as few:
        client.get(url)
    for day in range(1, 20):
        BookingFactory(facility=facility, start=at(monday + dt.timedelta(days=day), 10))
        ClosureFactory(
            facility=facility,
            start=at(monday + dt.timedelta(days=day), 13),
            end=at(monday + dt.timedelta(days=day), 14),
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_availability_is_kept_in_blocks_of_weeks(client, facility, monday, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 60
    url = f"/api/v1/facilities/{facility.slug}/availability?from={{}}&to={{}}"
    block = monday - dt.timedelta(days=(monday - dt.date(2001, 1, 1)).days % selectors.KEPT_BLOCK_DAYS)
    per_block = selectors.KEPT_BLOCK_DAYS // 7
    weeks = [block + dt.timedelta(days=7 * n) for n in range(per_block + 1)]
    client.get(url.format(weeks[0], weeks[0]))
    # The facility, its hours and closures, and the block's availability are kept under the content version.
    with django_assert_num_queries(0):
        last_week = client.get(url.format(weeks[-2], weeks[-2] + dt.timedelta(days=6)))
    assert {i["start"][:10] for i in last_week.json()["intervals"]} >= {str(weeks[-2] + dt.timedelta(days=6))}
    with django_assert_num_queries(1):  # the next block: its bookings
        assert client.get(url.format(weeks[-1], weeks[-1])).status_code == 200
    # A change is seen at once: a booking, a closure, then hours no longer kept.
    BookingFactory(facility=facility, start=at(weeks[1], 17), end=at(weeks[1], 19))
    intervals = client.get(url.format(weeks[1], weeks[1])).json()["intervals"]
    assert "busy" in [i["state"] for i in intervals]
    ClosureFactory(facility=facility, start=at(weeks[1], 9), end=at(weeks[1], 12), reason="Maling")
    intervals = client.get(url.format(weeks[1], weeks[1])).json()["intervals"]
    assert ("closed", "Maling") in [(i["state"], i["label"]) for i in intervals]
    facility.opening_hours.filter(weekday=weeks[1].weekday()).delete()
    intervals = client.get(url.format(weeks[1], weeks[1])).json()["intervals"]
    assert {i["state"] for i in intervals} == {"closed"}


def test_availability_is_limited_to_31_days(client, facility, monday):
    response = client.get(
        f"/api/v1/facilities/{facility.slug}/availability?from={monday}&to={monday + dt.timedelta(days=31)}"
    )
    assert response.status_code == 400
    assert (
        client.get(
            f"/api/v1/facilities/{facility.slug}/availability?from={monday}&to={monday - dt.timedelta(days=1)}"
        ).status_code
        == 400
    )
    assert client.get(f"/api/v1/facilities/{facility.slug}/availability?from=nonsense&to={monday}").status_code == 422


def test_a_member_books(member_client, facility, association, monday):
    response = post(member_client, "/api/v1/bookings", payload(facility, association, monday))
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "confirmed"
    assert (
        response.json()["start"]
        == at(monday, 17)
        .astimezone(
            dt.timezone(at(monday, 17).astimezone(__import__("zoneinfo").ZoneInfo("Europe/Copenhagen")).utcoffset())
        )
        .isoformat()
    )


def test_a_taken_slot_is_a_conflict(member_client, facility, association, monday):
    BookingFactory(facility=facility, start=at(monday, 18), end=at(monday, 20))
    response = post(member_client, "/api/v1/bookings", payload(facility, association, monday))
    assert response.status_code == 409
    assert "netop blevet booket" in response.json()["message"]


def test_a_closed_slot_is_a_conflict(member_client, facility, association, monday):
    ClosureFactory(facility=facility, start=at(monday, 0), end=at(monday, 23), reason="Renovering")
    assert post(member_client, "/api/v1/bookings", payload(facility, association, monday)).status_code == 409


def test_a_broken_rule_is_unprocessable(member_client, facility, association, monday):
    response = post(member_client, "/api/v1/bookings", payload(facility, association, monday, attendees=500))
    assert response.status_code == 422
    assert "højst 50 personer" in response.json()["message"]


def test_bad_input_is_refused(member_client, facility, association, monday):
    assert post(member_client, "/api/v1/bookings", {"facility": facility.slug}).status_code == 422
    naive = payload(facility, association, monday, start="2030-01-01T17:00:00", end="2030-01-01T19:00:00")
    assert post(member_client, "/api/v1/bookings", naive).status_code == 422
    unknown = payload(facility, association, monday, facility="findes-ikke")
    assert post(member_client, "/api/v1/bookings", unknown).status_code == 422


def test_a_nul_byte_in_the_purpose_is_refused_not_a_server_error(member_client, facility, association, monday):
    response = post(member_client, "/api/v1/bookings", payload(facility, association, monday, purpose="Møde\x00"))
    assert response.status_code == 422
    assert "kontroltegn" in response.json()["message"]


def test_booking_for_someone_elses_association_is_forbidden(member_client, facility, monday):
    other = BookingMembershipFactory().association
    response = post(member_client, "/api/v1/bookings", payload(facility, other, monday))
    assert response.status_code == 403
    unknown = payload(facility, other, monday, association="findes-ikke")
    assert post(member_client, "/api/v1/bookings", unknown).status_code == 403
    assert not Booking.objects.exists()


def test_booking_needs_a_session(facility, association, monday):
    response = Client().post(
        "/api/v1/bookings", payload(facility, association, monday), content_type="application/json"
    )
    assert response.status_code == 401


def test_booking_needs_the_csrf_token(member, facility, association, monday):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post("/api/v1/bookings", payload(facility, association, monday), content_type="application/json")
    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_mine_lists_only_my_bookings(
    member_client, member, association, django_assert_num_queries, django_assert_max_num_queries
):
    mine = BookingFactory(association=association, booked_by=member)
    BookingFactory()
    response = member_client.get("/api/v1/bookings/mine")
    assert [item["id"] for item in response.json()["items"]] == [mine.pk]
    for _ in range(3):
        BookingFactory(association=association)
    with django_assert_max_num_queries(4) as few:
        member_client.get("/api/v1/bookings/mine")
    for _ in range(5):
        BookingFactory(association=association)
    with django_assert_num_queries(len(few.captured_queries)):
        assert member_client.get("/api/v1/bookings/mine").json()["count"] == 9


def test_a_member_cancels(member_client, member, association, facility, monday):
    booking = BookingFactory(facility=facility, association=association, booked_by=member, start=at(monday, 17))
    response = post(member_client, f"/api/v1/bookings/{booking.pk}/cancel")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"


def test_cancelling_someone_elses_booking_is_not_found(member_client):
    booking = BookingFactory()
    assert post(member_client, f"/api/v1/bookings/{booking.pk}/cancel").status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_cancelling_after_the_deadline_is_refused(member_client, member, association, facility):
    soon = BookingFactory(
        facility=facility,
        association=association,
        booked_by=member,
        start=at(timezone.localdate() + dt.timedelta(days=1), 17),
    )
    response = post(member_client, f"/api/v1/bookings/{soon.pk}/cancel")
    assert response.status_code == 422
    assert "Afbestillingsfristen" in response.json()["message"]


def test_anonymous_cannot_see_or_cancel(client):
    booking = BookingFactory()
    assert client.get("/api/v1/bookings/mine").status_code == 401
    assert client.post(f"/api/v1/bookings/{booking.pk}/cancel").status_code == 401


def test_a_citizen_books_privately_where_allowed(monday):
    facility = FacilityFactory(bookable_by="everyone")
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    client.get("/lokaler/")
    response = post(client, "/api/v1/bookings", payload(facility, None, monday))
    assert response.status_code == 201
    assert response.json()["association"] is None


def test_the_openapi_schema_describes_the_facility_endpoints(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/facilities",
        "/api/v1/facilities/{slug}",
        "/api/v1/facilities/{slug}/availability",
        "/api/v1/bookings",
        "/api/v1/bookings/mine",
        "/api/v1/bookings/{booking_id}/cancel",
    ):
        assert path in paths
