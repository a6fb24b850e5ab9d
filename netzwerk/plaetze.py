"""The seats of an event with registration and its waiting list (common/warteliste.py). The
caller holds the event's row lock (``veranstaltung_sperren``); registering (services.py) and
the answer to a network meeting's Termin (treffen.py) both end here."""

from django.utils import timezone
from django.utils.translation import gettext as _

from common import warteliste

from .aktivitaet import person_aktiv
from .models import Mitgliedschaft, Veranstaltung, Veranstaltungsanmeldung


def veranstaltung_sperren(pk: int) -> Veranstaltung:
    return warteliste.sperren(Veranstaltung, pk)


def platz_nehmen(veranstaltung: Veranstaltung, person) -> Veranstaltungsanmeldung:
    """A seat or a place on the waiting list (the caller holds the event's lock)."""
    anmeldung = warteliste.platz_nehmen(veranstaltung, person, _("Sie sind bereits angemeldet."))
    person_aktiv(person, Mitgliedschaft.Aktivitaet.ANMELDUNG)
    return anmeldung


def platz_freigeben(veranstaltung: Veranstaltung, anmeldung) -> Veranstaltungsanmeldung:
    """Cancels a registration; a freed seat goes to the waiting list (the caller holds
    the event's lock)."""
    if warteliste.platz_freigeben(anmeldung):
        nachruecken(veranstaltung)
    return anmeldung


def nachruecken(veranstaltung: Veranstaltung) -> list:
    """Free seats go to the waiting list, until the event begins (the caller holds the lock)."""
    if veranstaltung.beginn <= timezone.now() or veranstaltung.abgesagt:
        return []
    return warteliste.nachruecken(veranstaltung, "veranstaltung_nachgerueckt")
