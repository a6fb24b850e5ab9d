"""The shapes of digests and reminders, low in the house so every app can offer its own.

Each app lists its section functions in ``<app>/digest.py`` as the tuple ``ABSCHNITTE``. A
section function receives the recipients of one chunk and the period and returns, per person
id, a list of ``Abschnitt`` (one, or one per coordinated region), reading what it needs for
the whole chunk in a fixed number of queries. The benachrichtigungen app imports every app's
tuple, leaves out empty sections and sends the mail.

Reminders work the same way: the tuple ``ERINNERUNGEN`` lists functions that take a day and return
the ``Erinnerung`` rows due that day, read in a fixed number of queries; each becomes a
notice in the outbox, written once per key however often the day is run.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache, wraps


@dataclass(frozen=True)
class Eintrag:
    text: str
    link: str = ""
    detail: str = ""


@dataclass
class Abschnitt:
    titel: str
    eintraege: list[Eintrag] = field(default_factory=list)


@dataclass(frozen=True)
class Zeitraum:
    """The period a digest covers: ``von`` (inclusive) to ``bis`` (exclusive), and its key in
    the send ledger (``T2026-11-23`` for a day, ``W2026-48`` for a week)."""

    schluessel: str
    von: datetime
    bis: datetime

    @property
    def stichtag(self) -> date:
        return self.bis.date()


@dataclass(frozen=True)
class Erinnerung:
    empfaenger_id: int
    art: str
    #: unique per recipient: the kind, the object and the day it is about
    schluessel: str
    objekt: object = None
    daten: dict = field(default_factory=dict)

    def als_notice(self):
        from django.contrib.contenttypes.models import ContentType

        from .models import Notice

        return Notice(
            empfaenger_id=self.empfaenger_id,
            art=self.art,
            schluessel=self.schluessel,
            objekt_typ=ContentType.objects.get_for_model(self.objekt) if self.objekt else None,
            objekt_id=self.objekt.pk if self.objekt else None,
            daten=self.daten,
        )


class Empfaenger(list):
    """The recipients of one chunk, with a memo for what several sections ask alike."""

    def __init__(self, personen=()):
        super().__init__(personen)
        self.memo = {}


def je_chunk(funktion):
    """Reads ``funktion(personen)`` once per chunk: several sections ask the same question
    (whom each person coordinates) and share the answer."""

    @wraps(funktion)
    def einmal(personen):
        memo = getattr(personen, "memo", None)
        if memo is None:
            return funktion(personen)
        if funktion not in memo:
            memo[funktion] = funktion(personen)
        return memo[funktion]

    return einmal


def gruppiert(paare) -> dict:
    """``{key: [values]}`` from ``(key, value)`` pairs, in their order."""
    ergebnis: dict = {}
    for schluessel, wert in paare:
        ergebnis.setdefault(schluessel, []).append(wert)
    return ergebnis


def absolut(pfad: str) -> str:
    from django.conf import settings

    return settings.SITE_URL + pfad


#: stands for the id while a route is resolved once; appears in no route of its own
_PLATZHALTER = 918273645


@lru_cache(maxsize=64)
def _vorlage(url_name: str, site_url: str) -> str:
    from django.urls import reverse

    pfad = reverse(url_name, args=[_PLATZHALTER])
    return site_url + pfad.replace(str(_PLATZHALTER), "{}")


def link_vorlage(url_name: str):
    """``link(pk)``: the absolute address of a route with one id, resolved once rather than
    for each of a chunk's many entries."""
    from django.conf import settings

    return _vorlage(url_name, settings.SITE_URL).format
