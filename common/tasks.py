"""The platform's own periodic and background tasks: the admin's spreadsheet imports, the
clearing away of uploaded files and the retention schedule's daily run."""

from celery import shared_task

from .adminimport import admin_import_ausfuehren
from .aufbewahrung import lauf
from .auftraege import import_ausfuehren
from .auftraege import importe_aufraeumen as aufraeumen


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def tabellen_import(auftrag_id: int, sprache: str = "de") -> None:
    """A spreadsheet import of the Django admin (common/importadmin.py, adminimport.py)."""
    import_ausfuehren(auftrag_id, sprache, admin_import_ausfuehren)


@shared_task(ignore_result=True)
def importe_aufraeumen() -> int:
    return aufraeumen()


@shared_task(ignore_result=True)
def aufbewahrung_ausfuehren() -> int:
    """The daily run of the retention schedule; returns the report's id."""
    return lauf().pk
