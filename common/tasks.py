"""Queueing background work so that nothing is lost when the broker or a mail server fails;
the admin's spreadsheet imports and the clearing away of uploaded files."""

import logging

from celery import current_app, shared_task
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


# The import machinery imports this module (enqueue_on_commit), so the tasks below import
# it when they run.


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def tabellen_import(auftrag_id: int, sprache: str = "de") -> None:
    """A spreadsheet import of the Django admin (common/importadmin.py)."""
    from .auftraege import import_ausfuehren
    from .importadmin import admin_import_ausfuehren

    import_ausfuehren(auftrag_id, sprache, admin_import_ausfuehren)


@shared_task(ignore_result=True)
def importe_aufraeumen() -> int:
    from .auftraege import importe_aufraeumen as aufraeumen

    return aufraeumen()


@shared_task(ignore_result=True)
def aufbewahrung_ausfuehren() -> int:
    """The daily run of the retention schedule; returns the report's id."""
    from .aufbewahrung import lauf

    return lauf().pk
