"""Reads of the portal package."""

import datetime as dt

from django.db.models import Count, Q, QuerySet

from portal.models import Notification, User


def notifications_for_user(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


# Ages the outbox's waiting notifications are counted in, for the metrics: (label, the age they are younger than).
UNDELIVERED_AGES = [("5m", dt.timedelta(minutes=5)), ("1h", dt.timedelta(hours=1)), ("1d", dt.timedelta(days=1))]


def notifications_undelivered_by_age(*, now: dt.datetime) -> dict[str, int]:
    """Immediate notifications not yet sent, counted by how long they have waited (one query).

    Digest notifications are left out: they wait for the daily digest on purpose. The labels are upper bounds ("5m":
    younger than five minutes, and so on) and "older" holds the rest.
    """
    counts = Notification.objects.filter(sent_at__isnull=True, digest=False).aggregate(
        **{label: Count("pk", filter=Q(created_at__gt=now - age)) for label, age in UNDELIVERED_AGES},
        total=Count("pk"),
    )
    result, counted = {}, 0
    for label, _age in UNDELIVERED_AGES:
        result[label] = counts[label] - counted
        counted = counts[label]
    result["older"] = counts["total"] - counted
    return result


def notification_oldest_undelivered() -> dt.datetime | None:
    """When the longest-waiting immediate notification was written, or None when none waits."""
    return (
        Notification.objects.filter(sent_at__isnull=True, digest=False)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
