"""Thin Celery tasks of the grants app."""

from celery import shared_task

from grants import services


@shared_task
def reminders_send() -> int:
    return services.reminders_send()
