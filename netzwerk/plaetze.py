"""The seats of an event with registration and its waiting list (common/warteliste.py). The
caller holds the event's row lock (``veranstaltung_sperren``); registering (services.py) and
the answer to a network meeting's Termin (treffen.py) both end here."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common import warteliste
from common.workflow import NichtMoeglich

from .aktivitaet import person_aktiv
from .models import Mitgliedschaft, Veranstaltung, Veranstaltungsanmeldung


def veranstaltung_sperren(pk: int) -> Veranstaltung:
    return Veranstaltung.objects.select_for_update().get(pk=pk)


def platz_nehmen(veranstaltung: Veranstaltung, person) -> Veranstaltungsanmeldung:
    """A seat or a place on the waiting list (the caller holds the event's lock)."""
    status = warteliste.status_fuer_neue(veranstaltung.anmeldungen, veranstaltung.plaetze)
    try:
        with transaction.atomic():
            anmeldung = Veranstaltungsanmeldung.objects.create(
                veranstaltung=veranstaltung, person=person, status=status
            )
    except IntegrityError:
        raise NichtMoeglich(_("Sie sind bereits angemeldet.")) from None
    person_aktiv(person, Mitgliedschaft.Aktivitaet.ANMELDUNG)
    return anmeldung


def platz_freigeben(veranstaltung: Veranstaltung, anmeldung) -> Veranstaltungsanmeldung:
    """Cancels a registration; a freed seat goes to the waiting list (the caller holds
    the event's lock)."""
    hatte_platz = anmeldung.status == Veranstaltungsanmeldung.Status.ANGEMELDET
    anmeldung.status = Veranstaltungsanmeldung.Status.ABGEMELDET
    anmeldung.abgemeldet_am = timezone.now()
    anmeldung.save(update_fields=["status", "abgemeldet_am", "updated_at"])
    if hatte_platz:
        nachruecken(veranstaltung)
    return anmeldung


def nachruecken(veranstaltung: Veranstaltung) -> list:
    """Free seats go to the waiting list, until the event begins (the caller holds the lock)."""
    if veranstaltung.beginn <= timezone.now() or veranstaltung.abgesagt:
        return []
    return warteliste.nachruecken(
        veranstaltung.anmeldungen,
        veranstaltung.plaetze,
        "veranstaltung_nachgerueckt",
        veranstaltung.titel,
    )
