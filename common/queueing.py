"""Queueing background work so that nothing is lost when the broker or a mail server fails.
Low in the house: services of every app queue through it, and the tasks modules that run
those services import them in turn."""

import logging

from celery import current_app
from django.db import transaction

logger = logging.getLogger(__name__)


def task_by_name(name: str):
    """A task of any app by its name, for code below that app's tasks module (the outbox,
    the embedded scheduler, a service its periodic tasks run). Every app's tasks module is
    imported first: a web process imports them only when a view happens to, and a name not
    yet imported would be unknown."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def enqueue_on_commit(task, *args) -> None:
    """Queues ``task`` with ``args`` once the current transaction has committed.

    The worker then always finds the rows the task refers to. If queueing (or, in the
    embedded mode, running) fails, the change itself stands and the failure is logged;
    each task kind has a periodic job that picks up what was not done.
    """

    def send():
        try:
            task.delay(*args)
        except Exception:
            logger.exception("%s%r could not run now; its periodic job will retry", task.name, args)

    transaction.on_commit(send)
