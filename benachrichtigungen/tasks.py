"""Delivery of immediate notices from the outbox (common.models.Notice), and of digests.

The periodic job collects undelivered notices and hands out id chunks; a chunk sends over
one SMTP connection. A notice counts as delivered once ``zugestellt_am`` is set, right after
the mail server took it, under a row lock: a retried, redelivered or doubly queued chunk
skips it. When the broker is away, the notices simply wait in the outbox for the next run.
"""

import logging
from datetime import date
from smtplib import SMTPException, SMTPRecipientsRefused

from celery import shared_task
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from common.models import Notice
from konten.models import User

from . import digest
from .arten import art_von
from .mail import digest_mail, notice_mail
from .models import Einstellung, Versand

logger = logging.getLogger(__name__)

CHUNK = 50
#: notices collected per run; the rest follow in the next one
JE_LAUF = 5000


class Ergebnis:
    GESENDET = "gesendet"
    ABBESTELLT = "abbestellt"
    OHNE_KONTO = "ohne_konto"
    #: the mail server refused the address for good (no such mailbox): retrying cannot help
    ABGEWIESEN = "abgewiesen"


def _einstellungen(personen_ids) -> dict:
    """Everyone's preferences in two queries, creating the missing ones."""
    Einstellung.objects.bulk_create(
        [Einstellung(person_id=pk) for pk in personen_ids], ignore_conflicts=True
    )
    return {e.person_id: e for e in Einstellung.objects.filter(person_id__in=personen_ids)}


def _zustellen(notice, einstellung, connection) -> str:
    person = notice.empfaenger
    if not person.is_active or not person.email:
        return Ergebnis.OHNE_KONTO
    if not einstellung.will(art_von(notice).kategorie):
        return Ergebnis.ABBESTELLT
    try:
        notice_mail(notice, einstellung, connection).send()
    except SMTPRecipientsRefused:
        logger.warning("mail server refused %s for notice %s", person.email, notice.pk)
        return Ergebnis.ABGEWIESEN
    return Ergebnis.GESENDET


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=8, ignore_result=True
)
def notices_zustellen(self, notice_ids: list[int]) -> int:
    """Delivers the open notices among ``notice_ids``; returns how many mails went out."""
    offen = list(
        Notice.objects.filter(pk__in=notice_ids, zugestellt_am__isnull=True)
        .select_related("empfaenger")
        .order_by("pk")
    )
    einstellungen = _einstellungen({n.empfaenger_id for n in offen})
    gesendet = 0
    try:
        with get_connection() as connection:
            for notice in offen:
                with transaction.atomic():
                    # a second chunk holding the same notice waits or skips it here
                    if not Notice.objects.select_for_update(skip_locked=True).filter(
                        pk=notice.pk, zugestellt_am__isnull=True
                    )[:1]:
                        continue
                    ergebnis = _zustellen(notice, einstellungen[notice.empfaenger_id], connection)
                    Notice.objects.filter(pk=notice.pk).update(
                        zugestellt_am=timezone.now(), ergebnis=ergebnis
                    )
                gesendet += ergebnis == Ergebnis.GESENDET
    except (SMTPException, OSError) as error:
        if self.request.is_eager:
            logger.warning("notices not delivered now (%s); the periodic job retries", error)
            return gesendet
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800)) from error
    return gesendet


@shared_task(ignore_result=True)
def notices_einsammeln() -> int:
    """Hands the undelivered notices to ``notices_zustellen`` in chunks of ``CHUNK``."""
    ids = list(
        Notice.objects.filter(zugestellt_am__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:JE_LAUF]
    )
    for start in range(0, len(ids), CHUNK):
        try:
            notices_zustellen.delay(ids[start : start + CHUNK])
        except Exception:
            logger.exception("notice chunk could not be queued; the next run retries")
            break
    return len(ids)


# --- digests -----------------------------------------------------------------------------


@shared_task(ignore_result=True)
def digest_beat(heute_iso: str | None = None) -> dict:
    """Daily: computes today's periods once, selects who is due in the database and hands
    out id chunks of ``CHUNK``. Running it twice queues only who is still unsent."""
    heute = date.fromisoformat(heute_iso) if heute_iso else timezone.localdate()
    gezaehlt = {}
    for rhythmus in (Einstellung.Digest.TAEGLICH, Einstellung.Digest.WOECHENTLICH):
        ids = list(digest.empfaenger(rhythmus, heute, digest.zeitraum(rhythmus, heute)))
        for start in range(0, len(ids), CHUNK):
            digest_senden.delay(ids[start : start + CHUNK], rhythmus, heute.isoformat())
        gezaehlt[rhythmus] = len(ids)
    return gezaehlt


def _digest_vorbereiten(ids, zr):
    """Recipients, their preferences and sections, and the ledger rows still open: a fixed
    number of queries for the whole chunk."""
    personen = list(User.objects.filter(pk__in=ids, is_active=True).exclude(email=""))
    gesendet = set(
        Versand.objects.filter(
            empfaenger__in=personen,
            art=digest.ART,
            periode=zr.schluessel,
            gesendet_am__isnull=False,
        ).values_list("empfaenger_id", flat=True)
    )
    personen = [p for p in personen if p.pk not in gesendet]
    abschnitte = digest.abschnitte(personen, zr)
    personen = [p for p in personen if abschnitte.get(p.pk)]
    # the ledger row exists before the mail goes out
    Versand.objects.bulk_create(
        [Versand(empfaenger=p, art=digest.ART, periode=zr.schluessel) for p in personen],
        ignore_conflicts=True,
    )
    return personen, _einstellungen([p.pk for p in personen]), abschnitte


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=8, ignore_result=True
)
def digest_senden(self, ids: list[int], rhythmus: str, heute_iso: str) -> int:
    """Sends the digests of one chunk over one SMTP connection. Each recipient's ledger row
    is marked right after the mail server took the mail, so a retried, redelivered or
    restarted chunk sends only what is still unmarked. An empty digest is not sent."""
    zr = digest.zeitraum(rhythmus, date.fromisoformat(heute_iso))
    personen, einstellungen, abschnitte = _digest_vorbereiten(ids, zr)
    gesendet = 0
    try:
        with get_connection() as connection:
            for person in personen:
                digest_mail(
                    person, einstellungen[person.pk], abschnitte[person.pk], zr, connection
                ).send()
                Versand.objects.filter(
                    empfaenger=person, art=digest.ART, periode=zr.schluessel
                ).update(gesendet_am=timezone.now())
                gesendet += 1
    except (SMTPException, OSError) as error:
        if self.request.is_eager:
            logger.warning("digests not sent now (%s); run the period again to finish", error)
            return gesendet
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800)) from error
    return gesendet
