"""With Redis unreachable (cache, sessions' cache, rate limits and broker), people keep working."""

import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from associations.models import Interest
from portal.celery import app as celery_app
from portal.models import Notification
from tests.factories.associations import VolunteerRoleFactory
from tests.factories.portal import PASSWORD

pytestmark = pytest.mark.django_db

# A port where nothing listens: every connection is refused, as when Redis is down.
UNREACHABLE = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    """The production set-up of portal/settings.py with Redis gone: the cache, sessions and the broker."""
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.counter_cache.CounterFallbackCache",
            "INNER_BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": UNREACHABLE,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    settings.SESSION_ENGINE = "portal.sessions"
    settings.PAGE_CACHE_SECONDS = 60
    settings.REDIS_URL = UNREACHABLE
    # Tasks go to the (unreachable) broker instead of running in the test process.
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=UNREACHABLE, task_always_eager=False)
    _forget_broker_connections()
    yield
    celery_app.conf.update(saved)
    _forget_broker_connections()


def _forget_broker_connections() -> None:
    """Make the app connect anew to the broker its configuration names. Celery keeps a pool of connections and one
    of producers per app, made for the broker of the time (even eager tasks take a producer from it); `app.close()`
    drops only the first, so a producer for the working Redis of earlier tests would still publish."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_a_person_signs_in_and_works(client, user, redis_down):
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("min-side")).status_code == 200
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get(reverse("min-side")).status_code == 302  # signed out: sent to the sign-in page


def test_a_person_with_two_factor_authentication_signs_in_once_per_code(client, user, redis_down, settings):
    # The code of this moment stays valid while the test runs, even across the turn of a 30-second period.
    settings.MFA_TOTP_TOLERANCE = 1
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    counters = list(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))  # the code shown right now

    def sign_in():
        client.logout()
        response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert response.url == reverse("mfa_authenticate")
        return client.post(reverse("mfa_authenticate"), {"code": code})

    assert sign_in().status_code == 302
    assert client.get(reverse("min-side")).status_code == 200
    assert sign_in().status_code == 200  # the same code a second time is refused


def test_failed_sign_ins_are_still_limited(client, user, redis_down):
    for _ in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong-password"})
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code != 302


def test_anonymous_pages_are_served(client, redis_down):
    assert client.get(reverse("associations:association-list")).status_code == 200


def test_a_form_that_sends_mail_succeeds_and_leaves_the_mail_to_the_sweep(
    client, redis_down, mailoutbox, django_capture_on_commit_callbacks, caplog
):
    role = VolunteerRoleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            role.get_absolute_url(),
            {"name": "Hanne Hjælpsom", "email": "hanne@example.org", "message": "Hej", "consent": "on"},
        )
    assert response.status_code == 302
    assert Interest.objects.filter(email="hanne@example.org").exists()
    assert Notification.objects.filter(email="hanne@example.org", sent_at__isnull=True).exists()
    assert mailoutbox == []
    assert "the periodic sweep will retry it" in caplog.text


def test_health_answers_quickly_and_names_what_is_down(client, redis_down):
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < 1.5  # a bound on behaviour, far above what it takes
    assert response.status_code == 503
    data = response.json()
    assert (data["database"], data["cache"], data["broker"]) == ("ok", "error", "error")
    assert "127.0.0.1" not in response.text
