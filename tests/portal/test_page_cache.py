"""Whole-page caching for visitors who are not signed in (portal/page_cache.py)."""

import datetime as dt
import re
from unittest import mock

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from associations.models import Activity, Association, Interest, Town
from associations.selectors import ActivityFilters, AssociationFilters, associations_search, occurrences_upcoming
from grants.models import ReminderSubscription
from portal import page_cache
from portal.cache import RedisCache
from portal.models import Notification
from portal.page_cache import cache_for_visitors
from recognition.models import Thanks
from tests.factories.associations import ActivityFactory, AssociationFactory, CategoryFactory, VolunteerRoleFactory
from tests.factories.grants import GrantSchemeFactory
from tests.factories.portal import PASSWORD, UserFactory
from tests.factories.recognition import AwardRoundFactory, NominationFactory, ThanksFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def _version():
    return cache.get(page_cache.VERSION_KEY)


def test_a_visitor_is_served_the_second_time_without_a_query(client, django_assert_num_queries):
    AssociationFactory(name="Snekkersten Skakklub")
    first = client.get("/foreninger/")
    assert "Snekkersten Skakklub" in first.text
    with django_assert_num_queries(0):
        second = client.get("/foreninger/")
    assert second.status_code == 200
    assert second.text == first.text
    assert second["Content-Type"] == first["Content-Type"]
    assert "Cookie" in second["Vary"]


