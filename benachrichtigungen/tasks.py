"""Delivery of immediate notices from the outbox (common.models.Notice), of reminders and
of digests.

Notices are queued when the change that wrote them commits; a periodic job also collects
whatever is still undelivered (written while the broker was away) and hands out id chunks.
A chunk sends over one SMTP connection. A notice counts as delivered once ``zugestellt_am``
is set, right after the mail server took it, under a row lock: a retried, redelivered or
doubly queued chunk skips it.
"""

import logging
import uuid
from datetime import date, timedelta
from smtplib import SMTPException, SMTPRecipientsRefused

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from common.models import Notice
from konten.models import User

from . import digest
from .arten import art_von
from .mail import digest_mail, notice_mail
from .models import Einstellung, Versand

logger = logging.getLogger(__name__)

CHUNK = settings.BENACHRICHTIGUNGEN_JE_AUFTRAG
#: notices collected per run; the rest follow in the next one
JE_LAUF = 5000
#: a digest row a task took and neither sent nor gave back is free again after this long
VERSAND_FRIST = timedelta(minutes=30)


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
        return _spaeter(
            self, error, gesendet, "notices not delivered now; the periodic job retries"
        )
    return gesendet


def _spaeter(task, error, gesendet: int, meldung: str) -> int:
    """A mail server that is down or dropped the connection: retry with growing pauses. In
    the embedded mode (no worker to retry) the periodic job picks the rest up."""
    if task.request.is_eager:
        logger.warning("%s (%s)", meldung, error)
        return gesendet
    raise task.retry(exc=error, countdown=min(30 * 2**task.request.retries, 1800)) from error


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


# --- reminders -------------------------------------------------------------------------------


@shared_task(ignore_result=True)
def erinnerungen_schreiben(heute_iso: str | None = None) -> int:
    """Daily: writes the reminders the apps name for ``heute`` into the outbox and hands them
    out. Each reminder has a key, so running the day again writes nothing twice."""
    heute = date.fromisoformat(heute_iso) if heute_iso else timezone.localdate()
    geschrieben = 0
    for erinnerungen in digest.erinnerungen(heute):
        geschrieben += len(
            Notice.objects.bulk_create(
                [e.als_notice() for e in erinnerungen], batch_size=1000, ignore_conflicts=True
            )
        )
    notices_einsammeln()
    return geschrieben


# --- digests -----------------------------------------------------------------------------


@shared_task(ignore_result=True)
def digest_beat(heute_iso: str | None = None) -> dict:
    """Computes today's periods once, selects in the database who is due and has no ledger
    row yet, adds the open rows a vanished task left behind, and hands out id chunks of
    ``CHUNK``. It runs several times a day: the first run does the work, later runs find
    only what a broker or worker failure left undone."""
    heute = date.fromisoformat(heute_iso) if heute_iso else timezone.localdate()
    gezaehlt = {}
    for rhythmus in (Einstellung.Digest.TAEGLICH, Einstellung.Digest.WOECHENTLICH):
        zr = digest.zeitraum(rhythmus, heute)
        ids = [
            *digest.empfaenger(rhythmus, heute, zr),
            *digest.liegengeblieben(zr, timezone.now() - VERSAND_FRIST),
        ]
        for start in range(0, len(ids), CHUNK):
            digest_senden.delay(ids[start : start + CHUNK], rhythmus, heute.isoformat())
        gezaehlt[rhythmus] = len(ids)
    return gezaehlt


def digest_vorbereiten(ids, zr):
    """The chunk's recipients without a done row, their sections and preferences, and a
    ledger row for each: open for a digest to send, done (``leer``) for nothing new. A
    fixed number of queries for the whole chunk."""
    personen = list(User.objects.filter(pk__in=ids, is_active=True).exclude(email=""))
    erledigt = set(
        Versand.objects.filter(
            empfaenger__in=personen,
            art=digest.ART,
            periode=zr.schluessel,
            erledigt_am__isnull=False,
        ).values_list("empfaenger_id", flat=True)
    )
    personen = [p for p in personen if p.pk not in erledigt]
    abschnitte = digest.abschnitte(personen, zr)
    jetzt = timezone.now()
    Versand.objects.bulk_create(
        [
            Versand(empfaenger=p, art=digest.ART, periode=zr.schluessel)
            if abschnitte.get(p.pk)
            else Versand(
                empfaenger=p,
                art=digest.ART,
                periode=zr.schluessel,
                erledigt_am=jetzt,
                ergebnis=Versand.Ergebnis.LEER,
            )
            for p in personen
        ],
        ignore_conflicts=True,
    )
    personen = [p for p in personen if abschnitte.get(p.pk)]
    return personen, _einstellungen([p.pk for p in personen]), abschnitte


def _versand_uebernehmen(personen, zr, auftrag: str) -> dict:
    """Takes the chunk's open ledger rows for this task (two queries) and returns them per
    person. Rows another live task holds stay with it: a chunk queued twice sends once."""
    jetzt = timezone.now()
    offen = Versand.objects.filter(
        empfaenger__in=personen, art=digest.ART, periode=zr.schluessel, erledigt_am__isnull=True
    )
    offen.filter(
        Q(vergeben_an="") | Q(vergeben_an=auftrag) | Q(vergeben_am__lt=jetzt - VERSAND_FRIST)
    ).update(vergeben_an=auftrag, vergeben_am=jetzt)
    return dict(offen.filter(vergeben_an=auftrag).values_list("empfaenger_id", "pk"))


def _digest_zustellen(mail) -> str:
    try:
        mail.send()
    except SMTPRecipientsRefused:
        logger.warning("mail server refused %s for a digest", mail.to)
        return Versand.Ergebnis.ABGEWIESEN
    return Versand.Ergebnis.GESENDET


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=8, ignore_result=True
)
def digest_senden(self, ids: list[int], rhythmus: str, heute_iso: str) -> int:
    """Sends the digests of one chunk over one SMTP connection.

    Reading is a fixed number of queries for the chunk; then each ledger row is marked, in
    one UPDATE, right after the mail server took its mail. That per-recipient write is the
    price of exactly once: a chunk cut off mid-way (worker killed, connection lost) and
    run again sends only what is still unmarked. An empty digest is not sent."""
    zr = digest.zeitraum(rhythmus, date.fromisoformat(heute_iso))
    personen, einstellungen, abschnitte = digest_vorbereiten(ids, zr)
    zeilen = _versand_uebernehmen(personen, zr, self.request.id or uuid.uuid4().hex)
    gesendet = 0
    try:
        with get_connection() as connection:
            for person in personen:
                if person.pk not in zeilen:
                    continue
                ergebnis = _digest_zustellen(
                    digest_mail(
                        person, einstellungen[person.pk], abschnitte[person.pk], zr, connection
                    )
                )
                Versand.objects.filter(pk=zeilen[person.pk]).update(
                    erledigt_am=timezone.now(), ergebnis=ergebnis
                )
                gesendet += ergebnis == Versand.Ergebnis.GESENDET
    except (SMTPException, OSError) as error:
        return _spaeter(self, error, gesendet, "digests not sent now; the next run sends them")
    return gesendet
