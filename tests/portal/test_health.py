import datetime as dt

import pytest

pytestmark = pytest.mark.django_db


def test_it_reports_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"] == data["cache"] == data["broker"] == "ok"


def test_it_names_what_does_not_answer(client, settings):
    # A real Redis client pointed at a port where nothing listens.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "error"
    assert data["cache"].startswith("error")
    assert data["database"] == "ok"


def test_it_is_not_behind_a_language_prefix(client):
    assert client.get("/en/healthz").status_code == 404


def test_it_keeps_the_details_for_the_log(client, settings, caplog):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    }
    response = client.get("/healthz")
    assert response.json()["cache"] == "error"
    assert "127.0.0.1" not in response.text
    assert "Connection refused" in caplog.text


def _notification(*, age_minutes: int, digest: bool = False) -> None:
    from django.utils import timezone

    from portal.models import Notification

    Notification.objects.create(
        email="anna@example.org",
        kind="test",
        key=f"waiting-{age_minutes}-{digest}",
        language="da",
        digest=digest,
        created_at=timezone.now() - dt.timedelta(minutes=age_minutes),
    )


def test_it_reports_notifications_that_wait_too_long(client, settings):
    settings.HEALTHZ_OUTBOX_MAX_AGE = 3600
    _notification(age_minutes=61)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["outbox"].startswith("error")
    assert response.json()["database"] == "ok"


def test_it_lets_notifications_wait_within_the_limit_and_digests_wait_for_the_digest(client, settings):
    settings.HEALTHZ_OUTBOX_MAX_AGE = 3600
    _notification(age_minutes=59)
    _notification(age_minutes=20 * 60, digest=True)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["outbox"] == "ok"
