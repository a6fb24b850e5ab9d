"""The outbox for immediate notices.

A domain app writes a Notice inside the same transaction as the change it reports, so a
notice exists exactly when the change does. Once the transaction has committed, the new
notices are queued for delivery; when the broker is away at that moment they simply wait in
the outbox, which a periodic job drains. The notifications app renders and delivers; no
domain app sends mail itself (ARCHITECTURE.md §3).
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .models import Notice
from .queueing import task_by_name

logger = logging.getLogger(__name__)

#: the delivery task, named rather than imported: it lives in a higher app
ZUSTELLEN = "benachrichtigungen.tasks.notices_zustellen"


#: set while rows are written that report to no one (demo data in production mode)
_stumm = ContextVar("notices_stumm", default=False)


@contextmanager
def ohne_notices():
    """Writes no notice within: the changes made here are not news to anybody."""
    token = _stumm.set(True)
    try:
        yield
    finally:
        _stumm.reset(token)


def _nach_commit_zustellen(ids: list[int]) -> None:
    def senden():
        je_auftrag = settings.BENACHRICHTIGUNGEN_JE_AUFTRAG
        try:
            for start in range(0, len(ids), je_auftrag):
                task_by_name(ZUSTELLEN).delay(ids[start : start + je_auftrag])
        except Exception:
            # the outbox keeps them; the periodic job delivers them within a minute
            logger.exception("notices not queued now; the periodic job delivers them")

    transaction.on_commit(senden)


def notice_write(empfaenger, art: str, objekt=None, **daten) -> None:
    notices_write([empfaenger], art, objekt, **daten)


def notices_write(empfaenger, art: str, objekt=None, **daten) -> None:
    """The same notice to many recipients (a meeting's invited circle) in one INSERT."""
    if _stumm.get():
        return
    objekt_typ = ContentType.objects.get_for_model(objekt) if objekt is not None else None
    neu = Notice.objects.bulk_create(
        [
            Notice(
                empfaenger=person,
                art=art,
                objekt_typ=objekt_typ,
                objekt_id=objekt.pk if objekt is not None else None,
                daten=daten,
            )
            for person in empfaenger
        ],
        batch_size=500,
    )
    if neu:
        _nach_commit_zustellen([notice.pk for notice in neu])
