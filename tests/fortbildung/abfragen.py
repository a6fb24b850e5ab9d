"""Query budgets of fortbildung: the calendar, courses, registrations and topic wishes.

Each entry: route name -> (persona, fill(welt, n) returning the texts the n new rows
show[, url args]); tests/test_query_budget.py collects them.
"""

from datetime import timedelta

from django.utils import timezone

from fortbildung.models import Anmeldung
from tests.factories import (
    AnmeldungFactory,
    AnwesenheitFactory,
    ReiheFactory,
    SitzungFactory,
    ThemenwunschFactory,
    UserFactory,
    WunschstimmeFactory,
    fortbildungskurs,
)
from tests.list_fill import nummern


def _kurse(welt, n):
    """Published courses starting tomorrow (before the fixture's), each with two sessions,
    a prerequisite, a granted qualification, a taken seat and a waiting person."""
    basis = welt.qualifikation_basis
    titel = []
    for _ in range(n):
        i = next(nummern)
        kurs = fortbildungskurs(
            welt.reihe_basis,
            f"Kurs {i:03}",
            plaetze=1,
            sitzungen=2,
            erste_in=timedelta(days=1, minutes=i),
            vermittelt=basis,
        )
        kurs.voraussetzungen.add(basis)
        AnmeldungFactory(kurs=kurs, person=welt.ek_b)
        AnmeldungFactory(kurs=kurs, person=welt.rk_nord, status="wartend")
        titel.append(kurs.titel)
    return titel


def _sitzungen(welt, n):
    """Sessions of published courses, each at its own place."""
    orte = []
    for _ in range(n):
        i = next(nummern)
        kurs = fortbildungskurs(welt.reihe_basis, f"Kurs {i:03}", sitzungen=0)
        beginn = timezone.now() + timedelta(days=10, hours=i)
        SitzungFactory(kurs=kurs, beginn=beginn, ort=f"Ort {i:03}")
        orte.append(f"Ort {i:03}")
    return orte


def _eigene_anmeldungen(welt, n):
    """ek_a's registrations: a seat in every other course, the waiting list in the rest."""
    titel = []
    for _ in range(n):
        i = next(nummern)
        kurs = fortbildungskurs(welt.reihe_basis, f"Kurs {i:03}", plaetze=1, sitzungen=2)
        if i % 2:
            AnmeldungFactory(kurs=kurs, person=welt.ek_b)
        status = "wartend" if i % 2 else "angemeldet"
        AnmeldungFactory(kurs=kurs, person=welt.ek_a, status=status)
        titel.append(kurs.titel)
    return titel


def _teilnehmende(welt, n):
    """People registered for the Basis course, each present once (every third completed),
    and as many on its waiting list or cancelled."""
    kurs = welt.kurs_basis
    namen = []
    for _ in range(n):
        i = next(nummern)
        person = UserFactory(anzeigename=f"Teilnehmende {i:03}")
        anmeldung = Anmeldung(kurs=kurs, person=person, status="angemeldet")
        if i % 3 == 0:
            anmeldung.abgeschlossen_am = timezone.now()
            anmeldung.code_vergeben()
        anmeldung.save()
        AnwesenheitFactory(sitzung=welt.sitzung_basis, anmeldung=anmeldung)
        AnmeldungFactory(
            kurs=kurs,
            person=UserFactory(anzeigename=f"Wartende {i:03}"),
            status="wartend" if i % 2 else "abgemeldet",
            abgemeldet_am=None if i % 2 else timezone.now(),
        )
        namen.append(person.anzeigename)
    return namen


def _themenwuensche(welt, n):
    """Topic wishes with votes (every other one ek_a's), every third taken up by a course."""
    titel = []
    for _ in range(n):
        i = next(nummern)
        wunsch = ThemenwunschFactory(titel=f"Thema {i:03}", vorgeschlagen_von=welt.rk_nord)
        WunschstimmeFactory(wunsch=wunsch, person=welt.rk_nord)
        if i % 2:
            WunschstimmeFactory(wunsch=wunsch, person=welt.ek_a)
        if i % 3 == 0:
            fortbildungskurs(welt.reihe_basis, f"Kurs zu {i:03}", themenwunsch=wunsch)
        titel.append(wunsch.titel)
    return titel


def _fortbildungsreihen(welt, n):
    titel = [f"Reihe {next(nummern):03}" for _ in range(n)]
    for text in titel:
        ReiheFactory(titel=text, jahr=2026)
    return titel


LISTEN = {
    # training: the public calendar, one's own courses, topic wishes, the team's pages
    "fortbildung:kalender": ("anonym", _kurse),
    "fortbildung:meine": ("ek_a", _eigene_anmeldungen),
    "fortbildung:wuensche": ("ek_a", _themenwuensche),
    "fortbildung:verwaltung": ("fortbildung", _kurse),
    "fortbildung:teilnehmende": ("fortbildung", _teilnehmende, lambda w: [w.kurs_basis.pk]),
    "api:fortbildung-reihe-list": ("anonym", _fortbildungsreihen),
    "api:fortbildung-kurs-list": ("anonym", _kurse),
    "api:fortbildung-sitzung-list": ("anonym", _sitzungen),
    "api:fortbildung-anmeldung-list": ("ek_a", _eigene_anmeldungen),
    "api:fortbildung-kurs-teilnehmende": (
        "fortbildung",
        _teilnehmende,
        lambda w: [w.kurs_basis.pk],
    ),
}

#: routes that show fewer rows a page than the 50 a test adds
SEITENGROESSE = {
    "fortbildung:kalender": 20,
}
