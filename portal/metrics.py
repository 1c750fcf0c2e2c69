"""Prometheus metrics, served at /metrics to a scraper that shows METRICS_TOKEN or comes from METRICS_ALLOWED_IPS.

Counters and histograms (requests, failed sign-ins, booking conflicts) are counted in the process that sees the
event. With several gunicorn workers set PROMETHEUS_MULTIPROC_DIR to an empty directory that all of them share
(cleared at each start), and the scrape adds up every worker's counts. The outbox and the Celery queues are read from
the database and Redis at scrape time, so any worker answers them correctly.
"""

import hmac
import ipaddress
import os

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REQUESTS = Counter("portal_requests", "Requests answered, by view, method and status.", ["view", "method", "status"])
REQUEST_SECONDS = Histogram(
    "portal_request_duration_seconds",
    "Time to answer a request, by view.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
LOGINS_FAILED = Counter("portal_logins_failed", "Sign-ins refused for a wrong email address or password.")
BOOKING_CONFLICTS = Counter("portal_booking_conflicts", "Bookings refused because the time had been taken.")


class ScrapeTimeCollector(Collector):
    """Gauges read when Prometheus asks: the outbox's waiting notifications and the Celery queues."""

    def collect(self):
        from portal import selectors

        now = timezone.now()
        waiting = GaugeMetricFamily(
            "portal_notifications_undelivered",
            "Immediate notifications not yet sent, by how long they have waited (younger than 5m, 1h, 1d, or older).",
            labels=["age"],
        )
        for label, count in selectors.notifications_undelivered_by_age(now=now).items():
            waiting.add_metric([label], count)
        yield waiting
        oldest = selectors.notification_oldest_undelivered()
        yield GaugeMetricFamily(
            "portal_notifications_oldest_undelivered_seconds",
            "How long the longest-waiting immediate notification has waited (0 when none waits).",
            value=(now - oldest).total_seconds() if oldest else 0,
        )
        queues = GaugeMetricFamily(
            "portal_celery_queue_length", "Tasks waiting in each Celery queue.", labels=["queue"]
        )
        for queue, length in celery_queue_lengths().items():
            queues.add_metric([queue], length)
        yield queues


def celery_queue_lengths() -> dict[str, int]:
    """The number of tasks waiting in each queue the workers read; empty without Redis (tasks run in-process)."""
    if not settings.REDIS_URL:
        return {}
    import redis

    from portal.celery import app

    names = [queue.name for queue in app.conf.task_queues or []] or [app.conf.task_default_queue]
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        # Celery's Redis transport keeps each queue as a list under the queue's name.
        return {name: client.llen(name) for name in names}
    finally:
        client.close()


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus' text format, with every worker's counts in multiprocess mode."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_DefaultRegistry())
    registry.register(ScrapeTimeCollector())
    return generate_latest(registry), CONTENT_TYPE_LATEST


class _DefaultRegistry(Collector):
    """This process's own metrics, for a registry that also holds the scrape-time gauges."""

    def collect(self):
        yield from REGISTRY.collect()


def scrape_allowed(request: HttpRequest, *, client_address: str) -> bool:
    """A scraper may read the metrics with the bearer token or from an allowed address or network."""
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header.removeprefix("Bearer "), token):
        return True
    try:
        address = ipaddress.ip_address(client_address)
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(allowed, strict=False) for allowed in settings.METRICS_ALLOWED_IPS)


def metrics_enabled() -> bool:
    return bool(settings.METRICS_TOKEN or settings.METRICS_ALLOWED_IPS)
