"""Report periods: a month (``2026-11``), a quarter (``2026-Q4``) or a year (``2026``)."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

MONAT, QUARTAL, JAHR = "monat", "quartal", "jahr"
_MUSTER = re.compile(r"^(?P<jahr>\d{4})(?:-(?:(?P<monat>\d{2})|Q(?P<quartal>[1-4])))?$")


@dataclass(frozen=True, order=True)
class Periode:
    jahr: int
    art: str
    #: the month (1–12) or the quarter (1–4); 0 for a year
    nummer: int = 0

    @classmethod
    def aus_schluessel(cls, schluessel: str) -> "Periode":
        """Raises ValueError with a sentence for anything that is not a period."""
        treffer = _MUSTER.match(schluessel or "")
        if not treffer or not 2000 <= int(treffer["jahr"]) <= 2100:
            raise ValueError(
                _("„%(wert)s“ ist kein Zeitraum. Erlaubt sind z. B. 2026-11, 2026-Q4 oder 2026.")
                % {"wert": schluessel}
            )
        jahr = int(treffer["jahr"])
        if treffer["monat"]:
            monat = int(treffer["monat"])
            if not 1 <= monat <= 12:
                raise ValueError(_("Einen Monat %(monat)s gibt es nicht.") % {"monat": monat})
            return cls(jahr, MONAT, monat)
        if treffer["quartal"]:
            return cls(jahr, QUARTAL, int(treffer["quartal"]))
        return cls(jahr, JAHR)

    @classmethod
    def monat_von(cls, tag: date) -> "Periode":
        return cls(tag.year, MONAT, tag.month)

    @property
    def schluessel(self) -> str:
        if self.art == MONAT:
            return f"{self.jahr}-{self.nummer:02d}"
        if self.art == QUARTAL:
            return f"{self.jahr}-Q{self.nummer}"
        return str(self.jahr)

    @property
    def von(self) -> date:
        if self.art == MONAT:
            return date(self.jahr, self.nummer, 1)
        if self.art == QUARTAL:
            return date(self.jahr, 3 * self.nummer - 2, 1)
        return date(self.jahr, 1, 1)

    @property
    def bis(self) -> date:
        """The first day after the period."""
        return self.naechste().von

    def _verschoben(self, schritt: int) -> "Periode":
        if self.art == JAHR:
            return Periode(self.jahr + schritt, JAHR)
        je_jahr = 12 if self.art == MONAT else 4
        index = self.jahr * je_jahr + self.nummer - 1 + schritt
        return Periode(index // je_jahr, self.art, index % je_jahr + 1)

    def vorige(self) -> "Periode":
        return self._verschoben(-1)

    def naechste(self) -> "Periode":
        return self._verschoben(1)

    @property
    def beginn(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.von, time.min))

    @property
    def ende(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.bis, time.min))

    def abgeschlossen(self, heute: date | None = None) -> bool:
        return self.bis <= (heute or timezone.localdate())

    @property
    def label(self) -> str:
        if self.art == MONAT:
            return f"{MONTHS[self.nummer]} {self.jahr}"
        if self.art == QUARTAL:
            return _("%(nummer)s. Quartal %(jahr)s") % {"nummer": self.nummer, "jahr": self.jahr}
        return str(self.jahr)

    def __str__(self):
        return self.schluessel


def auswahl(heute: date | None = None) -> list[Periode]:
    """The periods offered to choose from: the last 12 months, 8 quarters and 3 years."""
    heute = heute or timezone.localdate()
    monat, quartal = Periode.monat_von(heute), Periode(heute.year, QUARTAL, (heute.month + 2) // 3)
    perioden = []
    for start, anzahl in ((monat, 12), (quartal, 8), (Periode(heute.year, JAHR), 3)):
        periode = start
        for _n in range(anzahl):
            perioden.append(periode)
            periode = periode.vorige()
    return perioden
