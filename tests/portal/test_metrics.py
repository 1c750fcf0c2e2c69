"""Prometheus metrics at /metrics: who may read them, and what they tell."""

import datetime as dt

import pytest
import redis
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from portal.models import Notification
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN = "a-long-random-metrics-token"


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = []


def _scrape(client) -> dict:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def _notification(*, key: str, age: dt.timedelta, digest: bool = False, sent: bool = False) -> None:
    Notification.objects.create(
        email="anna@example.org",
        kind="test",
        key=key,
        language="da",
        digest=digest,
        created_at=timezone.now() - age,
        sent_at=timezone.now() if sent else None,
    )


def test_it_does_not_exist_unless_configured(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = []
    assert client.get("/metrics").status_code == 404


def test_it_refuses_a_scraper_without_the_token(client, metrics_on):
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403


def test_it_answers_an_allowed_network_without_a_token(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8", "127.0.0.0/8"]
    assert client.get("/metrics").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.1").status_code == 403


def test_it_counts_requests_per_view_not_per_path(client, metrics_on):
    before = _scrape(client)
    client.get("/")
    client.get("/en/")
    client.get("/no-such-page/?q=anna")
    after = _scrape(client)

    def grew(view, status):
        key = ("portal_requests_total", (("method", "GET"), ("status", status), ("view", view)))
        return after.get(key, 0) - before.get(key, 0)

    assert grew("home", "200") == 2
    assert grew("unresolved", "404") == 1
    assert not any("anna" in str(key) for key in after)
    assert after[("portal_request_duration_seconds_count", (("view", "home"),))] >= 2


def test_it_tells_how_long_notifications_have_waited(client, metrics_on):
    _notification(key="new", age=dt.timedelta(minutes=1))
    _notification(key="stuck", age=dt.timedelta(hours=3))
    _notification(key="old", age=dt.timedelta(days=2))
    _notification(key="sent", age=dt.timedelta(days=2), sent=True)
    # A digest waits for the daily mail on purpose.
    _notification(key="digest", age=dt.timedelta(hours=20), digest=True)

    samples = _scrape(client)
    waiting = {
        labels[0][1]: value for (name, labels), value in samples.items() if name == "portal_notifications_undelivered"
    }
    assert waiting == {"5m": 1, "1h": 0, "1d": 1, "older": 1}
    assert samples[("portal_notifications_oldest_undelivered_seconds", ())] >= 2 * 24 * 3600


def test_it_counts_failed_logins(client, metrics_on, user):
    before = _scrape(client).get(("portal_logins_failed_total", ()), 0)
    client.post("/accounts/login/", {"login": user.email, "password": "not-" + PASSWORD})
    assert _scrape(client)[("portal_logins_failed_total", ())] == before + 1


@pytest.mark.redis
def test_it_tells_how_many_tasks_wait_in_the_celery_queue(client, metrics_on, settings):
    settings.CELERY_BROKER_URL = settings.REDIS_URL = settings.REDIS_URL or "redis://127.0.0.1:6379/0"
    broker = redis.Redis.from_url(settings.REDIS_URL)
    broker.delete("celery")
    broker.rpush("celery", "a task", "another task")
    try:
        assert _scrape(client)[("portal_celery_queue_length", (("queue", "celery"),))] == 2
    finally:
        broker.delete("celery")
