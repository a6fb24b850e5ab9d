import logging
import os
import uuid
from datetime import timedelta
from pathlib import Path
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.zeichen import einzeilig

from . import roles
from .auskunft import auskunft_zip
from .einladungslink import einladung_token
from .loeschantraege import faellige_ausfuehren
from .models import Auskunftsauftrag, Einladung

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=8)
def einladung_senden(self, einladung_id: int) -> None:
    """Mails the invitation link once; a repeated delivery after a successful send does nothing."""
    try:
        with transaction.atomic():
            # a second copy of this task (several mail workers, the periodic re-send while
            # this one still sends) waits or skips the invitation here
            einladung = (
                Einladung.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("eingeladen_von")
                .filter(pk=einladung_id, versendet_am__isnull=True, angenommen_am__isnull=True)
                .first()
            )
            if einladung is None:
                return
            link = settings.SITE_URL + reverse(
                "konten:einladung", kwargs={"token": einladung_token(einladung)}
            )
            _mail(einladung, link).send()
            Einladung.objects.filter(pk=einladung.pk).update(versendet_am=timezone.now())
    except (SMTPException, OSError) as error:
        if self.request.is_eager:
            raise  # no worker to wait in: einladungen_nachsenden tries again later
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800)) from error


def _mail(einladung, link):
    # The invitee's language is not known yet: the mail carries German and English.
    teile = []
    for sprache in ("de", "en"):
        with translation.override(sprache):
            kontext = {
                "einladung": einladung,
                "rolle": roles.rolle(einladung.rolle).label,
                "link": link,
                "sprache": sprache,
            }
            teile.append(
                (
                    einzeilig(render_to_string("konten/mail/einladung_betreff.txt", kontext)),
                    render_to_string("konten/mail/einladung.txt", kontext),
                    render_to_string("konten/mail/einladung.html", kontext),
                )
            )
    text = "\n\n――――――――――\n\n".join(t for _b, t, _h in teile)
    html = "<hr>".join(h for _b, _t, h in teile)
    mail = EmailMultiAlternatives(teile[0][0], text, to=[einladung.email])
    mail.attach_alternative(html, "text/html")
    return mail


@shared_task
def einladungen_nachsenden() -> int:
    """Queues every open, valid invitation whose mail has not gone out (SMTP or broker failed)."""
    now = timezone.now()
    offen = Einladung.objects.filter(
        versendet_am__isnull=True,
        angenommen_am__isnull=True,
        gueltig_bis__gt=now,
        # leave fresh ones to their own task
        created_at__lt=now - timedelta(minutes=5),
    ).values_list("pk", flat=True)
    anzahl = 0
    for pk in offen.iterator(chunk_size=500):
        try:
            einladung_senden.delay(pk)
            anzahl += 1
        except Exception:
            # The mail server is still down (embedded mode sends in-process): next round.
            logger.exception("invitation %s still not sent", pk)
    return anzahl


@shared_task
def loeschantraege_ausfuehren() -> int:
    """The daily run over erasure requests whose grace period has passed."""
    return faellige_ausfuehren()


# --- a person's copy of their data (konten/auskunft.py) -------------------------------------


def auskunft_ordner() -> Path:
    ordner = Path(settings.DATA_DIR) / "auskuenfte"
    ordner.mkdir(parents=True, exist_ok=True)
    return ordner


def _auskunft_stand(auftrag_id: int, **felder) -> None:
    Auskunftsauftrag.objects.filter(pk=auftrag_id).update(**felder)


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3, ignore_result=True
)
def auskunft_erstellen(self, auftrag_id: int, sprache: str = "de") -> None:
    """Builds the person's download; running it again for a finished job does nothing."""
    auftrag = Auskunftsauftrag.objects.select_related("erstellt_von").filter(pk=auftrag_id).first()
    if auftrag is None or not auftrag.laeuft:
        return
    _auskunft_stand(auftrag.pk, status=Auskunftsauftrag.Status.LAEUFT, fortschritt=5)

    def fortschritt(fertig, gesamt):
        _auskunft_stand(auftrag.pk, fortschritt=5 + 90 * fertig // max(gesamt, 1))

    # a name nobody guesses: the file is served only through its job, but never by its number
    name = f"{auftrag.pk}-{uuid.uuid4().hex}.zip"
    zwischen = auskunft_ordner() / f".{name}.teil"
    try:
        with translation.override(sprache):
            zwischen.write_bytes(auskunft_zip(auftrag.erstellt_von, fortschritt))
        os.replace(zwischen, auskunft_ordner() / name)  # a half-written file is never offered
    except Exception:
        logger.exception("data export %s failed", auftrag_id)
        zwischen.unlink(missing_ok=True)
        _auskunft_stand(
            auftrag.pk,
            status=Auskunftsauftrag.Status.FEHLER,
            fehler=_("Die Datei konnte nicht erstellt werden. Bitte versuchen Sie es erneut."),
        )
        return
    _auskunft_stand(
        auftrag.pk,
        status=Auskunftsauftrag.Status.FERTIG,
        fortschritt=100,
        datei=name,
        fertig_am=timezone.now(),
    )


@shared_task(ignore_result=True)
def auskuenfte_aufraeumen() -> int:
    """Removes the copies whose days (``AUSKUNFT_AUFBEWAHRUNG_TAGE``) are over, with their jobs."""
    alt = Auskunftsauftrag.objects.abgelaufen()
    for name in alt.exclude(datei="").values_list("datei", flat=True):
        (auskunft_ordner() / name).unlink(missing_ok=True)
    return alt.delete()[0]
