"""The catalogue, the facility page with its week view, booking forms, cancelling and the calendar feed."""

import datetime as dt
from unittest import mock

import icalendar
import pytest
from django.utils import timezone

from facilities.models import Booking, BookingFeed
from tests.factories.facilities import (
    BookingFactory,
    BookingFeedFactory,
    BookingMembershipFactory,
    ClosureFactory,
    FacilityFactory,
    FacilityPhotoFactory,
)
from tests.factories.portal import UserFactory

from .conftest import at, last_sunday

pytestmark = pytest.mark.django_db


# Catalogue


def test_the_catalogue_lists_active_facilities(client):
    FacilityFactory(name_da="Snekkersten Hallen")
    FacilityFactory(name_da="Lukket hal", is_active=False)
    response = client.get("/lokaler/")
    assert response.status_code == 200
    assert "Snekkersten Hallen" in response.text
    assert "Lukket hal" not in response.text


def test_the_catalogue_filters(client):
    FacilityFactory(name_da="Stor hal", capacity=200, town="hornbaek", step_free_access=True)
    FacilityFactory(name_da="Lille lokale", capacity=10, town="hornbaek", kind="meeting_room")
    response = client.get("/lokaler/?town=hornbaek&capacity=100&features=step_free_access")
    assert "Stor hal" in response.text
    assert "Lille lokale" not in response.text
    response = client.get("/lokaler/?kind=meeting_room")
    assert "Lille lokale" in response.text and "Stor hal" not in response.text


def test_the_catalogue_finds_what_is_free_at_a_time(client, monday):
    busy = FacilityFactory(name_da="Optaget hal")
    FacilityFactory(name_da="Ledig hal")
    closed = FacilityFactory(name_da="Lukket hal")
    FacilityFactory(name_da="Morgenhal", hours=[(dt.time(6), dt.time(12))])
    BookingFactory(facility=busy, start=at(monday, 18), end=at(monday, 20))
    ClosureFactory(facility=closed, start=at(monday, 0), end=at(monday, 23))
    response = client.get(f"/lokaler/?date={monday}&time_from=17:00&time_to=19:00")
    assert "Ledig hal" in response.text
    for name in ("Optaget hal", "Lukket hal", "Morgenhal"):
        assert name not in response.text


def test_the_catalogue_explains_an_incomplete_time_filter(client, monday):
    response = client.get(f"/lokaler/?date={monday}")
    assert "Angiv en dato og begge klokkeslæt" in response.text


def test_the_catalogue_queries_stay_constant(client, django_assert_num_queries):
    for _ in range(3):
        FacilityPhotoFactory(facility=FacilityFactory())
    with django_assert_num_queries(3) as few:
        client.get("/lokaler/")
    for _ in range(7):
        FacilityPhotoFactory(facility=FacilityFactory())
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/lokaler/")
    assert response.text.count('class="facility-card"') == 10
    assert 'alt="Hallen set indefra"' in response.text


# Detail and week view


def test_the_detail_shows_the_week_without_revealing_who_booked(client, facility, monday):
    BookingFactory(facility=facility, start=at(monday, 17), end=at(monday, 19), purpose="Hemmeligt møde")
    BookingFactory(facility=facility, start=at(monday, 19), end=at(monday, 21), purpose="Åben træning", is_public=True)
    response = client.get(f"/lokaler/{facility.slug}/?uge={monday}")
    assert response.status_code == 200
    assert "Hemmeligt møde" not in response.text
    assert "Åben træning" in response.text
    assert "17:00–19:00" in response.text
    assert f"?uge={monday - dt.timedelta(days=7)}" in response.text
    assert f"?uge={monday + dt.timedelta(days=7)}" in response.text


