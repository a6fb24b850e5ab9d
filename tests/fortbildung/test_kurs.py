"""The team's side of a course: saving it with its sessions, attendance and completion."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from common.models import Notice
from common.workflow import NichtMoeglich
from fortbildung import services
from fortbildung.models import (
    Anmeldung,
    Anwesenheit,
    Erteilung,
    Kurs,
    Sitzung,
)
from tests.factories import (
    AnmeldungFactory,
    AnwesenheitFactory,
    QualifikationFactory,
    UserFactory,
    WunschstimmeFactory,
    fortbildungskurs,
)

pytestmark = pytest.mark.django_db

CODE = re.compile(r"^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$")


@pytest.fixture
def welt(welt_fortbildung):
    """These tests read only the training courses (and the Grundlage beneath them)."""
    return welt_fortbildung


def _zeitpunkt(wert) -> str:
    return f"{timezone.localtime(wert):%d.%m.%Y %H:%M}"


def _sitzungen(kurs) -> list[Sitzung]:
    return list(Sitzung.objects.filter(kurs=kurs).order_by("beginn"))


def _stand(kurs):
    """Everything the course's page shows, as stored: the course row and its sessions."""
    return (
        Kurs.objects.filter(pk=kurs.pk).values().get(),
        list(Sitzung.objects.filter(kurs=kurs).order_by("pk").values()),
        list(kurs.voraussetzungen.values_list("pk", flat=True)),
    )


def _frisch(kurs) -> Kurs:
    return Kurs.objects.get(pk=kurs.pk)


def _verweigert(kurs, akteur, sitzungen, **aenderungen) -> list[str]:
    """Saves the course with ``aenderungen`` (and a new title), expecting a refusal."""
    kurs = _frisch(kurs)
    kurs.titel = "Umbenannt"
    for feld, wert in aenderungen.items():
        setattr(kurs, feld, wert)
    with pytest.raises(NichtMoeglich) as fehler:
        services.kurs_speichern(kurs, akteur, sitzungen)
    return fehler.value.gruende


def _gehoert(art, person) -> int:
    return Notice.objects.filter(art=art, empfaenger=person).count()


def _vergangener_kurs(welt, sitzungen=5, vermittelt=None, titel="Basiskurs Winter"):
    """A coordinators' course whose ``sitzungen`` daily sessions began ten days ago."""
    jetzt = timezone.now()
    return fortbildungskurs(
        welt.reihe_basis,
        titel,
        sitzungen=sitzungen,
        erste_in=timedelta(days=-10),
        anmeldung_ab=jetzt - timedelta(days=30),
        anmeldung_bis=jetzt - timedelta(days=11),
        abmeldung_bis=jetzt - timedelta(days=11),
        vermittelt=vermittelt,
    )


def _angemeldet(kurs, *personen, status="angemeldet"):
    return [AnmeldungFactory(kurs=kurs, person=p, status=status) for p in personen]


def _in_monaten(tag: date, monate: int) -> date:
    jahr, monat = divmod(tag.month - 1 + monate, 12)
    return date(tag.year + jahr, monat + 1, min(tag.day, 28))


# --- saving a course with its sessions ----------------------------------------------------------


def test_the_team_creates_a_course_with_its_sessions_and_prerequisites(welt):
    jetzt = timezone.now()
    beginn = jetzt + timedelta(days=20)
    kurs = Kurs(
        reihe=welt.reihe_basis,
        titel="Aufbaukurs Recht",
        plaetze=15,
        anmeldung_ab=jetzt,
        anmeldung_bis=beginn - timedelta(days=2),
        abmeldung_bis=beginn - timedelta(days=3),
    )
    sitzungen = [
        Sitzung(beginn=beginn, ende=beginn + timedelta(hours=3), ort="Raum 2"),
        Sitzung(beginn=beginn + timedelta(days=7), ende=beginn + timedelta(days=7, hours=3)),
    ]
    services.kurs_speichern(kurs, welt.fortbildung, sitzungen, [welt.qualifikation_basis])
    gespeichert = Kurs.objects.get(titel="Aufbaukurs Recht")
    assert [(s.beginn, s.ort) for s in _sitzungen(gespeichert)] == [
        (beginn, "Raum 2"),
        (beginn + timedelta(days=7), ""),
    ]
    assert list(gespeichert.voraussetzungen.all()) == [welt.qualifikation_basis]


