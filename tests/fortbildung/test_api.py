"""The training API: the public calendar, registering with a waiting list, the team's
course management and attendance, scoped like the pages and acting through the services."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from common.models import Notice
from fortbildung.models import Anmeldung, Anwesenheit, Erteilung, Kurs, Reihe, Sitzung
from tests.factories import AnmeldungFactory, fortbildungskurs

pytestmark = pytest.mark.django_db


@pytest.fixture
def welt(welt_fortbildung):
    """These tests read only the training courses (and the Grundlage beneath them)."""
    return welt_fortbildung


def _post(client, name, pk=None, daten=None):
    url = reverse(name, args=[pk] if pk is not None else [])
    return client.post(url, daten or {}, content_type="application/json")


def _patch(client, name, pk, daten):
    return client.patch(reverse(name, args=[pk]), daten, content_type="application/json")


def _fehler(response):
    return " ".join(response.json()["non_field_errors"])


def _titel(response):
    return {eintrag["titel"] for eintrag in response.json()["results"]}


def _kleiner_kurs(welt, titel="Basiskurs Klein", plaetze=1):
    """A Basis course for coordinators with open registration and a single seat."""
    return fortbildungskurs(welt.reihe_basis, titel, plaetze=plaetze)


def _zeit(tage, stunden=0):
    beginn = timezone.now().replace(microsecond=0) + timedelta(days=tage, hours=stunden)
    return beginn.isoformat()


def _neuer_kurs(welt, **daten):
    jetzt = timezone.now().replace(microsecond=0)
    return {
        "reihe": welt.reihe_basis.pk,
        "titel": "Basiskurs per API",
        "plaetze": 15,
        "anmeldung_ab": jetzt.isoformat(),
        "anmeldung_bis": (jetzt + timedelta(days=5)).isoformat(),
        "abmeldung_bis": (jetzt + timedelta(days=4)).isoformat(),
        "vermittelt": welt.qualifikation_basis.pk,
        "sitzungen": [
            {"beginn": _zeit(10), "ende": _zeit(10, 3), "ort": "Raum 2"},
            {"beginn": _zeit(17), "ende": _zeit(17, 3), "ort": "Raum 2"},
        ],
        **daten,
    }


# --- the public calendar ----------------------------------------------------------------------


def test_anonymous_visitors_see_published_courses_with_their_seats_but_not_the_draft(
    welt, client_als
):
    client = client_als(None)
    titel = _titel(client.get(reverse("api:fortbildung-kurs-list")))
    assert {"Basiskurs Frühjahr", "Aufbaukurs Konflikte", "Erste Hilfe für Freiwillige"} <= titel
    assert "Kurs-Entwurf-vertraulich" not in titel
    kommend = _titel(client.get(reverse("api:fortbildung-kurs-list"), {"kommend": "true"}))
    vergangen = _titel(client.get(reverse("api:fortbildung-kurs-list"), {"kommend": "false"}))
    assert ("Basiskurs Herbst" in titel, "Basiskurs Herbst" in kommend) == (True, False)
    assert vergangen == {"Basiskurs Herbst"}

    basis = client.get(reverse("api:fortbildung-kurs-detail", args=[welt.kurs_basis.pk])).json()
    assert (basis["plaetze"], basis["belegt"], basis["freie_plaetze"], basis["wartend"]) == (
        12,
        1,
        11,
        0,
    )
    assert (basis["anzahl_sitzungen"], len(basis["sitzungen"])) == (3, 3)
    assert basis["vermittelt_name"] == "Basis abgeschlossen"
    assert basis["anmeldung_offen"] is True
    aufbau = client.get(reverse("api:fortbildung-kurs-detail", args=[welt.kurs_aufbau.pk]))
    assert aufbau.json()["voraussetzungen_namen"] == ["Basis abgeschlossen"]

    entwurf = welt.kurs_entwurf
    assert client.get(reverse("api:fortbildung-kurs-detail", args=[entwurf.pk])).status_code == 404
    sitzungen = client.get(reverse("api:fortbildung-sitzung-list")).json()["results"]
    assert welt.sitzung_basis.pk in {s["id"] for s in sitzungen}
    assert not {s["id"] for s in sitzungen} & set(entwurf.sitzungen.values_list("pk", flat=True))
    reihen = _titel(client.get(reverse("api:fortbildung-reihe-list")))
    assert welt.reihe_basis.titel in reihen


def test_anonymous_visitors_must_sign_in_to_register(welt, client_als):
    response = _post(client_als(None), "api:fortbildung-kurs-anmelden", welt.kurs_basis.pk)
    assert response.status_code == 401
    assert welt.kurs_basis.anmeldungen.count() == 1


# --- registering and the waiting list ---------------------------------------------------------


def test_registering_gives_a_seat_and_once_the_course_is_full_a_waiting_position(welt, client_als):
    kurs = _kleiner_kurs(welt)
    erste = _post(client_als(welt.ek_b), "api:fortbildung-kurs-anmelden", kurs.pk)
    assert erste.status_code == 201, erste.json()
    assert (erste.json()["status"], erste.json()["warteposition"]) == ("angemeldet", None)

    zweite = _post(client_als(welt.rk_nord), "api:fortbildung-kurs-anmelden", kurs.pk)
    dritte = _post(client_als(welt.rk_suedost), "api:fortbildung-kurs-anmelden", kurs.pk)
    assert (zweite.json()["status"], zweite.json()["warteposition"]) == ("wartend", 1)
    assert (dritte.json()["status"], dritte.json()["warteposition"]) == ("wartend", 2)

    detail = client_als(None).get(reverse("api:fortbildung-kurs-detail", args=[kurs.pk])).json()
    assert (detail["freie_plaetze"], detail["wartend"]) == (0, 2)


def test_without_the_basis_qualification_the_aufbau_course_refuses_and_says_why(welt, client_als):
    response = _post(client_als(welt.ek_a), "api:fortbildung-kurs-anmelden", welt.kurs_aufbau.pk)
    assert response.status_code == 400
    assert "Für diesen Kurs brauchen Sie zuerst: Basis abgeschlossen." in _fehler(response)
    assert not welt.kurs_aufbau.anmeldungen.exists()


@pytest.mark.parametrize(
    ("persona", "kurs", "zielgruppe"),
    [
        ("ek_a", "kurs_freiwillige", "Freiwillige"),
        ("freiwillig", "kurs_basis", "Koordinator*innen"),
    ],
)
def test_a_course_for_another_target_group_refuses_and_names_the_group(
    welt, client_als, persona, kurs, zielgruppe
):
    kurs = welt.objekte[kurs]
    vorher = kurs.anmeldungen.count()
    response = _post(client_als(welt.personas[persona]), "api:fortbildung-kurs-anmelden", kurs.pk)
    assert response.status_code == 400
    assert f"Dieser Kurs richtet sich an {zielgruppe}." in _fehler(response)
    assert kurs.anmeldungen.count() == vorher


def test_registering_twice_for_the_same_course_is_refused(welt, client_als):
    response = _post(client_als(welt.ek_a), "api:fortbildung-kurs-anmelden", welt.kurs_basis.pk)
    assert response.status_code == 400
    assert "Sie sind für diesen Kurs bereits angemeldet." in _fehler(response)
    assert welt.kurs_basis.anmeldungen.filter(person=welt.ek_a).count() == 1


def test_cancelling_a_seat_moves_the_first_waiting_person_up_and_tells_them(welt, client_als):
    kurs = _kleiner_kurs(welt)
    eigene = _post(client_als(welt.ek_a), "api:fortbildung-kurs-anmelden", kurs.pk).json()
    _post(client_als(welt.ek_b), "api:fortbildung-kurs-anmelden", kurs.pk)

    # nobody else cancels ek_a's seat: another person's registration does not exist for them
    fremd = _post(client_als(welt.ek_b), "api:fortbildung-anmeldung-abmelden", eigene["id"])
    assert fremd.status_code == 404

    client = client_als(welt.ek_a)
    response = _post(client, "api:fortbildung-anmeldung-abmelden", eigene["id"])
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["abgemeldet_am"] is not None) == (
        "abgemeldet",
        True,
    )
    wieder = _post(client, "api:fortbildung-anmeldung-abmelden", eigene["id"])
    assert wieder.status_code == 400
    assert "schon storniert" in _fehler(wieder)

    liste = client_als(welt.ek_b).get(reverse("api:fortbildung-anmeldung-list"), {"kurs": kurs.pk})
    (nachgerueckt,) = liste.json()["results"]
    assert (nachgerueckt["status"], nachgerueckt["warteposition"]) == ("angemeldet", None)
    assert nachgerueckt["nachgerueckt_am"] is not None
    assert Notice.objects.filter(empfaenger=welt.ek_b, art="fortbildung_nachgerueckt").count() == 1


# --- the team's course management -------------------------------------------------------------


def test_the_team_creates_a_course_with_its_sessions_and_replaces_the_session_list(
    welt, client_als
):
    client = client_als(welt.fortbildung)
    daten = _neuer_kurs(welt, voraussetzungen=[welt.qualifikation_basis.pk])
    response = _post(client, "api:fortbildung-kurs-list", daten=daten)
    assert response.status_code == 201, response.json()
    kurs = response.json()
    assert (kurs["anzahl_sitzungen"], kurs["freie_plaetze"], kurs["reihe_titel"]) == (
        2,
        15,
        welt.reihe_basis.titel,
    )
    assert kurs["voraussetzungen_namen"] == ["Basis abgeschlossen"]
    erste, zweite = kurs["sitzungen"]
    uid = Sitzung.objects.get(pk=erste["id"]).uid

    neu = {"beginn": _zeit(24), "ende": _zeit(24, 2), "ort": "Online"}
    geaendert = _patch(
        client,
        "api:fortbildung-kurs-detail",
        kurs["id"],
        {"titel": "Basiskurs Sommer", "sitzungen": [{"id": erste["id"], "ort": "Raum 3"}, neu]},
    )
    assert geaendert.status_code == 200, geaendert.json()
    assert geaendert.json()["titel"] == "Basiskurs Sommer"
    sitzungen = list(Sitzung.objects.filter(kurs_id=kurs["id"]).order_by("beginn"))
    assert [(s.pk == erste["id"], s.ort) for s in sitzungen] == [
        (True, "Raum 3"),
        (False, "Online"),
    ]
    assert sitzungen[0].uid == uid  # still the same entry in people's calendars
    assert not Sitzung.objects.filter(pk=zweite["id"]).exists()


def test_overlapping_sessions_in_a_new_course_are_refused_and_no_course_is_left_behind(
    welt, client_als
):
    daten = _neuer_kurs(
        welt,
        sitzungen=[
            {"beginn": _zeit(10), "ende": _zeit(10, 3)},
            {"beginn": _zeit(10, 2), "ende": _zeit(10, 4)},
        ],
    )
    response = _post(client_als(welt.fortbildung), "api:fortbildung-kurs-list", daten=daten)
    assert response.status_code == 400
    assert "überschneiden sich" in _fehler(response)
    assert not Kurs.objects.filter(titel="Basiskurs per API").exists()


@pytest.mark.parametrize(
    ("aenderung", "grund"),
    [
        (
            {
                "sitzungen": [
                    {"beginn": _zeit(10), "ende": _zeit(10, 3)},
                    {"beginn": _zeit(10, 1), "ende": _zeit(10, 5)},
                ]
            },
            "überschneiden sich",
        ),
        ({"sitzungen": [{"beginn": _zeit(10, 3), "ende": _zeit(10)}]}, "endet, bevor sie beginnt"),
        ({"plaetze": 1}, "Es sind schon 2 Personen angemeldet"),
    ],
    ids=["overlap", "end-before-start", "seats-below-registered"],
)
def test_a_bad_change_of_a_course_is_refused_with_the_reason_and_changes_nothing(
    welt, client_als, aenderung, grund
):
    kurs = welt.kurs_basis
    AnmeldungFactory(kurs=kurs, person=welt.ek_b)
    vorher = list(kurs.sitzungen.values_list("pk", "beginn", "ende"))
    response = _patch(
        client_als(welt.fortbildung),
        "api:fortbildung-kurs-detail",
        kurs.pk,
        {"titel": "Nicht gespeichert", **aenderung},
    )
    assert response.status_code == 400
    assert grund in _fehler(response)
    kurs.refresh_from_db()
    assert (kurs.titel, kurs.plaetze) == ("Basiskurs Frühjahr", 12)
    assert list(kurs.sitzungen.values_list("pk", "beginn", "ende")) == vorher


def test_people_outside_the_team_get_403_for_team_steps_on_a_visible_course_and_404_for_a_draft(
    welt, client_als
):
    client = client_als(welt.ek_a)
    basis, entwurf = welt.kurs_basis, welt.kurs_entwurf
    sitzung = {"sitzung": welt.sitzung_basis.pk, "anwesend": [welt.anmeldung_ek_a.pk]}
    for kurs, erwartet in ((basis, 403), (entwurf, 404)):
        schritte = [
            _patch(client, "api:fortbildung-kurs-detail", kurs.pk, {"titel": "X"}),
            _post(client, "api:fortbildung-kurs-anwesenheit", kurs.pk, sitzung),
            _post(client, "api:fortbildung-kurs-abschliessen", kurs.pk),
            client.get(reverse("api:fortbildung-kurs-teilnehmende", args=[kurs.pk])),
        ]
        assert [r.status_code for r in schritte] == [erwartet] * 4, kurs.titel
    assert client.get(reverse("api:fortbildung-kurs-detail", args=[entwurf.pk])).status_code == 404
    assert _post(client, "api:fortbildung-kurs-anmelden", entwurf.pk).status_code == 404
    neu = _post(client, "api:fortbildung-kurs-list", daten=_neuer_kurs(welt))
    assert neu.status_code == 403
    reihe = _post(
        client,
        "api:fortbildung-reihe-list",
        daten={"titel": "Eigene Reihe", "stufe": "offen", "jahr": 2026, "zielgruppe": "alle"},
    )
    assert reihe.status_code == 403
    umbenannt = _patch(client, "api:fortbildung-reihe-detail", welt.reihe_basis.pk, {"titel": "X"})
    assert umbenannt.status_code == 403
    assert not Anwesenheit.objects.exists()
    assert not Kurs.objects.filter(titel__in=["X", "Basiskurs per API"]).exists()
    assert not Reihe.objects.filter(titel__in=["X", "Eigene Reihe"]).exists()


def test_the_team_creates_and_renames_a_series(welt, client_als):
    client = client_als(welt.fortbildung)
    response = _post(
        client,
        "api:fortbildung-reihe-list",
        daten={"titel": "Offene Werkstätten", "stufe": "offen", "jahr": 2026, "zielgruppe": "alle"},
    )
    assert response.status_code == 201, response.json()
    geaendert = _patch(
        client, "api:fortbildung-reihe-detail", response.json()["id"], {"titel": "Werkstätten"}
    )
    assert geaendert.status_code == 200
    assert Reihe.objects.get(pk=response.json()["id"]).titel == "Werkstätten"


# --- attendance and completion ----------------------------------------------------------------


def _laufender_kurs(welt):
    """A Basis course whose only session began an hour ago; ek_b and rk_nord hold seats."""
    kurs = fortbildungskurs(
        welt.reihe_basis,
        "Basiskurs Heute",
        erste_in=timedelta(hours=-1),
        vermittelt=welt.qualifikation_basis,
    )
    anwesend = AnmeldungFactory(kurs=kurs, person=welt.ek_b)
    abwesend = AnmeldungFactory(kurs=kurs, person=welt.rk_nord)
    return kurs, anwesend, abwesend


def test_attendance_through_the_api_completes_a_person_grants_basis_and_opens_aufbau(
    welt, client_als
):
    kurs, anwesend, abwesend = _laufender_kurs(welt)
    team = client_als(welt.fortbildung)
    daten = {"sitzung": kurs.sitzungen.get().pk, "anwesend": [anwesend.pk]}
    response = _post(team, "api:fortbildung-kurs-anwesenheit", kurs.pk, daten)
    assert response.status_code == 200, response.json()
    (fertig,) = response.json()["abgeschlossen"]
    assert (fertig["person_name"], fertig["anwesend"]) == ("Ben Birkenhain", 1)
    assert fertig["bescheinigungscode"]
    assert Erteilung.objects.filter(
        person=welt.ek_b, qualifikation=welt.qualifikation_basis, kurs=kurs
    ).exists()
    assert not Erteilung.objects.filter(person=welt.rk_nord).exists()

    liste = team.get(reverse("api:fortbildung-kurs-teilnehmende", args=[kurs.pk])).json()
    assert {(t["person_name"], t["anwesend"], t["abgeschlossen"]) for t in liste} == {
        ("Ben Birkenhain", 1, True),
        ("Rana Nord", 0, False),
    }
    nochmal = _post(team, "api:fortbildung-kurs-abschliessen", kurs.pk)
    assert (nochmal.status_code, nochmal.json()["abgeschlossen"]) == (200, [])

    ben = client_als(welt.ek_b)
    eigene = ben.get(reverse("api:fortbildung-anmeldung-detail", args=[anwesend.pk])).json()
    assert (eigene["abgeschlossen"], eigene["bescheinigungscode"]) == (
        True,
        fertig["bescheinigungscode"],
    )
    assert eigene["bescheinigung"].endswith(
        reverse("fortbildung:bescheinigung", args=[anwesend.pk])
    )
    aufbau = _post(ben, "api:fortbildung-kurs-anmelden", welt.kurs_aufbau.pk)
    assert (aufbau.status_code, aufbau.json()["status"]) == (201, "angemeldet")


def test_attendance_for_someone_not_registered_or_before_the_session_day_is_refused(
    welt, client_als
):
    kurs, anwesend, _abwesend = _laufender_kurs(welt)
    team = client_als(welt.fortbildung)
    fremd = {"sitzung": kurs.sitzungen.get().pk, "anwesend": [welt.anmeldung_ek_a.pk]}
    response = _post(team, "api:fortbildung-kurs-anwesenheit", kurs.pk, fremd)
    assert response.status_code == 400
    assert "nicht angemeldet" in _fehler(response)

    andere_sitzung = {"sitzung": welt.sitzung_basis.pk, "anwesend": [anwesend.pk]}
    response = _post(team, "api:fortbildung-kurs-anwesenheit", kurs.pk, andere_sitzung)
    assert (response.status_code, list(response.json())) == (400, ["sitzung"])

    zu_frueh = {"sitzung": welt.sitzung_basis.pk, "anwesend": [welt.anmeldung_ek_a.pk]}
    response = _post(team, "api:fortbildung-kurs-anwesenheit", welt.kurs_basis.pk, zu_frueh)
    assert response.status_code == 400
    assert "ab dem Tag der Sitzung" in _fehler(response)
    assert not Anwesenheit.objects.exists()
    assert not Anmeldung.objects.filter(abgeschlossen_am__isnull=False, kurs=kurs).exists()


# --- one's own registrations ------------------------------------------------------------------


def test_the_own_registrations_list_shows_only_ones_own_and_the_team_sees_everyones(
    welt, client_als
):
    fremde = AnmeldungFactory(kurs=welt.kurs_basis, person=welt.ek_b)
    client = client_als(welt.ek_a)
    eigene = client.get(reverse("api:fortbildung-anmeldung-list")).json()["results"]
    assert {a["id"] for a in eigene} == {
        welt.anmeldung_ek_a.pk,
        welt.anmeldung_abgeschlossen.pk,
    }
    abgeschlossen = next(a for a in eigene if a["id"] == welt.anmeldung_abgeschlossen.pk)
    assert (abgeschlossen["kurs_titel"], abgeschlossen["bescheinigungscode"]) == (
        "Basiskurs Herbst",
        "TEST-CODE-2345",
    )
    laufend = next(a for a in eigene if a["id"] == welt.anmeldung_ek_a.pk)
    assert (laufend["bescheinigungscode"], laufend["bescheinigung"]) == (None, None)
    detail = client.get(reverse("api:fortbildung-anmeldung-detail", args=[fremde.pk]))
    assert detail.status_code == 404

    team = client_als(welt.fortbildung).get(reverse("api:fortbildung-anmeldung-list")).json()
    assert {welt.anmeldung_ek_a.pk, fremde.pk} <= {a["id"] for a in team["results"]}
    assert client_als(None).get(reverse("api:fortbildung-anmeldung-list")).status_code == 401