def test_a_public_booking_shows_who_booked_it_and_why(client, facility, monday):
    club = BookingFactory(facility=facility, start=at(monday, 8), end=at(monday, 9), purpose="Korprøve", is_public=True)
    BookingFactory(
        facility=facility, start=at(monday, 10), end=at(monday, 11), purpose="Yoga", is_public=True, association=None,
        booked_by=UserFactory(full_name="Mette Hansen"),
    )  # fmt: skip
    BookingFactory(
        facility=facility, start=at(monday, 12), end=at(monday, 13), purpose="Skak", is_public=True, association=None,
        booked_by=UserFactory(full_name="", email="skak@example.org"),
    )  # fmt: skip
    text = client.get(f"/lokaler/{facility.slug}/?uge={monday}").text
    assert f"{club.association.name}: Korprøve" in text
    assert "Mette Hansen: Yoga" in text
    # A person who gave no name is a citizen to the public, never their email address.
    assert "En borger: Skak" in text
    assert "skak@example.org" not in text
    english = client.get(f"/en/lokaler/{facility.slug}/?uge={monday}").text
    assert "A citizen: Skak" in english


def test_the_detail_shows_closures_with_their_reason(client, facility, monday):
    ClosureFactory(facility=facility, start=at(monday, 12), end=at(monday, 14), reason="Rengøring")
    response = client.get(f"/lokaler/{facility.slug}/?uge={monday}")
    assert "Lukket: Rengøring" in response.text


def test_the_week_view_is_right_in_the_week_the_clocks_change(client):
    sunday = last_sunday(timezone.localdate().year + 1, 10)
    facility = FacilityFactory()
    response = client.get(f"/lokaler/{facility.slug}/?uge={sunday}")
    # Opening hours stay 08:00–22:00 local time on the day the clocks go back.
    assert response.text.count('<span class="facility-slot-time">08:00–22:00</span>') == 7


def test_free_time_that_has_passed_does_not_look_free(client, facility, monday):
    past = client.get(f"/lokaler/{facility.slug}/?uge={monday - dt.timedelta(weeks=3)}").text
    future = client.get(f"/lokaler/{facility.slug}/?uge={monday}").text

    assert past.count('class="facility-slot facility-slot-passed"') == 7
    assert "facility-slot-free" not in past
    assert past.count("Passeret") == 7
    assert "facility-slot-passed" not in future
    assert future.count('class="facility-slot facility-slot-free"') == 7


def test_free_time_that_ended_earlier_today_does_not_look_free(client, facility, monday):
    BookingFactory(facility=facility, start=at(monday, 10), end=at(monday, 11))

    with mock.patch("django.utils.timezone.now", return_value=at(monday, 12)):
        page = client.get(f"/lokaler/{facility.slug}/?uge={monday}").text

    # 08–10 has ended; 11–22 has not (what is left of it can still be booked).
    assert (
        '<li class="facility-slot facility-slot-passed">\n              <span class="facility-slot-time">08:00–10:00'
        in page
    )
    assert (
        '<li class="facility-slot facility-slot-free">\n              <span class="facility-slot-time">11:00–22:00'
        in page
    )


def test_an_unknown_facility_is_not_found(client):
    assert client.get("/lokaler/findes-ikke/").status_code == 404


def test_the_detail_queries_stay_constant(client, facility, monday, django_assert_num_queries):
    FacilityPhotoFactory(facility=facility)
    BookingFactory(facility=facility, start=at(monday, 10), end=at(monday, 12))
    with django_assert_num_queries(5) as few:
        client.get(f"/lokaler/{facility.slug}/?uge={monday}")
    for day in range(1, 7):
        BookingFactory(facility=facility, start=at(monday + dt.timedelta(days=day), 10), is_public=True)
        ClosureFactory(
            facility=facility,
            start=at(monday + dt.timedelta(days=day), 14),
            end=at(monday + dt.timedelta(days=day), 15),
        )
        FacilityPhotoFactory(facility=facility)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(f"/lokaler/{facility.slug}/?uge={monday}")


# Booking


def booking_data(monday, association, **overrides):
    return {
        "association": association.slug,
        "date": monday.isoformat(),
        "start_time": "17:00",
        "end_time": "19:00",
        "purpose": "Spejdermøde",
        "attendees": "20",
        **overrides,
    }


