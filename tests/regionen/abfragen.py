"""Query budgets of regionen: regions, districts and Nord's jours fixes.

Each entry: route name -> (persona, fill(welt, n) returning the texts the n new rows
show[, url args]); tests/test_query_budget.py collects them.
"""

from datetime import timedelta

from django.utils import timezone

from tests.factories import (
    AufgabeFactory,
    BezirkFactory,
    JourFixeSerieFactory,
    StimmeFactory,
    TeilnahmeFactory,
    TerminFactory,
    ThemaFactory,
    UserFactory,
)
from tests.list_fill import nummern, unterregionen


def _bezirke(welt, n):
    return [bezirk.name for bezirk in BezirkFactory.create_batch(n, region=welt.nord)]


def _jourfixe_termine(welt, n):
    """Termine of n Nord series in the coming days, each with answers: ek_a's list."""
    titel = []
    for _ in range(n):
        i = next(nummern)
        serie = JourFixeSerieFactory(
            region=welt.nord, titel=f"Jour fixe {i:03}", kreis="ehrenamtskoordination"
        )
        beginn = timezone.now() + timedelta(hours=1 + i % 24, minutes=i)
        termin = TerminFactory(serie=serie, beginn=beginn)
        TeilnahmeFactory(termin=termin, person=welt.ek_a, antwort="ja")
        titel.append(serie.titel)
    return titel


def _jourfixe_vergangene(welt, n):
    """Past Termine of n Nord series, with published minutes: ek_a's "Vergangene Termine"."""
    titel = []
    for _ in range(n):
        i = next(nummern)
        serie = JourFixeSerieFactory(
            region=welt.nord,
            titel=f"Vergangener Jour fixe {i:03}",
            erster_tag=timezone.localdate() - timedelta(days=400),
            kreis="ehrenamtskoordination",
        )
        beginn = timezone.now() - timedelta(days=1 + i % 300, minutes=i)
        TerminFactory(
            serie=serie,
            beginn=beginn,
            protokoll="Besprochen.",
            protokoll_veroeffentlicht_am=beginn + timedelta(hours=2),
        )
        titel.append(serie.titel)
    return titel


def _jourfixe_aufgaben(welt, n):
    """Open action items of Nord's Termin owned by ek_a."""
    titel = [f"Aufgabe {next(nummern):03}" for _ in range(n)]
    for text in titel:
        AufgabeFactory(termin=welt.termin_nord, titel=text, verantwortlich=welt.ek_a)
    return titel


def _jourfixe_serien(welt, n):
    """Series of Nord, each with its Termine: the regional coordination's list."""
    titel = [f"Reihe {next(nummern):03}" for _ in range(n)]
    for text in titel:
        JourFixeSerieFactory(region=welt.nord, titel=text)
    return titel


def _jourfixe_antworten(welt, n):
    """Answers of n invited people to Nord's Termin: its management sees them all."""
    personen = [UserFactory(anzeigename=f"Gast {next(nummern):03}") for _ in range(n)]
    for person in personen:
        TeilnahmeFactory(termin=welt.termin_nord, person=person, antwort="ja")
    return [person.anzeigename for person in personen]


def _jourfixe_themen(welt, n):
    """Proposed topics with a vote each on Nord's Termin."""
    titel = [f"Thema {next(nummern):03}" for _ in range(n)]
    for text in titel:
        thema = ThemaFactory(termin=welt.termin_nord, titel=text, vorgeschlagen_von=welt.rk_nord)
        StimmeFactory(thema=thema, person=welt.rk_nord)
    return titel


LISTEN = {
    "regionen:liste": ("rk_nord", unterregionen),
    "api:region-list": ("rk_nord", unterregionen),
    "api:bezirk-list": ("freiwillig", _bezirke),
    "regionen:termine": ("ek_a", _jourfixe_termine),
    "regionen:termine#vergangene": ("ek_a", _jourfixe_vergangene),
    "regionen:aufgaben": ("ek_a", _jourfixe_aufgaben),
    "regionen:termin": ("ek_a", _jourfixe_themen, lambda w: [w.termin_nord.pk]),
    "api:jourfixe-serie-list": ("rk_nord", _jourfixe_serien),
    "api:termin-list": ("ek_a", _jourfixe_termine),
    "api:thema-list": ("ek_a", _jourfixe_themen),
    "api:teilnahme-list": ("rk_nord", _jourfixe_antworten),
    "api:aufgabe-list": ("ek_a", _jourfixe_aufgaben),
}

#: routes that show fewer rows a page than the 50 a test adds
SEITENGROESSE = {
    "regionen:termine": 25,
    "regionen:termine#vergangene": 10,
    "regionen:aufgaben": 24,  # the fixture's own item of ek_a takes one place
}
