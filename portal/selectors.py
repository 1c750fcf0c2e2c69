"""Reads of the portal package."""

from django.db.models import QuerySet

from portal.models import Notification, User


def notifications_for_user(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def notifications_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
