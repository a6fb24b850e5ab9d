"""Seats and a waiting list, shared by training courses and network events.

The caller holds a row lock on the parent (course, event) for the whole transaction, so
counting seats and moving people up cannot race. Registrations carry a ``status`` of
``angemeldet`` / ``wartend`` / ``abgemeldet`` and a ``nachgerueckt_am`` time; their ids
follow the order in which people registered, which is the order they move up in.
"""

from django.utils import timezone

from .notices import notice_write

ANGEMELDET = "angemeldet"
WARTEND = "wartend"
ABGEMELDET = "abgemeldet"


def status_fuer_neue(anmeldungen, plaetze: int | None) -> str:
    """A seat while one is free (``plaetze`` None: unlimited), else the waiting list."""
    if plaetze is None:
        return ANGEMELDET
    belegt = anmeldungen.filter(status=ANGEMELDET).count()
    return ANGEMELDET if belegt < plaetze else WARTEND


def nachruecken(anmeldungen, plaetze: int | None, notice_art: str, titel: str) -> list:
    """Gives free seats to the first waiting people and queues a notice for each."""
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
        notice_write(anmeldung.person, notice_art, anmeldung, titel=titel)
    return nachruecker
