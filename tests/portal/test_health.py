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
