"""Application → assignment, with the precise reasons a coordinator gets when it cannot be."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from common.models import Notice
from freiwillige import services
from freiwillige.models import Bewerbung, Einsatz
from tests.factories import ErklaerungFactory, HausverbotFactory, fuehrungszeugnis_vermerken
from unterkuenfte.models import Anforderungsart, Bedarf, Unterkunft


@pytest.fixture
def welt(welt_freiwilligenarbeit):
    """These tests read only the volunteering (and the Grundlage beneath it)."""
    return welt_freiwilligenarbeit


@pytest.fixture
def bewerberin(welt):
    from tests.factories import UserFactory, freiwillige_bereit

    person = UserFactory(email="berta@test.invalid", anzeigename="Berta Bewerberin")
    freiwillige_bereit(person)
    return person


@pytest.fixture
def bedarf(welt):
    """Shelter A requires a police clearance; its two places are wanted."""
    welt.unterkunft_a.anforderungen.set([Anforderungsart.objects.get(slug="fuehrungszeugnis")])
    return welt.bedarf_a


def _fuehrungszeugnis(person, welt, ausgestellt):
    fuehrungszeugnis_vermerken(person, ausgestellt, welt.ek_a)


def test_applying_leaves_a_history_entry_and_tells_the_coordination(welt, bedarf, bewerberin):
    bewerbung = services.bewerbung_anlegen(bewerberin, bedarf, "Ich spreche Arabisch.")
    assert [(e.von_status, e.nach_status) for e in bewerbung.verlauf.all()] == [("", "offen")]
    assert Notice.objects.get().empfaenger == welt.ek_a
    with pytest.raises(services.NichtMoeglich, match="bereits beworben"):
        services.bewerbung_anlegen(bewerberin, bedarf)


def test_nobody_applies_to_a_paused_need_or_where_banned(welt):
    vorher = Bewerbung.objects.count()
    with pytest.raises(services.NichtMoeglich, match="nicht mehr offen"):
        services.bewerbung_anlegen(welt.freiwillig, welt.bedarf_a_pausiert)
    with pytest.raises(services.NichtMoeglich, match="nicht möglich"):
        services.bewerbung_anlegen(welt.freiwillig, welt.bedarf_a)  # banned at shelter A
    assert Bewerbung.objects.count() == vorher


def test_applying_needs_a_profile_with_the_current_declarations(welt):
    from freiwillige.models import Profil

    with pytest.raises(services.NichtMoeglich, match="Profil an"):
        services.bewerbung_anlegen(welt.ek_b, welt.bedarf_a)  # no profile at all
    Profil.objects.filter(person=welt.hanna).update(status="pausiert")
    with pytest.raises(services.NichtMoeglich, match="pausiert"):
        services.bewerbung_anlegen(welt.hanna, welt.bedarf_a)
    ErklaerungFactory()
    with pytest.raises(services.NichtMoeglich, match="Erklärungen"):
        services.bewerbung_anlegen(welt.bea, welt.bedarf_b)


def test_acceptance_names_the_missing_check(welt, bedarf, bewerberin):
    bewerbung = services.bewerbung_anlegen(bewerberin, bedarf)
    with pytest.raises(services.NichtMoeglich) as fehler:
        services.bewerbung_annehmen(bewerbung, welt.ek_a)
    assert fehler.value.gruende == ["„Erweitertes Führungszeugnis“ fehlt."]
    assert not Einsatz.objects.filter(person=bewerberin).exists()
    assert Bewerbung.objects.get(pk=bewerbung.pk).status == "offen"


def test_acceptance_names_an_expired_check_with_its_date(welt, bedarf, bewerberin):
    _fuehrungszeugnis(bewerberin, welt, date(2019, 3, 1))
    bewerbung = services.bewerbung_anlegen(bewerberin, bedarf)
    with pytest.raises(services.NichtMoeglich) as fehler:
        services.bewerbung_annehmen(bewerbung, welt.ek_a)
    assert fehler.value.gruende == ["„Erweitertes Führungszeugnis“ ist seit 01.03.2024 abgelaufen."]


def test_acceptance_is_refused_for_a_person_banned_meanwhile(welt, bedarf, bewerberin):
    _fuehrungszeugnis(bewerberin, welt, timezone.localdate() - timedelta(days=10))
    bewerbung = services.bewerbung_anlegen(bewerberin, bedarf)
    HausverbotFactory(unterkunft=welt.unterkunft_a, person=bewerberin)
    with pytest.raises(services.NichtMoeglich) as fehler:
        services.bewerbung_annehmen(bewerbung, welt.ek_a)
    assert fehler.value.gruende == ["Für diese Person besteht ein Hausverbot in dieser Unterkunft."]


def test_only_the_shelters_coordination_accepts(welt, bedarf, bewerberin):
    _fuehrungszeugnis(bewerberin, welt, timezone.localdate() - timedelta(days=10))
    bewerbung = services.bewerbung_anlegen(bewerberin, bedarf)
    for fremd in (welt.rk_nord, welt.ek_b, bewerberin):
        with pytest.raises(services.NichtMoeglich, match="Nur die Koordination"):
            services.bewerbung_annehmen(bewerbung, fremd)


def test_accepting_creates_the_assignment_counts_the_place_and_opens_the_address(
    welt, bedarf, bewerberin
):
    _fuehrungszeugnis(bewerberin, welt, timezone.localdate() - timedelta(days=10))
    assert not Unterkunft.objects.for_user(bewerberin, "address").exists()
    einsatz = services.bewerbung_annehmen(services.bewerbung_anlegen(bewerberin, bedarf), welt.ek_a)
    assert (einsatz.status, einsatz.unterkunft) == ("aktiv", welt.unterkunft_a)
    assert Bedarf.objects.get(pk=bedarf.pk).anzahl_besetzt == 1
    assert list(Unterkunft.objects.for_user(bewerberin, "address")) == [welt.unterkunft_a]
    assert Notice.objects.filter(empfaenger=bewerberin, art="bewerbung_angenommen").exists()
    assert [e.nach_status for e in einsatz.bewerbung.verlauf.all()] == ["offen", "angenommen"]


def test_a_full_need_leaves_the_board_and_returns_when_a_place_frees(welt, bedarf, bewerberin):
    from tests.factories import UserFactory, freiwillige_bereit

    zweite = UserFactory(email="zweite@test.invalid")
    freiwillige_bereit(zweite)
    einsaetze = []
    for person in (bewerberin, zweite):
        _fuehrungszeugnis(person, welt, timezone.localdate() - timedelta(days=10))
        einsaetze.append(
            services.bewerbung_annehmen(services.bewerbung_anlegen(person, bedarf), welt.ek_a)
        )
    assert Bedarf.objects.get(pk=bedarf.pk).status == "besetzt"
    services.einsatz_status_setzen(einsaetze[0], "beendet", bewerberin)
    bedarf.refresh_from_db()
    assert (bedarf.status, bedarf.anzahl_besetzt) == ("offen", 1)
    assert not Unterkunft.objects.for_user(bewerberin, "address").exists()
    assert Notice.objects.filter(empfaenger=welt.ek_a, art="einsatz_beendet").exists()


def test_declining_and_withdrawing_are_final_and_recorded(welt, bedarf, bewerberin):
    bewerbung = services.bewerbung_anlegen(bewerberin, bedarf)
    with pytest.raises(services.NichtMoeglich):
        services.bewerbung_ablehnen(bewerbung, welt.ek_b)
    services.bewerbung_ablehnen(bewerbung, welt.ek_a, "Leider schon voll.")
    with pytest.raises(services.NichtMoeglich, match="bereits entschieden"):
        services.bewerbung_zurueckziehen(bewerbung, bewerberin)
    neu = services.bewerbung_anlegen(bewerberin, bedarf)  # after a decision, again possible
    services.bewerbung_zurueckziehen(neu, bewerberin)
    assert Bewerbung.objects.get(pk=neu.pk).status == "zurueckgezogen"


def test_applications_are_seen_by_the_applicant_and_the_shelters_coordination(
    welt, bedarf, bewerberin
):
    bewerbung = services.bewerbung_anlegen(bewerberin, bedarf)
    for sieht in (bewerberin, welt.ek_a, welt.admin):
        assert Bewerbung.objects.for_user(sieht).filter(pk=bewerbung.pk).exists()
    # regional coordination sees figures only, never the applications themselves
    for sieht_nicht in (welt.ek_b, welt.rk_nord, welt.rk_suedost, welt.freiwillig, welt.org_a):
        assert not Bewerbung.objects.for_user(sieht_nicht).filter(pk=bewerbung.pk).exists()
