"""Rows the report tests count (volunteers with assignments, hours, registrations), and
reading an exported PDF back."""

import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from berichte.zeitraum import Periode
from tests.factories import EinsatzFactory, StundeneintragFactory, UserFactory


def monat() -> Periode:
    """The month the tests report on: the current one, so "running" assignments fall into it."""
    return Periode.monat_von(timezone.localdate())


def pdf_text(pfad: Path) -> str:
    """The text of a PDF file, laid out in lines as on the page (poppler's pdftotext)."""
    return subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", str(pfad), "-"],  # noqa: S607
        capture_output=True,
        check=True,
        text=True,
    ).stdout


def einsaetze(bedarf, anzahl: int, beginn: date | None = None, praefix: str = "p"):
    """``anzahl`` volunteers, each with an assignment on ``bedarf`` begun on ``beginn``."""
    beginn = beginn or monat().von
    ergebnis = []
    for nummer in range(anzahl):
        person = UserFactory(
            email=f"{praefix}{bedarf.pk}-{nummer}@test.invalid", anzeigename=f"Vertraulich {nummer}"
        )
        ergebnis.append(EinsatzFactory(person=person, bedarf=bedarf, beginn=beginn))
    return ergebnis


def stunden(einsatz, anzahl: str, tag: date | None = None):
    return StundeneintragFactory(
        einsatz=einsatz,
        datum=tag or monat().von,
        stunden=Decimal(anzahl),
        bestaetigt_am=timezone.now(),
    )


def vor_dem_monat(tage: int = 40) -> date:
    return monat().von - timedelta(days=tage)
