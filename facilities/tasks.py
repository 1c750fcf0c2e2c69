"""Thin Celery tasks of the facilities app."""

from celery import shared_task

from facilities import services


@shared_task
def booking_reminders_send() -> int:
    return services.booking_reminders_send()
