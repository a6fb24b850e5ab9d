"""The shapes of a digest, low in the house so every app can offer its sections.

Each app lists its section functions in ``<app>/digest.py`` as ``ABSCHNITTE``. A section
function receives the recipients of one chunk and the period and returns, per person id, an
``Abschnitt``, reading what it needs for the whole chunk in a fixed number of queries. The
benachrichtigungen app collects the sections, leaves out empty ones and sends the mail.
"""

from dataclasses import dataclass, field
from datetime import date, datetime


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


def gruppiert(paare) -> dict:
    """``{key: [values]}`` from ``(key, value)`` pairs, in their order."""
    ergebnis: dict = {}
    for schluessel, wert in paare:
        ergebnis.setdefault(schluessel, []).append(wert)
    return ergebnis


def absolut(pfad: str) -> str:
    from django.conf import settings

    return settings.SITE_URL + pfad