def test_a_new_course_without_sessions_is_refused_and_not_created(welt):
    jetzt = timezone.now()
    kurs = Kurs(
        reihe=welt.reihe_basis,
        titel="Ohne Sitzungen",
        plaetze=15,
        anmeldung_ab=jetzt,
        anmeldung_bis=jetzt + timedelta(days=2),
        abmeldung_bis=jetzt + timedelta(days=2),
    )
    with pytest.raises(NichtMoeglich) as fehler:
        services.kurs_speichern(kurs, welt.fortbildung, [])
    assert fehler.value.gruende == ["Ein Kurs braucht mindestens eine Sitzung."]
    assert not Kurs.objects.filter(titel="Ohne Sitzungen").exists()


def test_overlapping_sessions_are_refused_and_nothing_changes(welt):
    kurs = welt.kurs_basis
    vorher = _stand(kurs)
    erste, zweite, dritte = _sitzungen(kurs)
    zweite.beginn = erste.beginn + timedelta(hours=1)
    zweite.ende = zweite.beginn + timedelta(hours=2)
    gruende = _verweigert(kurs, welt.fortbildung, [erste, zweite, dritte])
    assert gruende == [
        f"Die Sitzungen am {_zeitpunkt(erste.beginn)} und am {_zeitpunkt(zweite.beginn)} "
        "überschneiden sich."
    ]
    assert _stand(kurs) == vorher


def test_a_session_that_ends_before_it_begins_is_refused_and_nothing_changes(welt):
    kurs = welt.kurs_basis
    vorher = _stand(kurs)
    erste, zweite, dritte = _sitzungen(kurs)
    dritte.ende = dritte.beginn - timedelta(hours=1)
    gruende = _verweigert(kurs, welt.fortbildung, [erste, zweite, dritte])
    assert gruende == [f"Die Sitzung am {_zeitpunkt(dritte.beginn)} endet, bevor sie beginnt."]
    assert _stand(kurs) == vorher


def test_removing_every_session_is_refused_and_nothing_changes(welt):
    kurs = welt.kurs_basis
    vorher = _stand(kurs)
    gruende = _verweigert(kurs, welt.fortbildung, [])
    assert gruende == ["Ein Kurs braucht mindestens eine Sitzung."]
    assert _stand(kurs) == vorher


def test_registration_ending_after_the_first_session_is_refused_and_nothing_changes(welt):
    kurs = welt.kurs_basis
    vorher = _stand(kurs)
    sitzungen = _sitzungen(kurs)
    gruende = _verweigert(
        kurs, welt.fortbildung, sitzungen, anmeldung_bis=sitzungen[0].beginn + timedelta(hours=1)
    )
    assert gruende == ["Die Anmeldung muss spätestens mit der ersten Sitzung enden."]
    assert _stand(kurs) == vorher


def test_fewer_seats_than_people_registered_are_refused_and_nothing_changes(welt):
    kurs = welt.kurs_basis
    _angemeldet(kurs, welt.ek_b, welt.rk_nord)
    vorher = _stand(kurs)
    gruende = _verweigert(kurs, welt.fortbildung, _sitzungen(kurs), plaetze=2)
    assert gruende == [
        "Es sind schon 3 Personen angemeldet; der Kurs braucht mindestens so viele Plätze."
    ]
    assert _stand(kurs) == vorher


