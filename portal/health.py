"""Checks behind /healthz: can the portal reach what it needs?

Each check gives up after about a second, so a monitor gets its answer while something is down. What went wrong is
written to the log; the answer, which anyone can read, names only what is down.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# Seconds each check may take before it counts as down.
TIMEOUT = 1


def check_database() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # SET LOCAL ends with the transaction, so the connection goes back to the pool as it was.
            cursor.execute("SET LOCAL statement_timeout = %s", [TIMEOUT * 1000])
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    # The cache's own connection options (settings.REDIS_TIMEOUT) bound how long this waits.
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("value written to the cache could not be read back")
    cache.delete(key)


def check_broker() -> None:
    from portal.celery import app

    if not settings.REDIS_URL:
        # Without a broker tasks run in-process, so there is nothing that could be down.
        return
    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=0, timeout=TIMEOUT)


def check_outbox() -> None:
    """Immediate notifications must not wait longer than HEALTHZ_OUTBOX_MAX_AGE: mail or the workers are stuck."""
    from portal.selectors import notification_oldest_undelivered

    oldest = notification_oldest_undelivered()
    if oldest is not None and (timezone.now() - oldest).total_seconds() > settings.HEALTHZ_OUTBOX_MAX_AGE:
        raise RuntimeError(f"notifications have waited unsent since {oldest.isoformat(timespec='seconds')}")


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker, "outbox": check_outbox}


def health() -> dict[str, str]:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("health check of the %s failed", name)
            results[name] = "error"
        else:
            results[name] = "ok"
    results["mode"] = "in-process tasks" if not settings.REDIS_URL else "celery"
    return results