def test_a_member_books_through_the_form(client, member, facility, association, monday):
    client.force_login(member)
    assert client.get(f"/lokaler/{facility.slug}/book/?date={monday}&start_time=17:00").status_code == 200
    response = client.post(f"/lokaler/{facility.slug}/book/", booking_data(monday, association))
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response.url == f"/lokaler/bookinger/{booking.pk}/"
    assert booking.start == at(monday, 17)
    assert booking.status == Booking.Status.CONFIRMED


def test_the_form_keeps_what_was_typed_and_explains_the_rule(client, member, facility, association, monday):
    BookingFactory(facility=facility, start=at(monday, 18), end=at(monday, 20))
    client.force_login(member)
    response = client.post(f"/lokaler/{facility.slug}/book/", booking_data(monday, association))
    assert response.status_code == 200
    assert "Beklager, tidspunktet er netop blevet booket" in response.text
    assert 'value="Spejdermøde"' in response.text


def test_the_form_refuses_a_time_that_does_not_exist(client, member, facility, association):
    sunday = last_sunday(timezone.localdate().year + 1, 3)
    facility.opening_hours.update(opens=dt.time(0), closes=dt.time(23))
    client.force_login(member)
    data = booking_data(sunday, association, start_time="02:30", end_time="04:00")
    response = client.post(f"/lokaler/{facility.slug}/book/", data)
    assert "Tidspunktet findes ikke den dag" in response.text
    assert not Booking.objects.exists()


