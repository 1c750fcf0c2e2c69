"""Thin Celery tasks: each takes ids and calls a service."""

from celery import shared_task

from portal import services


@shared_task(bind=True, max_retries=8, acks_late=True)
def notification_deliver(self, notification_id: int) -> str:
    result = services.notification_deliver(notification_id=notification_id)
    if result is services.Delivery.FAILED:
        # Back off 1, 2, 4 ... minutes; after the last retry the periodic sweep keeps trying, more slowly.
        raise self.retry(countdown=60 * 2**self.request.retries)
    return result.value


@shared_task
def notifications_sweep() -> int:
    services.notifications_purge()
    return services.notifications_requeue()


@shared_task
def notifications_send_digests() -> int:
    return services.notifications_send_digests()