def test_as_many_seats_as_people_registered_are_accepted(welt):
    kurs = _frisch(welt.kurs_basis)
    _angemeldet(kurs, welt.ek_b)
    kurs.plaetze = 2
    services.kurs_speichern(kurs, welt.fortbildung, _sitzungen(kurs))
    assert _frisch(kurs).plaetze == 2


@pytest.mark.parametrize("akteur", ["rk_nord", "ek_a", "ohne_rolle"])
def test_only_the_team_saves_courses(welt, akteur):
    person = UserFactory() if akteur == "ohne_rolle" else welt.personas[akteur]
    vorher = _stand(welt.kurs_basis)
    gruende = _verweigert(welt.kurs_basis, person, _sitzungen(welt.kurs_basis))
    assert gruende == ["Das ist Aufgabe des Fortbildungsteams."]
    assert _stand(welt.kurs_basis) == vorher


def test_a_staff_member_may_save_a_course(welt):
    kurs = _frisch(welt.kurs_basis)
    kurs.titel = "Basiskurs Sommer"
    services.kurs_speichern(kurs, welt.admin, _sitzungen(kurs))
    assert _frisch(kurs).titel == "Basiskurs Sommer"


def test_more_seats_move_the_first_waiting_people_up_with_a_notice(welt):
    kurs = fortbildungskurs(welt.reihe_basis, "Kleiner Kreis", plaetze=2)
    personen = [UserFactory() for _ in range(5)]
    _angemeldet(kurs, *personen[:2])
    dritte, vierte, fuenfte = _angemeldet(kurs, *personen[2:], status="wartend")
    kurs = _frisch(kurs)
    kurs.plaetze = 4
    services.kurs_speichern(kurs, welt.fortbildung, _sitzungen(kurs))
    stati = dict(Anmeldung.objects.filter(kurs=kurs).values_list("pk", "status"))
    assert [stati[a.pk] for a in (dritte, vierte, fuenfte)] == [
        "angemeldet",
        "angemeldet",
        "wartend",
    ]
    assert Anmeldung.objects.get(pk=dritte.pk).nachgerueckt_am is not None
    assert [_gehoert("fortbildung_nachgerueckt", p) for p in personen[2:]] == [1, 1, 0]
    wartend = Anmeldung.objects.filter(kurs=kurs, status="wartend").mit_warteposition().get()
    assert wartend.warteposition == 1


def test_removing_a_session_with_recorded_attendance_is_refused(welt):
    kurs = _vergangener_kurs(welt, sitzungen=2)
    (anmeldung,) = _angemeldet(kurs, welt.ek_b)
    erste, zweite = _sitzungen(kurs)
    services.anwesenheit_erfassen(erste, welt.fortbildung, {anmeldung.pk})
    vorher = _stand(kurs)
    gruende = _verweigert(kurs, welt.fortbildung, [zweite])
    assert gruende == [
        f"Für die Sitzung am {_zeitpunkt(erste.beginn)} ist schon Anwesenheit erfasst; sie bleibt."
    ]
    assert _stand(kurs) == vorher
    assert Anwesenheit.objects.filter(sitzung=erste, anmeldung=anmeldung).exists()


def test_a_session_without_attendance_can_be_removed(welt):
    kurs = _vergangener_kurs(welt, sitzungen=2)
    (anmeldung,) = _angemeldet(kurs, welt.ek_b)
    erste, zweite = _sitzungen(kurs)
    services.anwesenheit_erfassen(erste, welt.fortbildung, {anmeldung.pk})
    services.kurs_speichern(_frisch(kurs), welt.fortbildung, [erste])
    assert _sitzungen(kurs) == [erste]


