"""Handing tasks to the Celery workers without ever failing the request that asked for them.

A task is enqueued after the transaction that wrote its row has committed, so when the broker cannot be reached the
row is already safe and the person's request has succeeded: raising then would answer 500 for work that was done.
Every task enqueued here works from rows that a periodic sweep finds again (the notification outbox), so an error is
logged and the sweep sends the task once the broker answers.
"""

import functools
import logging

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task: Task, *args) -> bool:
    """Send `task` to the workers; False (and logged) when the broker could not take it."""
    try:
        task.delay(*args)
    except Exception:
        logger.error("could not enqueue %s%r; the periodic sweep will retry it", task.name, args, exc_info=True)
        return False
    return True


def enqueue_on_commit(task: Task, *args) -> None:
    """`enqueue` once the current transaction commits (at once outside one); nothing if it rolls back."""
    transaction.on_commit(functools.partial(enqueue, task, *args))
