"""Dates and times read the same way everywhere in a language: pages, mails and the admin."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from portal.services import notification_render, notify
from tests.factories.grants import RoundFactory
from tests.factories.portal import StaffFactory

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
# Well ahead of any clock the tests run at: the round is upcoming, so its page lists it.
OPENS = dt.datetime(2030, 11, 24, 20, 56, tzinfo=COPENHAGEN)
DEADLINE = dt.datetime(2030, 12, 5, 12, 0, tzinfo=COPENHAGEN)

AMERICAN = ("p.m.", "a.m.", "12/05/2030", "December 5", "Dec. 5")


@pytest.fixture
def scheme_round():
    return RoundFactory(opens_at=OPENS, deadline=DEADLINE)


def _page(client, scheme_round, language: str) -> str:
    with translation.override(language):
        url = reverse("grants:scheme-detail", args=[scheme_round.scheme.slug])
    return client.get(url).content.decode()


def test_a_danish_page_writes_danish_dates(client, scheme_round):
    html = _page(client, scheme_round, "da")

    assert "24. november 2030" in html
    assert "5. december 2030 kl. 12:00" in html


def test_an_english_page_writes_english_dates_with_a_24_hour_clock(client, scheme_round):
    html = _page(client, scheme_round, "en")

    assert "24 November 2030" in html
    assert "5 December 2030, 12:00" in html
    assert "5. December" not in html and "kl. 12" not in html
    assert not any(form in html for form in AMERICAN)


def test_a_mail_in_english_writes_english_dates():
    notification = notify(
        kind="grants-reminder",
        key="reminder:test",
        email="someone@example.org",
        language="en",
        context={"scheme": "Pool", "days_left": 3, "deadline": DEADLINE, "scheme_url": "/", "unsubscribe_url": "/"},
    )

    _subject, body = notification_render(notification)

    assert "5 December 2030, 12:00" in body


def test_the_english_admin_writes_english_dates(client, scheme_round):
    client.force_login(StaffFactory(is_superuser=True))

    html = client.get("/en/admin/grants/round/").content.decode()

    assert "5 December 2030, 12:00" in html
    assert "5 Dec 2030" in html  # the round's name, for a round named by its deadline
    assert not any(form in html for form in AMERICAN)
