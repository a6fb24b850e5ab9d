"""Seats and a waiting list, shared by training courses and network events.

Registering and cancelling run under a row lock on the parent (course, event), held for the
whole transaction, so counting seats and moving people up cannot race. A parent has
``plaetze`` (None: unlimited), ``titel`` and its ``anmeldungen``; registrations carry a
``person``, a ``status`` of ``angemeldet`` / ``wartend`` / ``abgemeldet``, ``abgemeldet_am``
and ``nachgerueckt_am``, and a unique constraint allows one active registration per person.
Their ids follow the order in which people registered, which is the order they move up in.
The apps keep what is theirs: who may register until when, and when nobody moves up any more.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .notices import notice_write
from .workflow import NichtMoeglich

ANGEMELDET = "angemeldet"
WARTEND = "wartend"
ABGEMELDET = "abgemeldet"


def sperren(modell, pk: int):
    """The parent's row, locked until the transaction ends: every seat count happens under it."""
    return modell.objects.select_for_update().get(pk=pk)


def doppelte_ablehnen(eltern, person, angemeldet: str, wartend: str) -> None:
    """Refuses a second registration, saying what the person holds: a seat (``angemeldet``)
    or a place on the waiting list (``wartend``)."""
    vorhanden = eltern.anmeldungen.aktiv().filter(person=person).first()
    if vorhanden is not None:
        raise NichtMoeglich(angemeldet if vorhanden.status == ANGEMELDET else wartend)


def platz_nehmen(eltern, person, schon_angemeldet: str):
    """A seat while there is one, else the end of the waiting list (the caller holds the
    parent's lock)."""
    status = _status_fuer_neue(eltern.anmeldungen, eltern.plaetze)
    try:
        with transaction.atomic():
            return eltern.anmeldungen.create(person=person, status=status)
    except IntegrityError:
        # the unique constraint: a second request of the same person got here first
        raise NichtMoeglich(schon_angemeldet) from None


def storniert_ablehnen(anmeldung) -> None:
    if anmeldung.status == ABGEMELDET:
        raise NichtMoeglich(_("Diese Anmeldung ist schon storniert."))


def platz_freigeben(anmeldung) -> bool:
    """Cancels a seat or a place on the waiting list (the caller holds the parent's lock);
    True when a seat became free, which the caller then gives to the waiting list."""
    hatte_platz = anmeldung.status == ANGEMELDET
    anmeldung.status = ABGEMELDET
    anmeldung.abgemeldet_am = timezone.now()
    anmeldung.save(update_fields=["status", "abgemeldet_am", "updated_at"])
    return hatte_platz


def _status_fuer_neue(anmeldungen, plaetze: int | None) -> str:
    """A seat while one is free (``plaetze`` None: unlimited), else the waiting list."""
    if plaetze is None:
        return ANGEMELDET
    belegt = anmeldungen.filter(status=ANGEMELDET).count()
    return ANGEMELDET if belegt < plaetze else WARTEND


def nachruecken(eltern, notice_art: str) -> list:
    """Gives free seats to the first waiting people and queues a notice for each (the
    caller holds the parent's lock)."""
    anmeldungen, plaetze = eltern.anmeldungen, eltern.plaetze
    if plaetze is None:
        nachruecker = list(anmeldungen.filter(status=WARTEND).order_by("pk"))
    else:
        frei = plaetze - anmeldungen.filter(status=ANGEMELDET).count()
        if frei <= 0:
            return []
        nachruecker = list(anmeldungen.filter(status=WARTEND).order_by("pk")[:frei])
    if not nachruecker:
        return []
    jetzt = timezone.now()
    for anmeldung in nachruecker:
        anmeldung.status = ANGEMELDET
        anmeldung.nachgerueckt_am = jetzt
    type(nachruecker[0]).objects.bulk_update(
        nachruecker, ["status", "nachgerueckt_am", "updated_at"]
    )
    for anmeldung in nachruecker:
        notice_write(anmeldung.person, notice_art, anmeldung, titel=eltern.titel)
    return nachruecker
