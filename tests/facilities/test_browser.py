"""One walk through the booking flow in a real browser, with an accessibility check of the facility page, and the
feed buttons on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

from associations.models import Membership
from facilities.models import Booking
from tests.factories.facilities import BookingFeedFactory

from .conftest import next_weekday


def _sign_in(page, live_server, user) -> None:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_books_a_free_slot_from_the_week_view(page, live_server, facility, member):
    _sign_in(page, live_server, member)
    monday = next_weekday(0)
    page.goto(f"{live_server.url}/lokaler/{facility.slug}/?uge={monday}")

    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == [], [v["id"] for v in serious]

    page.locator(".facility-slot-free a").first.click()
    page.locator("#id_end_time").fill("10:00")
    page.locator("#id_purpose").fill("Spejdermøde")
    page.locator("#id_attendees").fill("12")
    page.get_by_role("button", name="Bekræft booking").click()

    page.get_by_text("Bookingen er bekræftet.").wait_for()
    booking = Booking.objects.get()
    assert booking.booked_by == member
    assert booking.purpose == "Spejdermøde"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_calendar_feed_buttons_are_apart_on_a_phone(page, live_server, association, member):
    BookingFeedFactory(association=association)
    _sign_in(page, live_server, member)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/lokaler/bookinger/")

    new = page.get_by_role("button", name="Lav en ny adresse").bounding_box()
    delete = page.get_by_role("button", name="Slet adressen").bounding_box()
    assert new["height"] >= 44 and delete["height"] >= 44
    # Side by side or one above the other, two tap targets that touch are easily hit by mistake.
    apart_across = delete["x"] - (new["x"] + new["width"])
    apart_down = delete["y"] - (new["y"] + new["height"])
    assert max(apart_across, apart_down) >= 8


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_members_pages_do_not_scroll_sideways_on_a_phone(page, live_server, association, member):
    # The longest feed address has no hyphen to break at; the members table has a select and two buttons per row.
    BookingFeedFactory(association=association, token="x" * 43)
    association.memberships.filter(user=member).update(role=Membership.Role.ADMIN)
    _sign_in(page, live_server, member)
    page.set_viewport_size({"width": 320, "height": 640})

    for path in ("/lokaler/bookinger/", f"/min-side/foreninger/{association.slug}/medlemmer/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_map_loads_its_tiles_only_when_asked(page, live_server, settings, facility):
    facility.latitude, facility.longitude = 56.0, 12.5
    facility.save()
    # Tiles from the live server itself: the test never reaches the internet, and every other host stays foreign.
    settings.MAP_TILE_URL = "/static/leaflet/images/layers.png?tile={z}-{x}-{y}"
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/lokaler/")
    page.wait_for_load_state("networkidle")

    assert [url for url in requested if not url.startswith(live_server.url)] == []
    assert [url for url in requested if "tile=" in url] == []
    assert page.get_by_text("De hentes først, når du trykker på knappen").is_visible()

    page.get_by_role("button", name="Vis kort").click()
    page.locator(".leaflet-tile-loaded").first.wait_for()
    assert [url for url in requested if "tile=" in url] != []
    assert [url for url in requested if not url.startswith(live_server.url)] == []
