"""Reads of the portal package."""

from django.db.models import QuerySet

from portal.models import Notification, User


def notifications_for_user(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")