def test_booking_needs_a_sign_in(client, facility):
    response = client.get(f"/lokaler/{facility.slug}/book/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_someone_without_an_association_may_not_book(client, facility):
    client.force_login(UserFactory())
    assert client.get(f"/lokaler/{facility.slug}/book/").status_code == 403
    assert client.get(f"/lokaler/{facility.slug}/fast-booking/").status_code == 403


def test_a_member_cannot_book_for_another_association(client, member, facility, monday):
    other = BookingMembershipFactory().association
    client.force_login(member)
    response = client.post(f"/lokaler/{facility.slug}/book/", booking_data(monday, other))
    assert response.status_code == 200
    assert not Booking.objects.exists()


def test_the_booking_form_only_allows_get_and_post(client, member, facility):
    client.force_login(member)
    assert client.put(f"/lokaler/{facility.slug}/book/").status_code == 405


# Series


def series_data(monday, association, action):
    return {
        "association": association.slug,
        "weekday": "0",
        "start_time": "17:00",
        "end_time": "19:00",
        "first_date": monday.isoformat(),
        "last_date": (monday + dt.timedelta(weeks=3)).isoformat(),
        "purpose": "Træning",
        "attendees": "15",
        "action": action,
    }


def test_a_series_is_previewed_then_booked(client, member, facility, association, monday):
    second = monday + dt.timedelta(weeks=1)
    BookingFactory(facility=facility, start=at(second, 17), end=at(second, 19))
    client.force_login(member)
    preview = client.post(f"/lokaler/{facility.slug}/fast-booking/", series_data(monday, association, "preview"))
    assert preview.status_code == 200
    assert preview.text.count("Kan bookes") == 3
    assert "Kan ikke bookes:" in preview.text
    assert Booking.objects.count() == 1
    result = client.post(f"/lokaler/{facility.slug}/fast-booking/", series_data(monday, association, "create"))
    assert result.status_code == 200
    assert Booking.objects.filter(series__isnull=False).count() == 3
    assert "Kan ikke bookes:" in result.text


def test_a_series_needs_a_sign_in(client, facility):
    assert client.post(f"/lokaler/{facility.slug}/fast-booking/").status_code == 302


# My bookings, detail and cancelling (no one sees or cancels another's booking)


def test_my_bookings_show_mine_and_my_associations(client, member, association):
    mine = BookingFactory(booked_by=member, association=association, purpose="Min booking")
    colleagues = BookingFactory(association=association)
    strangers = BookingFactory()
    client.force_login(member)
    response = client.get("/lokaler/bookinger/")
    assert f"/lokaler/bookinger/{mine.pk}/" in response.text
    assert f"/lokaler/bookinger/{colleagues.pk}/" in response.text
    assert f"/lokaler/bookinger/{strangers.pk}/" not in response.text


def test_my_bookings_queries_stay_constant(
    client, member, association, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(member)
    for _ in range(3):
        BookingFactory(association=association)
    with django_assert_max_num_queries(5) as few:
        client.get("/lokaler/bookinger/")
    for _ in range(7):
        BookingFactory(association=association)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/lokaler/bookinger/")


def test_min_side_shows_my_bookings(client, member, association):
    booking = BookingFactory(booked_by=member, association=association)
    client.force_login(member)
    response = client.get("/min-side/")
    assert "Mine bookinger" in response.text
    assert f"/lokaler/bookinger/{booking.pk}/" in response.text


def test_a_booking_is_hidden_from_everyone_else(client, member):
    booking = BookingFactory()
    client.force_login(member)
    assert client.get(f"/lokaler/bookinger/{booking.pk}/").status_code == 404
    assert client.post(f"/lokaler/bookinger/{booking.pk}/annuller/").status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_booking_pages_need_a_sign_in(client):
    booking = BookingFactory()
    for path in ("/lokaler/bookinger/", f"/lokaler/bookinger/{booking.pk}/"):
        assert client.get(path).status_code == 302
    assert client.post(f"/lokaler/bookinger/{booking.pk}/annuller/").status_code == 302


def test_a_member_cancels_from_the_booking_page(client, member, association, monday):
    booking = BookingFactory(booked_by=member, association=association, start=at(monday, 17))
    client.force_login(member)
    assert "Aflys bookingen" in client.get(f"/lokaler/bookinger/{booking.pk}/").text
    assert client.get(f"/lokaler/bookinger/{booking.pk}/annuller/").status_code == 405
    response = client.post(f"/lokaler/bookinger/{booking.pk}/annuller/")
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_cancelling_after_the_deadline_explains_why(client, member, association):
    soon = BookingFactory(
        booked_by=member, association=association, start=at(timezone.localdate() + dt.timedelta(days=1), 17)
    )
    client.force_login(member)
    page = client.get(f"/lokaler/bookinger/{soon.pk}/")
    assert "Afbestillingsfristen er udløbet" in page.text
    response = client.post(f"/lokaler/bookinger/{soon.pk}/annuller/", follow=True)
    assert "Afbestillingsfristen udløb" in response.text
    soon.refresh_from_db()
    assert soon.status == Booking.Status.CONFIRMED


# Calendar feed


def test_the_feed_is_valid_icalendar_with_the_associations_bookings(client, association, monday):
    feed = BookingFeedFactory(association=association)
    BookingFactory(association=association, start=at(monday, 17), end=at(monday, 19), purpose="Spejdermøde")
    BookingFactory(association=association, start=at(monday, 10), status=Booking.Status.CANCELLED)
    BookingFactory(start=at(monday, 12))
    response = client.get(f"/lokaler/kalender/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert events[0].decoded("dtstart") == at(monday, 17)
    assert events[0].decoded("dtend") == at(monday, 19)
    assert "Spejdermøde" in str(events[0]["summary"])


def test_a_wrong_or_revoked_token_shows_nothing(client, member, association):
    assert client.get("/lokaler/kalender/gaet-et-token.ics").status_code == 404
    client.force_login(member)
    client.post(f"/lokaler/kalender/{association.slug}/nyt-link/")
    old = BookingFeed.objects.get().token
    client.post(f"/lokaler/kalender/{association.slug}/nyt-link/")
    new = BookingFeed.objects.get().token
    assert old != new
    assert client.get(f"/lokaler/kalender/{old}.ics").status_code == 404
    assert client.get(f"/lokaler/kalender/{new}.ics").status_code == 200
    response = client.post(f"/lokaler/kalender/{association.slug}/slet-link/")
    assert response.status_code == 302
    assert client.get(f"/lokaler/kalender/{new}.ics").status_code == 404


def test_only_members_manage_the_feed(client, association):
    client.force_login(UserFactory())
    assert client.post(f"/lokaler/kalender/{association.slug}/nyt-link/").status_code == 404
    assert client.post(f"/lokaler/kalender/{association.slug}/slet-link/").status_code == 404
    assert not BookingFeed.objects.exists()


def test_feed_management_is_post_only_and_needs_a_sign_in(client, member, association):
    assert client.post(f"/lokaler/kalender/{association.slug}/nyt-link/").status_code == 302
    client.force_login(member)
    assert client.get(f"/lokaler/kalender/{association.slug}/nyt-link/").status_code == 405


def test_the_detail_describes_the_place_for_machines(client, facility):
    response = client.get(f"/lokaler/{facility.slug}/")
    assert '<script type="application/ld+json" nonce="' in response.text
    assert '"@type": "Place"' in response.text


def test_the_pages_work_in_english(client, facility, member):
    response = client.get(f"/en/lokaler/{facility.slug}/")
    assert "Espergærde Hall" in response.text
    assert "Booking rules" in response.text
    client.force_login(member)
    assert "Book Espergærde Hall" in client.get(f"/en/lokaler/{facility.slug}/book/").text


def test_a_citizen_books_privately_through_the_form(client, monday):
    facility = FacilityFactory(bookable_by="everyone")
    citizen = UserFactory()
    client.force_login(citizen)
    page = client.get(f"/lokaler/{facility.slug}/book/")
    assert "Mig selv, som privatperson" in page.text
    data = {
        "association": "",
        "date": monday.isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "purpose": "Fødselsdag",
        "attendees": "20",
    }
    response = client.post(f"/lokaler/{facility.slug}/book/", data)
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.association, booking.booked_by) == (None, citizen)


def test_the_catalogue_carries_map_data_for_facilities_with_coordinates(client):
    FacilityFactory(name_da="På kortet", latitude="56.0285", longitude="12.5796")
    FacilityFactory(name_da="Uden koordinater")
    response = client.get("/lokaler/")
    assert '<script id="facility-map-data" type="application/json">' in response.text
    assert response.context["map_points"] == [
        {"name": "På kortet", "url": response.context["map_points"][0]["url"], "lat": 56.0285, "lng": 12.5796}
    ]


def test_the_series_form_only_allows_get_and_post(client, member, facility):
    client.force_login(member)
    assert client.put(f"/lokaler/{facility.slug}/fast-booking/").status_code == 405


def test_revoking_the_feed_is_post_only_and_needs_a_sign_in(client, member, association):
    assert client.post(f"/lokaler/kalender/{association.slug}/slet-link/").status_code == 302
    client.force_login(member)
    assert client.get(f"/lokaler/kalender/{association.slug}/slet-link/").status_code == 405


def test_a_far_away_week_falls_back_to_this_week(client, facility):
    assert client.get(f"/lokaler/{facility.slug}/?uge=0001-01-01").status_code == 200
    assert client.get(f"/lokaler/{facility.slug}/?uge=9999-12-31").status_code == 200
    assert (
        client.get(f"/api/v1/facilities/{facility.slug}/availability?from=0001-01-01&to=0001-01-02").status_code == 422
    )


def test_the_map_is_offered_with_what_it_loads_and_the_list_stays(client, settings):
    settings.MAP_TILE_URL = "https://kort.helsingor.dk/{z}/{x}/{y}.png"
    FacilityFactory(name_da="Snekkersten Hallen", latitude=56.0, longitude=12.59)
    text = client.get("/lokaler/").text
    # The button waits hidden for the script; without JavaScript the list of facilities says everything.
    assert '<div id="facility-map-opener" class="facility-map-opener" hidden>' in text
    assert "Vis kort" in text
    assert "kortbilleder fra kort.helsingor.dk" in text
    assert "Snekkersten Hallen" in text
    assert "tile.openstreetmap.org" not in text