def test_moving_a_session_tells_registered_people_once_and_not_the_cancelled(welt):
    kurs = _frisch(welt.kurs_basis)
    (abgemeldet,) = _angemeldet(kurs, welt.ek_b, status="abgemeldet")
    sitzungen = _sitzungen(kurs)
    sitzungen[1].beginn += timedelta(hours=1)
    sitzungen[1].ende += timedelta(hours=1)
    services.kurs_speichern(kurs, welt.fortbildung, sitzungen)
    assert _sitzungen(kurs)[1].beginn == sitzungen[1].beginn
    assert _gehoert("fortbildung_kurs_geaendert", welt.ek_a) == 1
    assert _gehoert("fortbildung_kurs_geaendert", abgemeldet.person) == 0
    notice = Notice.objects.get(art="fortbildung_kurs_geaendert")
    assert notice.objekt == kurs and notice.daten == {"titel": "Basiskurs Frühjahr"}


def test_a_new_place_for_a_session_tells_registered_people(welt):
    kurs = _frisch(welt.kurs_basis)
    sitzungen = _sitzungen(kurs)
    sitzungen[0].ort = "Rathaus Pankow, Saal 3"
    services.kurs_speichern(kurs, welt.fortbildung, sitzungen)
    assert _gehoert("fortbildung_kurs_geaendert", welt.ek_a) == 1


def test_removing_a_session_tells_registered_people(welt):
    kurs = _frisch(welt.kurs_basis)
    services.kurs_speichern(kurs, welt.fortbildung, _sitzungen(kurs)[:2])
    assert len(_sitzungen(kurs)) == 2
    assert _gehoert("fortbildung_kurs_geaendert", welt.ek_a) == 1


def test_adding_a_session_tells_registered_people(welt):
    kurs = _frisch(welt.kurs_basis)
    sitzungen = _sitzungen(kurs)
    letzte = sitzungen[-1]
    neu = Sitzung(beginn=letzte.beginn + timedelta(days=7), ende=letzte.ende + timedelta(days=7))
    services.kurs_speichern(kurs, welt.fortbildung, [*sitzungen, neu])
    assert len(_sitzungen(kurs)) == 4
    assert _gehoert("fortbildung_kurs_geaendert", welt.ek_a) == 1


def test_saving_a_course_without_changing_its_sessions_tells_nobody(welt):
    kurs = _frisch(welt.kurs_basis)
    kurs.beschreibung = "Mit Mittagspause"
    services.kurs_speichern(kurs, welt.fortbildung, _sitzungen(kurs))
    assert _frisch(kurs).beschreibung == "Mit Mittagspause"
    assert not Notice.objects.filter(art="fortbildung_kurs_geaendert").exists()


def test_taking_up_a_topic_wish_tells_the_proposer_and_every_voter_once(welt):
    WunschstimmeFactory(wunsch=welt.wunsch, person=welt.ek_b)
    WunschstimmeFactory(wunsch=welt.wunsch, person=welt.org_a)
    kurs = _frisch(welt.kurs_aufbau)
    kurs.themenwunsch = welt.wunsch
    services.kurs_speichern(kurs, welt.fortbildung, _sitzungen(kurs))
    kurs.beschreibung = "Noch einmal gespeichert"
    services.kurs_speichern(_frisch(kurs), welt.fortbildung, _sitzungen(kurs))
    art = "fortbildung_wunsch_aufgegriffen"
    assert [_gehoert(art, p) for p in (welt.ek_a, welt.ek_b, welt.org_a)] == [1, 1, 1]
    assert Notice.objects.filter(art=art).count() == 3
    assert Notice.objects.filter(art=art).first().daten == {"wunsch": "Wunsch-vertraulich"}


def test_the_proposer_of_a_wish_hears_of_the_course_after_withdrawing_their_vote(welt):
    services.themenwunsch_stimme_zurueckziehen(welt.wunsch, welt.ek_a)
    kurs = _frisch(welt.kurs_aufbau)
    kurs.themenwunsch = welt.wunsch
    services.kurs_speichern(kurs, welt.fortbildung, _sitzungen(kurs))
    assert _gehoert("fortbildung_wunsch_aufgegriffen", welt.ek_a) == 1


# --- attendance and completion ------------------------------------------------------------------


