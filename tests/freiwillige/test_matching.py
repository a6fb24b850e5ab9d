"""Matching: who is proposed for a need, in which order, and why (in words)."""

from datetime import time

import pytest

from common.models import Sprache
from freiwillige import gruende, matching
from freiwillige.models import Profil
from tests.factories import NachweisFactory, UserFactory, freiwillige_bereit
from unterkuenfte.models import Anforderungsart


@pytest.fixture
def welt(welt_freiwilligenarbeit):
    """These tests read only the volunteering (and the Grundlage beneath it)."""
    return welt_freiwilligenarbeit


def _kandidaten(bedarf):
    kontext = matching.bedarf_kontext(bedarf)
    profile = list(matching.kandidaten(kontext))
    gruende.fuer_kandidaten(kontext, profile)
    return {p.person.anzeigename: p for p in profile}


@pytest.fixture
def farsi_bedarf(welt):
    """Shelter A (Pankow) wants Farsi on Wednesdays 16–18 and a police clearance."""
    welt.bedarf_a.sprachen.set([Sprache.objects.get(code="fa")])
    welt.unterkunft_a.anforderungen.set([Anforderungsart.objects.get(slug="fuehrungszeugnis")])
    return welt.bedarf_a


def test_candidates_are_ranked_with_reasons_in_plain_words(welt, farsi_bedarf):
    NachweisFactory(person=welt.bea, art=Anforderungsart.objects.get(slug="fuehrungszeugnis"))
    kandidaten = _kandidaten(farsi_bedarf)
    assert list(kandidaten) == ["Bea Bewerberin", "Hanna Helferin"]
    assert kandidaten["Bea Bewerberin"].gruende == [
        "spricht Persisch (Farsi) (Muttersprache)",
        "Mi 16–18 frei",
        "wohnt in Pankow",
        "Erweitertes Führungszeugnis gültig",
    ]
    hanna = kandidaten["Hanna Helferin"]
    assert "Erweitertes Führungszeugnis fehlt" in hanna.gruende
    assert "schon ein laufender Einsatz" in hanna.gruende


def test_banned_paused_and_unavailable_people_are_not_proposed(welt, farsi_bedarf):
    # Finn is banned at shelter A; Hanna pauses; a newcomer is free only on Mondays
    Profil.objects.filter(person=welt.hanna).update(status="pausiert")
    montags = UserFactory(anzeigename="Moritz Montag")
    freiwillige_bereit(montags, zeiten=[(0, 9, 12)], heimatbezirk=welt.unterkunft_a.bezirk)
    # a volunteer of another city is out of reach
    from tests.factories import BezirkFactory, RegionFactory

    hamburg = BezirkFactory(region=RegionFactory(name="Hamburg", art="stadt"))
    freiwillige_bereit(UserFactory(anzeigename="Hedi Hamburg"), heimatbezirk=hamburg)
    assert list(_kandidaten(farsi_bedarf)) == ["Bea Bewerberin"]


def test_availability_must_overlap_the_needs_slots(welt, farsi_bedarf):
    profil = Profil.objects.get(person=welt.bea)
    profil.verfuegbarkeiten.update(von=time(18), bis=time(20))  # starts when the need ends
    assert "Bea Bewerberin" not in _kandidaten(farsi_bedarf)
    profil.verfuegbarkeiten.update(von=time(17, 30), bis=time(20))
    assert "Mi 17:30–18 frei" in _kandidaten(farsi_bedarf)["Bea Bewerberin"].gruende


def test_a_volunteer_sees_open_needs_ranked_with_reasons(welt):
    welt.bedarf_b.sprachen.set([Sprache.objects.get(code="uk")])
    kontext = matching.profil_kontext(Profil.objects.get(person=welt.bea))
    bedarfe = list(matching.passende_bedarfe(kontext))
    # Bea applied to bedarf_a already; the paused needs are not on the board
    assert [b.titel for b in bedarfe] == ["Fußball am Samstag"]
    kontext = matching.profil_kontext(Profil.objects.get(person=welt.hanna))
    bedarfe = list(matching.passende_bedarfe(kontext))
    gruende.fuer_bedarfe(kontext, bedarfe)
    # Hanna works at B already: shelter A's need is the one to propose
    assert [b.titel for b in bedarfe] == ["Deutsch am Abend"]
    assert bedarfe[0].gruende == ["Mi 16–18 passt"]


def test_a_preferred_region_above_the_city_brings_points_but_only_the_city_brings_people(welt):
    from tests.factories import BedarfFactory, BezirkFactory, RegionFactory, UnterkunftFactory

    nrw = RegionFactory(name="Nordrhein-Westfalen", art="land")
    koeln = RegionFactory(name="Köln", art="stadt", oberregion=nrw)
    ehrenfeld = BezirkFactory(name="Ehrenfeld", region=koeln)
    bedarf = BedarfFactory(unterkunft=UnterkunftFactory(bezirk=ehrenfeld))
    # lives in another district of the city and would help anywhere in the state
    lea = freiwillige_bereit(
        UserFactory(anzeigename="Lea Land"), heimatbezirk=BezirkFactory(region=koeln)
    )
    lea.bevorzugte_regionen.add(nrw)
    # gives no home and prefers the city: a candidate through that preference alone
    freiwillige_bereit(UserFactory(anzeigename="Cem Stadt")).bevorzugte_regionen.add(koeln)
    # prefers only the state: outside the city's catchment area
    freiwillige_bereit(UserFactory(anzeigename="Ole Ohne")).bevorzugte_regionen.add(nrw)

    kandidaten = _kandidaten(bedarf)
    assert set(kandidaten) == {"Lea Land", "Cem Stadt"}
    assert {p.p_naehe for p in kandidaten.values()} == {matching.GEWICHT_REGION}
    assert "möchte in dieser Region helfen" in kandidaten["Cem Stadt"].gruende