def test_a_hit_is_one_round_trip_to_the_cache(client, monkeypatch):
    first = client.get("/foreninger/")
    calls, depth = [], [0]
    backend = type(caches["default"])

    def counted(name, method):
        def call(self, *args, **kwargs):
            if not depth[0]:  # what the page cache asks for, not how the backend answers it
                calls.append(name)
            depth[0] += 1
            try:
                return method(self, *args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for name in ("get", "get_many", "set", "add", "incr"):
        monkeypatch.setattr(backend, name, counted(name, getattr(backend, name)))
    assert client.get("/foreninger/").text == first.text
    assert calls == ["get_many"]  # the version and the kept page together


def test_the_query_string_and_the_language_are_part_of_the_key(client):
    AssociationFactory(name="Snekkersten Skakklub")
    AssociationFactory(name="Hornbæk Roklub")
    assert "Hornbæk Roklub" not in client.get("/foreninger/", {"q": "skak"}).text
    assert "Hornbæk Roklub" in client.get("/foreninger/").text
    assert '<html lang="en">' in client.get("/en/foreninger/").text
    assert '<html lang="da">' in client.get("/foreninger/").text


def test_a_change_shows_at_once(client):
    client.get("/foreninger/")
    AssociationFactory(name="Espergærde Kor")  # a save
    assert "Espergærde Kor" in client.get("/foreninger/").text
    Association.objects.get(name="Espergærde Kor").delete()  # a delete
    assert "Espergærde Kor" not in client.get("/foreninger/").text


def test_a_many_to_many_change_makes_pages_stale():
    association = AssociationFactory()
    before = page_cache._content_version()
    association.categories.add(CategoryFactory())
    assert _version() > before


def test_the_version_is_raised_again_after_commit(django_capture_on_commit_callbacks):
    before = page_cache._content_version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        AssociationFactory()
    during = _version()
    assert during > before
    # The second raise, after commit, covers a page rendered from the old rows while the transaction was open.
    for callback in callbacks:
        callback()
    assert _version() > during


def test_the_notification_outbox_leaves_cached_pages_alone():
    user = UserFactory()
    before = page_cache._content_version()
    Notification.objects.create(user=user, email=user.email, kind="any", key="k", language="da")
    assert _version() == before


def test_what_no_public_page_shows_leaves_cached_pages_alone(client):
    scheme, role, user = GrantSchemeFactory(), VolunteerRoleFactory(), UserFactory()
    award_round = AwardRoundFactory()
    before = page_cache._content_version()
    client.post(reverse("grants:reminder-subscribe", kwargs={"slug": scheme.slug}), {"email": "ny@example.org"})
    client.post(role.get_absolute_url(), {"name": "Hanne", "email": "hanne@example.org", "consent": "on"})
    assert client.post("/accounts/login/", {"login": user.email, "password": PASSWORD}).status_code == 302
    NominationFactory(round=award_round, nominated_by=user)
    ThanksFactory(author=user, status=Thanks.Status.PENDING, published_at=None)
    assert _version() == before
    assert (ReminderSubscription.objects.count(), Interest.objects.count()) == (1, 1)


def test_a_published_thanks_makes_pages_stale():
    user = UserFactory()
    before = page_cache._content_version()
    ThanksFactory(author=user)
    assert _version() > before


def test_a_signed_in_person_never_gets_a_cached_page(client):
    AssociationFactory(name="Snekkersten Skakklub")
    anonymous = client.get("/foreninger/").text
    client.force_login(UserFactory())
    signed_in = client.get("/foreninger/").text
    assert signed_in != anonymous
    assert "Log ud" in signed_in
    client.logout()
    assert "Log ud" not in client.get("/foreninger/").text


def test_every_response_gets_its_own_csp_nonce(client):
    AssociationFactory(name="Snekkersten Skakklub", slug="snekkersten-skakklub")
    nonces = []
    for _ in range(2):
        response = client.get("/foreninger/snekkersten-skakklub/")
        in_page = re.findall(r'nonce="([^"]+)"', response.text)
        assert in_page, "the profile carries its JSON-LD with the nonce"
        assert set(in_page) == {in_page[0]}
        assert f"'nonce-{in_page[0]}'" in response["Content-Security-Policy"]
        assert page_cache.NONCE_PLACEHOLDER.decode() not in response.text
        nonces.append(in_page[0])
    assert nonces[0] != nonces[1]


def _visitor_request(rf, path="/cached/"):
    request = rf.get(path)
    request.user = AnonymousUser()
    request.LANGUAGE_CODE = "da"
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_a_page_with_a_csrf_token_is_never_shared(rf):
    calls = []

    @cache_for_visitors
    def view(request):
        calls.append(1)
        return HttpResponse(f"<form><input name=csrfmiddlewaretoken value={get_token(request)}></form>")

    view(_visitor_request(rf))
    view(_visitor_request(rf))
    assert len(calls) == 2


def test_a_page_that_sets_a_cookie_or_fails_is_not_stored(rf):
    calls = []

    @cache_for_visitors
    def view(request):
        calls.append(1)
        response = HttpResponse("hello", status=200 if len(calls) > 2 else 404)
        if len(calls) == 3:
            response.set_cookie("seen", "yes")
        return response

    for _ in range(5):
        view(_visitor_request(rf))
    assert len(calls) == 4  # a 404, a 404, a 200 with a cookie, then a 200 stored and served once from the cache


def test_a_visitor_with_a_message_waiting_sees_it(rf):
    @cache_for_visitors
    def view(request):
        return HttpResponse(" ".join(str(message) for message in messages.get_messages(request)) or "no messages")

    assert view(_visitor_request(rf)).content == b"no messages"
    request = _visitor_request(rf)
    messages.info(request, "Tak for din henvendelse")
    assert view(request).content == b"Tak for din henvendelse"


def test_a_cache_that_does_not_answer_breaks_nothing(client, settings, caplog):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    AssociationFactory(name="Snekkersten Skakklub")  # the version cannot be raised: logged, not raised
    response = client.get("/foreninger/")
    assert response.status_code == 200
    assert "Snekkersten Skakklub" in response.text
    assert "page cache unavailable" in caplog.text


def test_the_cache_can_be_switched_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    AssociationFactory()
    client.get("/foreninger/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/foreninger/")
    assert len(queries) > 0


def test_remember_keeps_a_result_until_the_content_changes():
    calls = []

    def compute():
        calls.append(1)
        return [len(calls)]

    assert page_cache.remember("numbers", compute) == [1]
    assert page_cache.remember("numbers", compute) == [1]
    assert page_cache.remember("other numbers", compute) == [2]
    AssociationFactory()  # any change of content
    assert page_cache.remember("numbers", compute) == [3]


def test_a_page_remembers_under_its_own_version(rf):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    @cache_for_visitors
    def view(request):
        first = page_cache.remember("numbers", compute)
        page_cache.content_changed()  # a change while the page is rendered
        return HttpResponse(f"{first} {page_cache.remember('numbers', compute)}")

    # The page is kept under the version it started with, and so is what it was computed from.
    assert view(_visitor_request(rf)).content == b"1 1"
    assert page_cache.remember("numbers", compute) == 2  # outside the page: the current version


def test_remember_computes_every_time_without_a_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert page_cache.remember("numbers", lambda: [1]) == [1]
    assert page_cache.remember("numbers", lambda: [2]) == [2]


def test_remember_each_computes_only_what_is_not_kept():
    calls = []

    def compute(numbers):
        calls.append(numbers)
        return [number * 10 for number in numbers]

    assert page_cache.remember_each("tens", [1, 2], key=str, compute=compute) == [10, 20]
    assert page_cache.remember_each("tens", [2, 3, 1, 4], key=str, compute=compute) == [20, 30, 10, 40]
    assert page_cache.remember_each("other tens", [1], key=str, compute=compute) == [10]
    assert page_cache.remember_each("tens", [4, 2], key=str, compute=compute) == [40, 20]
    assert calls == [[1, 2], [3, 4], [1]]  # the last all kept
    AssociationFactory()  # any change of content
    assert page_cache.remember_each("tens", [2], key=str, compute=compute) == [20]
    assert calls[-1] == [2]


def test_remember_each_computes_every_time_without_a_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert page_cache.remember_each("tens", [1], key=str, compute=lambda ns: [n * 10 for n in ns]) == [10]
    assert page_cache.remember_each("tens", [1], key=str, compute=lambda ns: [n * 100 for n in ns]) == [100]


def test_calendar_cards_are_kept_per_language_and_date(client, django_assert_num_queries):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    weekly = ActivityFactory(
        title="Fællessang", kind=Activity.Kind.WEEKLY, weekday=tomorrow.weekday(), starts_on=tomorrow
    )
    ActivityFactory(title="Strandrensning")
    url = weekly.get_absolute_url()
    client.get("/aktiviteter/?town=helsingor")  # keeps the cards in Danish
    # The same dates without the town: found in four reads (today, tomorrow, the next two weeks, the rest of the
    # period: the calendar is almost empty), and the kept cards need no activity read.
    with django_assert_num_queries(4):
        danish = client.get("/aktiviteter/").text
    english = client.get("/en/aktiviteter/").text
    free_da, free_en = '<li class="tag">Gratis</li>', '<li class="tag">Free</li>'
    assert free_da in danish and free_en not in danish
    assert free_en in english and free_da not in english
    # Each date has its own card: the same activity, each under its own date.
    assert danish.count(f'href="{url}"') >= 2
    for day in (tomorrow, tomorrow + dt.timedelta(days=7)):
        assert f'<time datetime="{day.isoformat()}T17:00:00' in danish
    assert danish.count(">Strandrensning<") == 1
    weekly.title = "Fællessang i Kulturværftet"
    weekly.save()
    assert "Fællessang i Kulturværftet" in client.get("/aktiviteter/?town=helsingor").text


def test_calendar_counts_are_made_and_kept_for_every_town_at_once(client, django_assert_num_queries):
    """The API's calendar counts its dates (the page of the portal pages by position instead)."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for town, title in [("helsingor", "Strikkecafé"), ("helsingor", "Skak"), ("hornbaek", "Havkajak")]:
        ActivityFactory(town=town, title=title, starts_on=tomorrow)
    ActivityFactory(
        town="hornbaek", title="Fællessang", kind=Activity.Kind.WEEKLY, weekday=tomorrow.weekday(), starts_on=tomorrow,
        exceptions=[(tomorrow + dt.timedelta(days=7)).isoformat()],
    )  # fmt: skip
    count = lambda query: client.get(f"/api/v1/activities{query}").json()["count"]  # noqa: E731
    every_town = count("")
    with django_assert_num_queries(2):  # only the page's dates and their activities: counted with the first
        hornbaek = count("?town=hornbaek")
    helsingor = count("?town=helsingor")
    _start, end = ActivityFilters().date_range()
    weekly_dates = (end - tomorrow).days // 7 + 1 - 1  # every week from tomorrow, but the cancelled one
    assert helsingor == 2
    assert hornbaek == 1 + weekly_dates
    assert every_town == helsingor + 1 + weekly_dates
    assert count("?town=snekkersten") == 0


def test_kept_calendar_counts_leave_out_what_has_ended_since(client):
    """The counts are kept whatever the time of day: today's end times are kept with them."""
    today = timezone.localdate()
    at = lambda hour: timezone.make_aware(dt.datetime.combine(today, dt.time(hour, 0)))  # noqa: E731
    ActivityFactory(title="Formiddag", starts_on=today, start_time=dt.time(9, 0), end_time=dt.time(11, 0))
    ActivityFactory(title="Eftermiddag", starts_on=today, start_time=dt.time(13, 0), end_time=dt.time(15, 0))
    ActivityFactory(
        title="Ugentlig", kind=Activity.Kind.WEEKLY, weekday=today.weekday(), starts_on=today,
        start_time=dt.time(9, 30), end_time=dt.time(10, 30), exceptions=[today.isoformat()],
    )  # fmt: skip
    filters = ActivityFilters(end=today)
    with mock.patch("django.utils.timezone.now", return_value=at(8)):
        assert len(occurrences_upcoming(filters=filters)) == 2  # the weekly one is cancelled today
    with mock.patch("django.utils.timezone.now", return_value=at(12)):
        assert [o.activity.title for o in occurrences_upcoming(filters=filters)] == ["Eftermiddag"]
    with mock.patch("django.utils.timezone.now", return_value=at(16)):
        assert len(occurrences_upcoming(filters=filters)) == 0


def test_a_date_cancelled_after_the_calendar_was_shown_is_gone_at_once(client):
    """The period's cancelled dates are kept for every calendar; cancelling one more is a change like any other."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    weekly = ActivityFactory(
        title="Fællessang", kind=Activity.Kind.WEEKLY, weekday=tomorrow.weekday(), starts_on=tomorrow
    )
    before = client.get("/aktiviteter/?town=helsingor")
    client.get("/api/v1/activities?town=helsingor")
    assert f'<time datetime="{tomorrow.isoformat()}T17:00:00' in before.text
    weekly.exceptions = [tomorrow.isoformat()]
    weekly.save()
    for url in ("/aktiviteter/?town=helsingor", "/aktiviteter/"):
        assert f'<time datetime="{tomorrow.isoformat()}T17:00:00' not in client.get(url).text
    # The API's kept counts too (they were counted before the change).
    count = lambda: client.get("/api/v1/activities?town=helsingor").json()["count"]  # noqa: E731
    assert count() == len(before.context["page"].dates) - 1


@pytest.fixture
def field_groups_rendered():
    """The names of the form fields whose group (portal/forms/field.html) was rendered, as a list to clear."""
    rendered = []

    def record(sender, template, context, **kwargs):
        if template.name == "portal/forms/field.html":
            rendered.append(context["field"].name)

    template_rendered.connect(record)
    yield rendered
    template_rendered.disconnect(record)


def test_filter_form_fields_are_kept_per_value_and_language(client, field_groups_rendered):
    sport = CategoryFactory(slug="sport", name_da="Sport", name_en="Sports")
    first = client.get("/foreninger/?town=hornbaek").text
    assert set(field_groups_rendered) == {"q", "category", "town", "target_group", "kind", "age"}
    field_groups_rendered.clear()
    # Another search in the same town: only the search field has a value it had not had.
    second = client.get("/foreninger/?town=hornbaek&q=skak").text
    assert field_groups_rendered == ["q"]
    assert second.count('value="hornbaek" selected') == first.count('value="hornbaek" selected') == 1
    assert 'value="skak"' in second
    field_groups_rendered.clear()
    assert '<option value="sport">Sports</option>' in client.get("/en/foreninger/?town=hornbaek").text
    assert len(field_groups_rendered) == 6  # English is kept apart
    # A change of the portal's content (here the choices themselves) shows at once.
    sport.name_da = "Idræt"
    sport.save()
    assert '<option value="sport">Idræt</option>' in client.get("/foreninger/?town=hornbaek&q=skak").text
    # A field with an error is rendered with it, and nothing of such a form is kept.
    field_groups_rendered.clear()
    for query in ("", "&q=skak"):  # two pages, so the second is not the first's from the page cache
        assert "form-error-message" in client.get(f"/foreninger/?town=hornbaek&age=abc{query}").text
    assert len(field_groups_rendered) == 12


def test_directory_cards_are_kept_per_language(client, django_assert_num_queries):
    games = CategoryFactory(name_da="Spil", name_en="Games", slug="spil")
    club = AssociationFactory(name="Hornbæk Skakklub", towns=[Town.HORNBAEK], categories=[games])
    assert '<li class="tag">Spil</li>' in client.get("/foreninger/?q=skak").text
    # Another filter shows the same card: only the town's associations are read, not the association on the card.
    with django_assert_num_queries(1):
        danish = client.get("/foreninger/?q=skak&town=hornbaek").text
    assert '<li class="tag">Spil</li>' in danish and "Hornbæk Skakklub" in danish
    english = client.get("/en/foreninger/?q=skak&town=hornbaek").text
    assert '<li class="tag">Games</li>' in english and '<li class="tag">Spil</li>' not in english
    club.name = "Hornbæk Skakforening"
    club.save()
    assert "Hornbæk Skakforening" in client.get("/foreninger/?q=skak&town=hornbaek").text


def test_an_association_hidden_behind_the_caches_back_is_left_out(client):
    hidden = AssociationFactory(name="Hornbæk Skakklub")
    AssociationFactory(name="Tikøb Skakklub")
    associations_search(filters=AssociationFilters(q="skak"))  # keeps the ranked matches, as the API does
    # A write that skips the signals (and so leaves the version): the kept matches still name the association.
    Association.objects.filter(pk=hidden.pk).update(status=Association.Status.HIDDEN)
    response = client.get("/foreninger/?q=skak")
    assert response.status_code == 200
    assert "Tikøb Skakklub" in response.text
    assert "Hornbæk Skakklub" not in response.text


@pytest.mark.postgres
def test_a_search_with_other_filters_reuses_the_ranked_matches(django_assert_num_queries):
    AssociationFactory(name="Hornbæk Skakklub", towns=[Town.HORNBAEK])
    AssociationFactory(name="Tikøb Skakklub", towns=[Town.TIKOB])
    assert [a.name for a in associations_search(filters=AssociationFilters(q="skak"))] == [
        "Hornbæk Skakklub",
        "Tikøb Skakklub",
    ]
    # The town's associations, then the page with its cards' categories and towns: no search.
    with django_assert_num_queries(4) as queries:
        found = list(associations_search(filters=AssociationFilters(q="  SKAK ", town=Town.TIKOB)))
    assert [a.name for a in found] == ["Tikøb Skakklub"]
    assert not any("tsquery" in query["sql"] for query in queries.captured_queries)
    # The town's associations are kept too: the next time only the page is read.
    with django_assert_num_queries(3):
        found = list(associations_search(filters=AssociationFilters(q="skak", town=Town.TIKOB)))
    assert [a.name for a in found] == ["Tikøb Skakklub"]

    AssociationFactory(name="Tikøb Skakforening", towns=[Town.TIKOB])  # a change searches again
    assert {a.name for a in associations_search(filters=AssociationFilters(q="skak", town=Town.TIKOB))} == {
        "Tikøb Skakklub",
        "Tikøb Skakforening",
    }


def test_a_new_category_shows_in_the_filter_forms_at_once(client):
    CategoryFactory(name_da="Idræt")
    assert "Idræt" in client.get("/aktiviteter/").text
    CategoryFactory(name_da="Naturpleje", slug="naturpleje")
    for page in ("/aktiviteter/", "/foreninger/?q=skak"):
        assert '<option value="naturpleje">Naturpleje</option>' in client.get(page).text


@pytest.mark.redis
def test_the_redis_cache_builds_one_client_and_still_answers(settings):
    backend = RedisCache(settings.CACHES["default"]["LOCATION"], {})
    backend.set("page-cache-test", {"rows": [1, 2]})
    assert backend.get("page-cache-test") == {"rows": [1, 2]}
    assert backend._cache.get_client() is backend._cache.get_client(write=True)  # one server, one pool, one client
    backend.delete("page-cache-test")
