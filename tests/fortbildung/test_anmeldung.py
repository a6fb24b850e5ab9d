"""Registering for a course: the window, the target group, prerequisites, the waiting list,
cancelling and moving up (ARCHITECTURE.md §6, Anmeldung)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from common.models import Notice
from common.workflow import NichtMoeglich
from fortbildung import services
from fortbildung.models import Anmeldung, Erteilung
from tests.factories import (
    AnmeldungFactory,
    ErteilungFactory,
    ReiheFactory,
    UserFactory,
    fortbildungskurs,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def welt(welt_fortbildung):
    """These tests read only the training courses (and the Grundlage beneath them)."""
    return welt_fortbildung


def _tag(wert) -> str:
    """The date as a German reader sees it in a reason."""
    return f"{timezone.localtime(wert):%d.%m.%Y}"


def _zeitpunkt(wert) -> str:
    return f"{timezone.localtime(wert):%d.%m.%Y %H:%M}"


def _offene_reihe():
    return ReiheFactory(titel="Offene Fortbildungen")


def _kurs_fuer_alle(plaetze=2, **daten):
    return fortbildungskurs(_offene_reihe(), "Gesprächsführung", plaetze=plaetze, **daten)


def _angemeldet(kurs, anzahl):
    """``anzahl`` new people registered one after another, in that order."""
    return [services.anmeldung_anlegen(kurs, UserFactory()) for _ in range(anzahl)]


def _warteliste(kurs):
    """The waiting people as (person, position), in the order of the waiting list."""
    return [
        (anmeldung.person, anmeldung.warteposition)
        for anmeldung in Anmeldung.objects.filter(kurs=kurs, status="wartend")
        .mit_warteposition()
        .select_related("person")
        .order_by("warteposition")
    ]


def _nachgerueckt(person):
    return Notice.objects.filter(art="fortbildung_nachgerueckt", empfaenger=person).count()


# --- the registration window, target group and prerequisites ---------------------------------


def test_registering_before_the_window_opens_is_refused_with_the_opening_date(welt):
    beginn = timezone.now() + timedelta(days=2)
    kurs = _kurs_fuer_alle(anmeldung_ab=beginn, anmeldung_bis=beginn + timedelta(days=3))
    with pytest.raises(NichtMoeglich) as fehler:
        services.anmeldung_anlegen(kurs, welt.ek_b)
    assert fehler.value.gruende == [f"Die Anmeldung beginnt am {_zeitpunkt(beginn)}."]
    assert not Anmeldung.objects.filter(kurs=kurs).exists()


def test_registering_after_the_window_closed_is_refused_with_the_closing_date(welt):
    ende = timezone.now() - timedelta(hours=3)
    kurs = _kurs_fuer_alle(anmeldung_ab=ende - timedelta(days=10), anmeldung_bis=ende)
    with pytest.raises(NichtMoeglich) as fehler:
        services.anmeldung_anlegen(kurs, welt.ek_b)
    assert fehler.value.gruende == [f"Die Anmeldefrist ist am {_zeitpunkt(ende)} abgelaufen."]
    assert not Anmeldung.objects.filter(kurs=kurs).exists()


def test_a_coordinator_cannot_register_for_a_course_for_volunteers(welt):
    with pytest.raises(NichtMoeglich, match="richtet sich an Freiwillige"):
        services.anmeldung_anlegen(welt.kurs_freiwillige, welt.ek_b)
    assert not Anmeldung.objects.filter(kurs=welt.kurs_freiwillige).exists()


def test_a_volunteer_cannot_register_for_the_coordinators_basis_course(welt):
    with pytest.raises(NichtMoeglich, match="richtet sich an Koordinator\\*innen"):
        services.anmeldung_anlegen(welt.kurs_basis, welt.freiwillig)
    assert not Anmeldung.objects.filter(kurs=welt.kurs_basis, person=welt.freiwillig).exists()


def test_a_volunteer_can_register_for_the_course_for_volunteers(welt):
    anmeldung = services.anmeldung_anlegen(welt.kurs_freiwillige, welt.freiwillig)
    assert anmeldung.status == Anmeldung.Status.ANGEMELDET


def test_aufbau_without_the_basis_qualification_is_refused_naming_the_qualification(welt):
    with pytest.raises(NichtMoeglich) as fehler:
        services.anmeldung_anlegen(welt.kurs_aufbau, welt.ek_b)
    assert fehler.value.gruende == ["Für diesen Kurs brauchen Sie zuerst: Basis abgeschlossen."]
    assert not Anmeldung.objects.filter(kurs=welt.kurs_aufbau).exists()


def test_an_expired_basis_qualification_does_not_open_aufbau(welt):
    ErteilungFactory(
        person=welt.ek_b,
        qualifikation=welt.qualifikation_basis,
        gueltig_bis=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(NichtMoeglich, match="zuerst: Basis abgeschlossen"):
        services.anmeldung_anlegen(welt.kurs_aufbau, welt.ek_b)
    assert not Anmeldung.objects.filter(kurs=welt.kurs_aufbau).exists()


def test_a_basis_qualification_valid_until_today_still_opens_aufbau(welt):
    ErteilungFactory(
        person=welt.ek_b, qualifikation=welt.qualifikation_basis, gueltig_bis=timezone.localdate()
    )
    anmeldung = services.anmeldung_anlegen(welt.kurs_aufbau, welt.ek_b)
    assert anmeldung.status == Anmeldung.Status.ANGEMELDET


def test_a_manual_grant_by_the_team_opens_aufbau_and_tells_the_person(welt):
    erteilung = services.qualifikation_erteilen(
        welt.ek_b, welt.qualifikation_basis, welt.fortbildung, "  Langjährige Vorerfahrung  "
    )
    assert erteilung.von_hand and erteilung.grund == "Langjährige Vorerfahrung"
    assert erteilung.gueltig_bis is None
    assert Notice.objects.filter(art="qualifikation_erteilt", empfaenger=welt.ek_b).count() == 1
    anmeldung = services.anmeldung_anlegen(welt.kurs_aufbau, welt.ek_b)
    assert anmeldung.status == Anmeldung.Status.ANGEMELDET


def test_a_manual_grant_needs_a_reason(welt):
    with pytest.raises(NichtMoeglich, match="Bitte begründen Sie die Erteilung"):
        services.qualifikation_erteilen(welt.ek_b, welt.qualifikation_basis, welt.fortbildung, " ")
    assert not Erteilung.objects.filter(person=welt.ek_b).exists()
    assert not Notice.objects.filter(art="qualifikation_erteilt").exists()


@pytest.mark.parametrize("akteur", ["rk_nord", "ek_a", "freiwillig"])
def test_only_the_team_grants_qualifications_by_hand(welt, akteur):
    with pytest.raises(NichtMoeglich, match="Aufgabe des Fortbildungsteams"):
        services.qualifikation_erteilen(
            welt.ek_b, welt.qualifikation_basis, welt.personas[akteur], "Vorerfahrung"
        )
    assert not Erteilung.objects.filter(person=welt.ek_b).exists()


# --- registering twice --------------------------------------------------------------------------


def test_registering_twice_is_refused_and_changes_nothing(welt):
    vorher = list(Anmeldung.objects.filter(kurs=welt.kurs_basis).values())
    with pytest.raises(NichtMoeglich, match="bereits angemeldet"):
        services.anmeldung_anlegen(welt.kurs_basis, welt.ek_a)
    assert list(Anmeldung.objects.filter(kurs=welt.kurs_basis).values()) == vorher


def test_registering_twice_from_the_waiting_list_is_refused_and_keeps_the_position(welt):
    kurs = _kurs_fuer_alle(plaetze=1)
    _angemeldet(kurs, 2)
    wartend = Anmeldung.objects.get(kurs=kurs, status="wartend")
    with pytest.raises(NichtMoeglich, match="bereits auf der Warteliste"):
        services.anmeldung_anlegen(kurs, wartend.person)
    assert Anmeldung.objects.filter(kurs=kurs).count() == 2
    assert _warteliste(kurs) == [(wartend.person, 1)]


def test_after_cancelling_a_person_can_register_again_at_the_end_of_the_waiting_list(welt):
    kurs = _kurs_fuer_alle(plaetze=1)
    erste, zweite = _angemeldet(kurs, 2)
    services.anmeldung_stornieren(zweite, zweite.person)
    dritte = services.anmeldung_anlegen(kurs, UserFactory())
    wieder = services.anmeldung_anlegen(kurs, zweite.person)
    assert wieder.pk != zweite.pk
    assert _warteliste(kurs) == [(dritte.person, 1), (zweite.person, 2)]


# --- the waiting list ---------------------------------------------------------------------------


def test_a_full_course_puts_later_people_on_the_waiting_list_in_order(welt):
    kurs = _kurs_fuer_alle(plaetze=2)
    anmeldungen = _angemeldet(kurs, 5)
    assert [a.status for a in anmeldungen] == ["angemeldet"] * 2 + ["wartend"] * 3
    assert _warteliste(kurs) == [(a.person, n) for n, a in enumerate(anmeldungen[2:], start=1)]


def test_the_course_page_tells_a_person_their_waiting_position(welt, client_als):
    kurs = _kurs_fuer_alle(plaetze=1)
    _angemeldet(kurs, 2)
    antwort = client_als(welt.ek_b).post(
        reverse("fortbildung:anmelden", args=[kurs.pk]), follow=True
    )
    assert "Sie stehen auf der Warteliste an Platz 2." in antwort.content.decode()
    assert _warteliste(kurs)[-1] == (welt.ek_b, 2)


def test_leaving_the_waiting_list_moves_the_people_behind_up_one_place(welt):
    kurs = _kurs_fuer_alle(plaetze=2)
    a, b, c, d, e = _angemeldet(kurs, 5)
    services.anmeldung_stornieren(c, c.person)
    assert _warteliste(kurs) == [(d.person, 1), (e.person, 2)]
    assert Anmeldung.objects.filter(kurs=kurs, status="angemeldet").count() == 2
    assert not Notice.objects.filter(art="fortbildung_nachgerueckt").exists()


def test_the_waiting_list_can_be_left_after_the_cancellation_deadline(welt):
    kurs = _kurs_fuer_alle(plaetze=1)
    _erste, zweite = _angemeldet(kurs, 2)
    kurs.abmeldung_bis = timezone.now() - timedelta(hours=1)
    kurs.save()
    assert services.anmeldung_stornieren(zweite, zweite.person).status == "abgemeldet"
    assert _warteliste(kurs) == []


# --- cancelling and moving up -------------------------------------------------------------------


def test_cancelling_a_seat_gives_it_to_the_first_waiting_person_with_a_notice(welt):
    kurs = _kurs_fuer_alle(plaetze=2)
    a, _b, c, d = _angemeldet(kurs, 4)
    services.anmeldung_stornieren(a, a.person)
    c.refresh_from_db()
    assert c.status == "angemeldet" and c.nachgerueckt_am is not None
    assert _warteliste(kurs) == [(d.person, 1)]
    assert _nachgerueckt(c.person) == 1
    assert _nachgerueckt(d.person) == 0
    notice = Notice.objects.get(art="fortbildung_nachgerueckt")
    assert notice.objekt == c and notice.daten == {"titel": "Gesprächsführung"}
    assert notice.zugestellt_am is None


def test_two_cancellations_promote_two_different_people_once_each(welt):
    kurs = _kurs_fuer_alle(plaetze=2)
    a, b, c, d, e = _angemeldet(kurs, 5)
    services.anmeldung_stornieren(a, a.person)
    services.anmeldung_stornieren(b, welt.fortbildung)
    assert set(
        Anmeldung.objects.filter(kurs=kurs, status="angemeldet").values_list("person", flat=True)
    ) == {c.person_id, d.person_id}
    assert (_nachgerueckt(c.person), _nachgerueckt(d.person), _nachgerueckt(e.person)) == (1, 1, 0)
    assert _warteliste(kurs) == [(e.person, 1)]


def test_cancelling_a_seat_with_nobody_waiting_leaves_the_seat_free(welt):
    kurs = _kurs_fuer_alle(plaetze=2)
    a, b = _angemeldet(kurs, 2)
    services.anmeldung_stornieren(a, a.person)
    assert list(Anmeldung.objects.filter(kurs=kurs, status="angemeldet")) == [b]
    assert not Notice.objects.filter(art="fortbildung_nachgerueckt").exists()
    neu = services.anmeldung_anlegen(kurs, UserFactory())
    assert neu.status == "angemeldet"


def test_cancelling_after_the_deadline_is_refused_for_the_person(welt):
    kurs = _kurs_fuer_alle(plaetze=1)
    a, b = _angemeldet(kurs, 2)
    frist = timezone.now() - timedelta(hours=1)
    kurs.abmeldung_bis = frist
    kurs.save()
    with pytest.raises(NichtMoeglich, match="Abmeldefrist ist am .* abgelaufen") as fehler:
        services.anmeldung_stornieren(a, a.person)
    assert _tag(frist) in str(fehler.value)
    assert "Fortbildungsteam" in str(fehler.value)
    a.refresh_from_db()
    assert a.status == "angemeldet" and a.abgemeldet_am is None
    assert _warteliste(kurs) == [(b.person, 1)]


def test_the_team_can_cancel_a_seat_after_the_deadline_and_the_first_waiting_moves_up(welt):
    kurs = _kurs_fuer_alle(plaetze=1)
    a, b = _angemeldet(kurs, 2)
    kurs.abmeldung_bis = timezone.now() - timedelta(hours=1)
    kurs.save()
    storniert = services.anmeldung_stornieren(a, welt.fortbildung)
    assert storniert.status == "abgemeldet" and storniert.abgemeldet_am is not None
    b.refresh_from_db()
    assert b.status == "angemeldet"
    assert _nachgerueckt(b.person) == 1


def test_nobody_cancels_someone_elses_registration(welt):
    kurs = _kurs_fuer_alle(plaetze=1)
    (a,) = _angemeldet(kurs, 1)
    with pytest.raises(NichtMoeglich, match="nicht Ihre Anmeldung"):
        services.anmeldung_stornieren(a, welt.ek_b)
    a.refresh_from_db()
    assert a.status == "angemeldet"


def test_cancelling_twice_is_refused_and_promotes_nobody_a_second_time(welt):
    kurs = _kurs_fuer_alle(plaetze=1)
    a, b, c = _angemeldet(kurs, 3)
    services.anmeldung_stornieren(a, a.person)
    with pytest.raises(NichtMoeglich, match="schon storniert"):
        services.anmeldung_stornieren(a, a.person)
    assert Anmeldung.objects.get(pk=c.pk).status == "wartend"
    assert _nachgerueckt(b.person) == 1
    assert Notice.objects.filter(art="fortbildung_nachgerueckt").count() == 1


def test_nobody_moves_up_once_the_first_session_has_begun(welt):
    jetzt = timezone.now()
    kurs = _kurs_fuer_alle(
        plaetze=1,
        erste_in=timedelta(hours=-1),
        anmeldung_ab=jetzt - timedelta(days=10),
        anmeldung_bis=jetzt - timedelta(hours=2),
        abmeldung_bis=jetzt - timedelta(hours=2),
    )
    sitzt = AnmeldungFactory(kurs=kurs)
    wartet = AnmeldungFactory(kurs=kurs, status="wartend")
    services.anmeldung_stornieren(sitzt, welt.fortbildung)
    wartet.refresh_from_db()
    assert wartet.status == "wartend" and wartet.nachgerueckt_am is None
    assert not Notice.objects.filter(art="fortbildung_nachgerueckt").exists()


def test_a_completed_course_cannot_be_cancelled(welt):
    with pytest.raises(NichtMoeglich, match="abgeschlossener Kurs"):
        services.anmeldung_stornieren(welt.anmeldung_abgeschlossen, welt.fortbildung)
    welt.anmeldung_abgeschlossen.refresh_from_db()
    assert welt.anmeldung_abgeschlossen.status == "angemeldet"