def test_attendance_is_refused_before_the_day_of_the_session(welt):
    with pytest.raises(NichtMoeglich) as fehler:
        services.anwesenheit_erfassen(
            welt.sitzung_basis, welt.fortbildung, {welt.anmeldung_ek_a.pk}
        )
    assert fehler.value.gruende == ["Die Anwesenheit wird ab dem Tag der Sitzung erfasst."]
    assert not Anwesenheit.objects.exists()


def test_attendance_of_people_not_registered_is_refused_and_nothing_is_recorded(welt):
    kurs = _vergangener_kurs(welt)
    (angemeldet,) = _angemeldet(kurs, welt.ek_b)
    (wartend,) = _angemeldet(kurs, welt.rk_nord, status="wartend")
    sitzung = _sitzungen(kurs)[0]
    for fremd in (wartend, welt.anmeldung_ek_a):
        with pytest.raises(NichtMoeglich, match="nicht angemeldet"):
            services.anwesenheit_erfassen(sitzung, welt.fortbildung, {angemeldet.pk, fremd.pk})
    assert not Anwesenheit.objects.exists()


@pytest.mark.parametrize("akteur", ["ek_a", "rk_nord", "verwaltung"])
def test_only_the_team_records_attendance(welt, akteur):
    kurs = _vergangener_kurs(welt)
    (anmeldung,) = _angemeldet(kurs, welt.ek_b)
    with pytest.raises(NichtMoeglich, match="Aufgabe des Fortbildungsteams"):
        services.anwesenheit_erfassen(_sitzungen(kurs)[0], welt.personas[akteur], {anmeldung.pk})
    assert not Anwesenheit.objects.exists()


def test_recording_a_session_again_replaces_who_was_there(welt):
    kurs = _vergangener_kurs(welt)
    a, b = _angemeldet(kurs, welt.ek_b, welt.rk_nord)
    sitzung = _sitzungen(kurs)[0]
    services.anwesenheit_erfassen(sitzung, welt.fortbildung, {a.pk, b.pk})
    services.anwesenheit_erfassen(sitzung, welt.fortbildung, {b.pk})
    assert list(sitzung.anwesenheiten.values_list("anmeldung", flat=True)) == [b.pk]


def test_four_of_five_sessions_complete_the_course_exactly_at_the_fourth(welt):
    moderation = QualifikationFactory(gueltigkeit_monate=24)
    kurs = _vergangener_kurs(welt, vermittelt=moderation)
    fleissig, luecke = _angemeldet(kurs, welt.ek_b, welt.rk_nord)
    sitzungen = _sitzungen(kurs)
    for sitzung in sitzungen[:3]:
        assert (
            services.anwesenheit_erfassen(sitzung, welt.fortbildung, {fleissig.pk, luecke.pk}) == []
        )
    fleissig.refresh_from_db()
    assert fleissig.abgeschlossen_am is None and fleissig.bescheinigungscode is None
    assert not Erteilung.objects.filter(qualifikation=moderation).exists()
    assert not Notice.objects.filter(art="fortbildung_abgeschlossen").exists()

    fertig = services.anwesenheit_erfassen(sitzungen[3], welt.fortbildung, {fleissig.pk})

    assert fertig == [fleissig]
    fleissig.refresh_from_db()
    assert fleissig.abgeschlossen and CODE.match(fleissig.bescheinigungscode)
    erteilung = Erteilung.objects.get(qualifikation=moderation)
    heute = timezone.localdate()
    assert (erteilung.person, erteilung.kurs, erteilung.erteilt_am) == (welt.ek_b, kurs, heute)
    assert abs((erteilung.gueltig_bis - _in_monaten(heute, 24)).days) <= 3
    assert _gehoert("fortbildung_abgeschlossen", welt.ek_b) == 1
    luecke.refresh_from_db()
    assert luecke.abgeschlossen_am is None and luecke.bescheinigungscode is None
    assert _gehoert("fortbildung_abgeschlossen", welt.rk_nord) == 0


