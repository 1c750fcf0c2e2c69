"""Thin Celery tasks of the advisory app."""

from celery import shared_task

from advisory import services


@shared_task
def advice_requests_remind() -> int:
    return services.advice_requests_remind()
