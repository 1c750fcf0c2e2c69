"""Nothing personal in public: no public page, feed, JSON-LD block or API list carries a person's email address or
phone number, only the published contacts of associations, municipal units, facilities and grant schemes.

Walks the public pages of the demo data as a visitor, with every person nameless, so any place that falls back to
a person's address shows it.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from advisory.models import AdviceRequest
from associations.models import Association, Interest, Invitation, MunicipalUnit, VolunteerRole
from facilities.models import Booking, Facility
from grants.models import Application, GrantScheme, ReminderSubscription
from portal.models import User
from recognition.models import Nomination
from tests.portal.test_query_budget import LISTS, _detail_pages

pytestmark = pytest.mark.django_db


def _published_contacts() -> set[str]:
    """The addresses and numbers the portal publishes on purpose, as an association's or a unit's contact."""
    published = set()
    for model, fields in [
        (Association, ["contact_email", "contact_phone"]),
        (MunicipalUnit, ["email", "phone"]),
        (VolunteerRole, ["contact_email", "contact_phone"]),
        (Facility, ["contact_email", "contact_phone"]),
        (GrantScheme, ["contact_email", "contact_phone"]),
    ]:
        for row in model.objects.values_list(*fields):
            published.update(value.lower() for value in row if value)
    return published


def _private_contacts() -> set[str]:
    """Every address and number a person gave the portal, less what is also published as a contact."""
    private = set()
    for model, fields in [
        (User, ["email"]),
        (Invitation, ["email"]),
        (Interest, ["email", "phone"]),
        (AdviceRequest, ["phone"]),
        (ReminderSubscription, ["email"]),
        (Application, ["contact_email", "contact_phone"]),
        (Nomination, ["nominee_email"]),
    ]:
        for row in model.objects.values_list(*fields):
            private.update(value.lower() for value in row if value)
    return private - _published_contacts()


def _leaks(client, urls: list[str], private: set[str]) -> dict[str, list[str]]:
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response).decode() if response.streaming else response.content.decode()
        body = body.lower()
        if shown := sorted(value for value in private if value in body):
            found[url] = shown
    return found


def test_no_public_page_shows_a_persons_address_or_phone(client, settings):
    settings.DEBUG = True  # seed_demo refuses to run otherwise
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False
    User.objects.update(full_name="")
    # A person's own public booking, without an association, on the facility's page and in its availability.
    booking = Booking.objects.filter(status__in=Booking.ACTIVE, start__gt=timezone.now()).order_by("start").first()
    assert booking is not None, "the demo data has no upcoming booking"
    Booking.objects.filter(pk=booking.pk).update(association=None, is_public=True)
    day = timezone.localdate(booking.start)
    facility = booking.facility
    own_booking = [
        f"{facility.get_absolute_url()}?uge={day.isoformat()}",
        f"/api/v1/facilities/{facility.slug}/availability?from={day.isoformat()}&to={day.isoformat()}",
    ]
    private = _private_contacts()
    assert private

    assert _leaks(client, LISTS + _detail_pages(client) + own_booking, private) == {}