def test_a_second_save_neither_completes_nor_grants_twice(welt):
    moderation = QualifikationFactory(gueltigkeit_monate=24)
    kurs = _vergangener_kurs(welt, vermittelt=moderation)
    (anmeldung,) = _angemeldet(kurs, welt.ek_b)
    sitzungen = _sitzungen(kurs)
    for sitzung in sitzungen[:4]:
        services.anwesenheit_erfassen(sitzung, welt.fortbildung, {anmeldung.pk})
    anmeldung.refresh_from_db()
    abschluss = (anmeldung.abgeschlossen_am, anmeldung.bescheinigungscode)

    assert services.anwesenheit_erfassen(sitzungen[3], welt.fortbildung, {anmeldung.pk}) == []
    assert services.anwesenheit_erfassen(sitzungen[4], welt.fortbildung, {anmeldung.pk}) == []
    assert services.abschluesse_pruefen(kurs, welt.fortbildung) == []

    anmeldung.refresh_from_db()
    assert (anmeldung.abgeschlossen_am, anmeldung.bescheinigungscode) == abschluss
    assert Erteilung.objects.filter(person=welt.ek_b, qualifikation=moderation).count() == 1
    assert _gehoert("fortbildung_abgeschlossen", welt.ek_b) == 1


def test_people_completing_together_get_different_certificate_codes(welt):
    kurs = _vergangener_kurs(welt, sitzungen=1, vermittelt=welt.qualifikation_basis)
    personen = [UserFactory() for _ in range(6)]
    anmeldungen = _angemeldet(kurs, *personen)
    fertig = services.anwesenheit_erfassen(
        _sitzungen(kurs)[0], welt.fortbildung, {a.pk for a in anmeldungen}
    )
    assert len(fertig) == 6
    codes = set(Anmeldung.objects.filter(kurs=kurs).values_list("bescheinigungscode", flat=True))
    assert len(codes) == 6 and all(CODE.match(code) for code in codes)
    erteilungen = Erteilung.objects.filter(kurs=kurs)
    assert {e.person for e in erteilungen} == set(personen)
    assert all(e.gueltig_bis is None for e in erteilungen)


def test_completing_the_basis_course_opens_the_aufbau_course(welt):
    kurs = _vergangener_kurs(welt, sitzungen=1, vermittelt=welt.qualifikation_basis)
    (anmeldung,) = _angemeldet(kurs, welt.ek_b)
    with pytest.raises(NichtMoeglich, match="Basis abgeschlossen"):
        services.anmeldung_anlegen(welt.kurs_aufbau, welt.ek_b)
    services.anwesenheit_erfassen(_sitzungen(kurs)[0], welt.fortbildung, {anmeldung.pk})
    assert services.anmeldung_anlegen(welt.kurs_aufbau, welt.ek_b).status == "angemeldet"


def test_a_course_without_a_qualification_completes_without_a_grant(welt):
    kurs = _vergangener_kurs(welt, sitzungen=1)
    (anmeldung,) = _angemeldet(kurs, welt.ek_b)
    assert services.anwesenheit_erfassen(_sitzungen(kurs)[0], welt.fortbildung, {anmeldung.pk}) == [
        anmeldung
    ]
    assert not Erteilung.objects.filter(person=welt.ek_b).exists()
    assert _gehoert("fortbildung_abgeschlossen", welt.ek_b) == 1


def test_only_the_team_checks_completions(welt):
    kurs = _vergangener_kurs(welt, sitzungen=1)
    (anmeldung,) = _angemeldet(kurs, welt.ek_b)
    AnwesenheitFactory(sitzung=_sitzungen(kurs)[0], anmeldung=anmeldung)
    with pytest.raises(NichtMoeglich, match="Aufgabe des Fortbildungsteams"):
        services.abschluesse_pruefen(kurs, welt.ek_b)
    anmeldung.refresh_from_db()
    assert anmeldung.abgeschlossen_am is None
