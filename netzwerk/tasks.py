"""Mail of the distribution lists, the daily inactivity run, and list imports.

Tasks take ledger ids. A row counts as sent once ``gesendet_am`` is set, right after the
mail server took the mail; a retried or redelivered task skips those rows.
"""

import logging
from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from common.auftraege import import_ausfuehren
from common.scoping import grants_by_object
from common.zeichen import einzeilig
from konten.models import User

from .importe import verteiler_auftrag_ausfuehren
from .models import Organisation, Zustellung
from .permissions import VERTRETEN
from .services import inaktivitaet_pruefen, zustellungen_einreihen

logger = logging.getLogger(__name__)


def _links(mitgliedschaft) -> dict:
    token = mitgliedschaft.abmeldetoken
    return {
        "abmelden": settings.SITE_URL + reverse("netzwerk:abmelden", kwargs={"token": token}),
        "bestaetigen": settings.SITE_URL + reverse("netzwerk:bestaetigen", kwargs={"token": token}),
    }


def _kontaktadressen(zustellungen) -> dict[int, list[str]]:
    """Per organisation among the rows, the addresses of its contact persons with an active
    account (direct and group grants, as the pages count them): two queries per chunk."""
    organisationen = {z.mitgliedschaft.organisation_id for z in zustellungen} - {None}
    je_organisation = grants_by_object(Organisation, organisationen, VERTRETEN)
    personen = set().union(*je_organisation.values())
    adressen = dict(User.objects.filter(pk__in=personen, is_active=True).values_list("pk", "email"))
    return {
        organisation: [adressen[p] for p in sorted(ids) if p in adressen]
        for organisation, ids in je_organisation.items()
    }


def _mail(zustellung: Zustellung, connection, kontaktadressen: dict) -> EmailMultiAlternatives:
    mitgliedschaft = zustellung.mitgliedschaft
    links = _links(mitgliedschaft)
    kontext = {
        "zustellung": zustellung,
        "mitgliedschaft": mitgliedschaft,
        "verteiler": mitgliedschaft.verteiler,
        "nachricht": zustellung.nachricht,
        "links": links,
    }
    vorlage = "netzwerk/mail/" + zustellung.art
    sprache = mitgliedschaft.person.sprache if mitgliedschaft.person_id else "de"
    with translation.override(sprache):
        # the list's name and the message's subject are typed text: one line, always
        betreff = einzeilig(render_to_string(vorlage + "_betreff.txt", kontext))
        text = render_to_string(vorlage + ".txt", kontext)
        html = render_to_string(vorlage + ".html", kontext)
    mail = EmailMultiAlternatives(
        betreff,
        text,
        to=mitgliedschaft.empfaenger(kontaktadressen.get(mitgliedschaft.organisation_id, ())),
        connection=connection,
        headers={
            # RFC 8058 one-click unsubscribe: the link answers a POST without a session
            "List-Unsubscribe": f"<{links['abmelden']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<verteiler-{mitgliedschaft.verteiler_id}.{settings.LIST_ID_DOMAIN}>",
        },
    )
    mail.attach_alternative(html, "text/html")
    return mail


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=8, ignore_result=True
)
def zustellungen_senden(self, zustellung_ids: list[int]) -> int:
    """Sends the open ledger rows among ``zustellung_ids`` over one SMTP connection."""
    offen = list(
        Zustellung.objects.filter(pk__in=zustellung_ids, gesendet_am__isnull=True)
        .exclude(mitgliedschaft__status="abgemeldet")
        .select_related(
            "nachricht",
            "mitgliedschaft__verteiler",
            "mitgliedschaft__organisation",
            "mitgliedschaft__person",
        )
        .order_by("pk")
    )
    kontaktadressen = _kontaktadressen(offen)
    gesendet = 0
    try:
        with get_connection() as connection:
            for zustellung in offen:
                with transaction.atomic():
                    # a second chunk holding the same row (several mail workers, a re-queue
                    # while this one still sends) waits or skips it here, as notices do
                    if not Zustellung.objects.select_for_update(skip_locked=True).filter(
                        pk=zustellung.pk, gesendet_am__isnull=True
                    )[:1]:
                        continue
                    mail = _mail(zustellung, connection, kontaktadressen)
                    if mail.to:
                        mail.send()
                    Zustellung.objects.filter(pk=zustellung.pk).update(gesendet_am=timezone.now())
                gesendet += 1
    except (SMTPException, OSError) as error:
        if self.request.is_eager:
            # no worker to wait in: zustellungen_nachholen picks the rest up
            logger.warning("list mail not sent now (%s); the periodic job retries", error)
            return gesendet
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800)) from error
    return gesendet


@shared_task(ignore_result=True)
def zustellungen_nachholen() -> int:
    """Re-queues ledger rows left unsent for a while (broker or mail server were away)."""
    vor = timezone.now() - timedelta(minutes=10)
    ids = list(
        Zustellung.objects.filter(gesendet_am__isnull=True, created_at__lt=vor)
        .exclude(mitgliedschaft__status="abgemeldet")
        .order_by("pk")
        .values_list("pk", flat=True)[:5000]
    )
    zustellungen_einreihen(ids)
    return len(ids)


@shared_task(ignore_result=True)
def verteiler_inaktivitaet() -> dict:
    """The daily inactivity run over every list."""
    bericht = inaktivitaet_pruefen(ausfuehren=True)
    return {"markiert": len(bericht.markieren), "entfernt": len(bericht.entfernen)}


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def verteiler_import(auftrag_id: int, sprache: str = "de") -> None:
    """Checks or imports an uploaded list file (common/auftraege.py)."""
    import_ausfuehren(auftrag_id, sprache, verteiler_auftrag_ausfuehren)
