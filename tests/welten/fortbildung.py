"""The Basis and Aufbau series for coordinators with one course each (Aufbau requires the
qualification Basis grants), a course for volunteers, an unpublished draft, and a topic wish
by ek_a. ek_a holds a seat in the Basis course. Rows are written directly."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from fortbildung.models import (
    Anmeldung,
    Kurs,
    Qualifikation,
    Reihe,
    Sitzung,
    Themenwunsch,
    Wunschstimme,
)
from tests.factories import fortbildungskurs
from tests.welten.grundlage import Grundlage, zusammensetzen


@dataclass(kw_only=True)
class Fortbildung(Grundlage):
    qualifikation_basis: Qualifikation
    reihe_basis: Reihe
    kurs_basis: Kurs
    kurs_aufbau: Kurs
    kurs_freiwillige: Kurs
    kurs_entwurf: Kurs
    anmeldung_ek_a: Anmeldung
    sitzung_basis: Sitzung
    anmeldung_abgeschlossen: Anmeldung
    wunsch: Themenwunsch


def fortbildung_bauen(g: Grundlage) -> Fortbildung:
    jahr = timezone.localdate().year
    basis = Qualifikation.objects.create(name="Basis abgeschlossen")
    reihe_basis = Reihe.objects.create(
        titel=f"Freiwilligenkoordination – Basis {jahr}",
        stufe="basis",
        jahr=jahr,
        zielgruppe="koordination",
    )
    reihe_aufbau = Reihe.objects.create(
        titel=f"Freiwilligenkoordination – Aufbau {jahr}",
        stufe="aufbau",
        jahr=jahr,
        zielgruppe="koordination",
    )
    reihe_offen = Reihe.objects.create(
        titel=f"Offene Fortbildungen {jahr}", stufe="offen", jahr=jahr, zielgruppe="freiwillige"
    )
    kurs_basis = fortbildungskurs(
        reihe_basis, "Basiskurs Frühjahr", plaetze=12, sitzungen=3, vermittelt=basis
    )
    kurs_aufbau = fortbildungskurs(reihe_aufbau, "Aufbaukurs Konflikte", plaetze=12)
    kurs_aufbau.voraussetzungen.add(basis)
    kurs_vergangen = fortbildungskurs(
        reihe_basis,
        "Basiskurs Herbst",
        erste_in=timedelta(days=-40),
        anmeldung_ab=timezone.now() - timedelta(days=80),
        anmeldung_bis=timezone.now() - timedelta(days=41),
        abmeldung_bis=timezone.now() - timedelta(days=42),
    )
    wunsch = Themenwunsch.objects.create(titel="Wunsch-vertraulich", vorgeschlagen_von=g.ek_a)
    Wunschstimme.objects.create(wunsch=wunsch, person=g.ek_a)
    return zusammensetzen(
        Fortbildung,
        g,
        qualifikation_basis=basis,
        reihe_basis=reihe_basis,
        kurs_basis=kurs_basis,
        kurs_aufbau=kurs_aufbau,
        kurs_freiwillige=fortbildungskurs(reihe_offen, "Erste Hilfe für Freiwillige"),
        kurs_entwurf=fortbildungskurs(
            reihe_basis, "Kurs-Entwurf-vertraulich", veroeffentlicht=False
        ),
        anmeldung_ek_a=Anmeldung.objects.create(
            kurs=kurs_basis, person=g.ek_a, status="angemeldet"
        ),
        sitzung_basis=kurs_basis.sitzungen.first(),
        anmeldung_abgeschlossen=Anmeldung.objects.create(
            kurs=kurs_vergangen,
            person=g.ek_a,
            status="angemeldet",
            abgeschlossen_am=timezone.now() - timedelta(days=38),
            bescheinigungscode="TEST-CODE-2345",
        ),
        wunsch=wunsch,
    )
