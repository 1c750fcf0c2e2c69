"""Shared fixtures.

Tests run against whatever DATABASE_URL/REDIS_URL point at (Postgres and Redis in CI) and fall back to SQLite and a
local-memory cache. Tests marked `postgres` are skipped on SQLite, those marked `redis` without Redis, browser
tests without Chromium and nginx tests without nginx, except in CI (CI=true): there a missing service fails the run instead, so nothing is
silently left untested.

Every test runs on a pinned clock: today's date in Copenhagen at the time of day given by `--clock` (23:59 unless
told otherwise), thirty seconds into that minute, ticking from there. No test may pass or fail by the hour it runs,
so `make test` runs the suite at 23:59 and again at 00:01, where days turn and evening pages read further ahead.
"""

import datetime as dt
import os
import shutil
import zoneinfo
from urllib.parse import urlsplit, urlunsplit

import pytest
import time_machine
from allauth.account.internal.flows.login import record_authentication
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.utils import translation

from portal.celery import app as celery_app

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Debian installs nginx in /usr/sbin, which is not on every user's PATH.
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default="23:59",
        help="the time of day (HH:MM, Copenhagen) every test starts at; the date is today's. With pytest-xdist's "
        "`-n N --dist each`, a comma-separated list gives each worker its own (the whole suite runs in each)",
    )


def pytest_configure(config):
    # Under xdist each worker is a process of its own ("gw0", "gw1", ...), with a test database of its own.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    index = int(worker.removeprefix("gw")) if worker else 0
    clocks = config.getoption("--clock").split(",")
    try:
        time_of_day = dt.time.fromisoformat(clocks[index % len(clocks)].strip()).replace(second=30)
    except ValueError as error:
        raise pytest.UsageError(f"--clock takes times of day as HH:MM: {error}") from error
    # Thirty seconds into the minute, a test that reads the clock apart from the code it tests (both within a few
    # seconds) sees the same minute, so activities ending on the minute end for both.
    config.pinned_now = dt.datetime.combine(dt.datetime.now(COPENHAGEN).date(), time_of_day, tzinfo=COPENHAGEN)
    if worker and django_settings.REDIS_URL:
        _own_redis_database(index)


def _own_redis_database(index: int) -> None:
    """Gives an xdist worker the Redis database after the one REDIS_URL names (the first worker keeps that one), as
    it has a test database of its own: the tests clear the cache, which must not clear another worker's counters.
    Processes the tests start (the benchmark's server) inherit it through the environment."""
    url = urlsplit(django_settings.REDIS_URL)
    database = int(url.path.strip("/") or 0) + index
    own = urlunsplit(url._replace(path=f"/{database}"))
    os.environ["REDIS_URL"] = own
    django_settings.REDIS_URL = own
    django_settings.CACHES["default"]["LOCATION"] = own
    celery_app.conf.broker_url = own


@pytest.fixture(autouse=True)
def clock(request):
    """Pins "now" for the test; it ticks on from there, so timeouts and expiries behave as in real time. A test
    that needs another moment asks for `clock` and calls `clock.move_to(...)`."""
    with time_machine.travel(request.config.pinned_now, tick=True) as traveller:
        yield traveller


def pytest_collection_modifyitems(config, items):
    on_postgres = connection.vendor == "postgresql"
    if IN_CI and not on_postgres:
        raise pytest.UsageError("CI=true but the tests are not running on Postgres: set DATABASE_URL.")
    if IN_CI and not os.environ.get("REDIS_URL"):
        raise pytest.UsageError("CI=true but REDIS_URL is not set: the tests must use Redis in CI.")
    if IN_CI and not CHROMIUM:
        raise pytest.UsageError("CI=true but Chromium is not installed: browser tests cannot be skipped in CI.")
    if IN_CI and not NGINX:
        raise pytest.UsageError("CI=true but nginx is not installed: the nginx tests cannot be skipped in CI.")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)"))
        if "redis" in item.keywords and not os.environ.get("REDIS_URL"):
            item.add_marker(pytest.mark.skip(reason="needs Redis (set REDIS_URL)"))
        if "browser" in item.keywords and not CHROMIUM:
            item.add_marker(pytest.mark.skip(reason="needs Chromium (apt-get install chromium)"))
        if "nginx" in item.keywords and not NGINX:
            item.add_marker(pytest.mark.skip(reason="needs nginx (apt-get install nginx)"))


@pytest.fixture(scope="session", autouse=True)
def _tasks_run_in_process():
    """Celery tasks run in the test process, after commit, exactly as in the embedded set-up."""
    celery_app.conf.task_always_eager = True
    yield


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The real hasher is slow on purpose; factories create many people, and no test is about the hash itself.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Views are tested as they run when the page cache misses (query counts included); tests/portal/
    test_page_cache.py switches the cache on to test it."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _clean_cache_and_language():
    # Rate-limit counters and cached fragments must not leak between tests, even on a shared Redis.
    cache.clear()
    translation.activate("da")
    yield
    translation.deactivate()


class PortalClient(Client):
    """The test client, signing staff in the way the admin requires: with a password and a second factor.

    `force_login()` of a staff member gives them a TOTP authenticator (tests.factories.portal.TOTP_SECRET) if they
    have none and records in the session that they entered its code, exactly as allauth records it after the code
    form. `force_login(user, second_factor=False)` signs someone in with a password alone.
    """

    def force_login(self, user, backend=None, *, second_factor=True):
        super().force_login(user, backend)
        if second_factor and user.is_staff:
            from tests.factories.portal import totp_authenticator

            authenticator = totp_authenticator(user)
            request = RequestFactory().get("/")
            request.session = self.session
            request.user = user
            record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
            request.session.save()


@pytest.fixture
def client():
    return PortalClient()


@pytest.fixture
def user(db):
    from tests.factories.portal import UserFactory

    return UserFactory()


@pytest.fixture
def staff_user(db):
    from tests.factories.portal import StaffFactory

    return StaffFactory()


# Browser tests: Playwright drives the system Chromium; it never downloads a browser of its own.


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }
