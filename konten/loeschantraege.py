"""Requests to erase an account (Art. 17 DSGVO): asked for on "Mein Konto" or recorded by a
platform admin, executed by the daily job after ``LOESCHUNG_KARENZ_TAGE`` days
(common/loeschung.py does the erasure), withdrawable until then.

The person is mailed when the request is made and when it has been executed; the second
mail goes to the address the account had before it was anonymised.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from common import loeschung

from .models import Loeschantrag

logger = logging.getLogger(__name__)


def offener_antrag(person) -> Loeschantrag | None:
    return person.loeschantraege.filter(
        widerrufen_am__isnull=True, ausgefuehrt_am__isnull=True
    ).first()


def loeschantrag_stellen(person, beantragt_von=None) -> Loeschantrag:
    """The person's open request, made now unless one is open already."""
    if antrag := offener_antrag(person):
        return antrag
    try:
        with transaction.atomic():
            antrag = Loeschantrag.objects.create(person=person, beantragt_von=beantragt_von)
    except IntegrityError:  # a second click at the same moment
        return offener_antrag(person)
    kontext = {"antrag": antrag, "site_url": settings.SITE_URL}
    transaction.on_commit(lambda: _mailen(person.email, person.sprache, "beantragt", kontext))
    return antrag


def loeschantrag_widerrufen(antrag: Loeschantrag) -> bool:
    """Withdraws an open request; False where it was executed or withdrawn already."""
    return bool(
        Loeschantrag.objects.filter(
            pk=antrag.pk, widerrufen_am__isnull=True, ausgefuehrt_am__isnull=True
        ).update(widerrufen_am=timezone.now())
    )


def faellige_antraege():
    return Loeschantrag.objects.filter(
        widerrufen_am__isnull=True, ausgefuehrt_am__isnull=True, faellig_am__lte=timezone.now()
    ).select_related("person")


def loeschantrag_ausfuehren(antrag: Loeschantrag) -> bool:
    """Erases the person of a due request, once: the row is locked and checked again, so a
    withdrawal or a second worker in between wins."""
    with transaction.atomic():
        antrag = (
            Loeschantrag.objects.select_for_update()
            .filter(pk=antrag.pk, widerrufen_am__isnull=True, ausgefuehrt_am__isnull=True)
            .select_related("person")
            .first()
        )
        if antrag is None:
            return False
        person = antrag.person
        adresse, sprache = person.email, person.sprache
        kontext = {"anzeigename": person.anzeigename}
        schritte = loeschung.ausfuehren(person)
        antrag.ausgefuehrt_am = timezone.now()
        antrag.ergebnis = [schritt.als_dict() for schritt in schritte]
        antrag.save(update_fields=["ausgefuehrt_am", "ergebnis"])
        transaction.on_commit(lambda: _mailen(adresse, sprache, "ausgefuehrt", kontext))
    return True


def inaktives_konto_loeschen(person) -> bool:
    """Erases an account the retention schedule warned for inactivity (konten/aufbewahrung.py),
    recorded as an executed request like every erasure; the person is mailed as after one."""
    with transaction.atomic():
        antrag = Loeschantrag.objects.create(person=person, faellig_am=timezone.now())
        return loeschantrag_ausfuehren(antrag)


def faellige_ausfuehren() -> int:
    ausgefuehrt = 0
    for antrag in faellige_antraege():
        try:
            ausgefuehrt += loeschantrag_ausfuehren(antrag)
        except Exception:
            # one person's failing erasure must not hold up the others; tried again tomorrow
            logger.exception("erasure request %s failed", antrag.pk)
    return ausgefuehrt


def _mailen(adresse: str, sprache: str, art: str, kontext: dict) -> None:
    with translation.override(sprache or "de"):
        betreff = render_to_string(f"konten/mail/loeschung_{art}_betreff.txt", kontext).strip()
        text = render_to_string(f"konten/mail/loeschung_{art}.txt", kontext)
    try:
        send_mail(betreff, text, None, [adresse])
    except OSError:
        # the request or erasure stands; the mail is a courtesy the mail server lost
        logger.exception("erasure mail (%s) could not be sent", art)
