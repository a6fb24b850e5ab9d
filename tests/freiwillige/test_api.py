"""The volunteering API: own profile, applications, assignments, hours and matching.

Scoped like the screens: volunteers see their own rows, a shelter's coordination those at
its shelters, regional coordination no personal volunteer data at all.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from freiwillige.models import Bewerbung, Einsatz, Profil, Stundeneintrag
from tests.factories import fuehrungszeugnis_vermerken
from unterkuenfte.models import Anforderungsart


def _api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _ids(response):
    return [zeile["id"] for zeile in response.json()["results"]]


def _fuehrungszeugnis_verlangen(welt):
    welt.unterkunft_a.anforderungen.set([Anforderungsart.objects.get(slug="fuehrungszeugnis")])


def _fuehrungszeugnis(person, welt, ausgestellt):
    fuehrungszeugnis_vermerken(person, ausgestellt, welt.ek_a)


def _profil_zeilen(profil):
    return (
        sorted((k.sprache.code, k.niveau) for k in profil.sprachkenntnisse.all()),
        sorted((v.wochentag, v.von.hour, v.bis.hour) for v in profil.verfuegbarkeiten.all()),
    )


# --- profile -------------------------------------------------------------------------------


def test_a_volunteer_reads_the_own_profile(welt):
    response = _api(welt.freiwillig).get(reverse("api:profil"))
    assert response.status_code == 200
    daten = response.json()
    assert daten["status"] == "aktiv"
    assert daten["sprachkenntnisse"] == [{"sprache": "ar", "niveau": 4}]
    assert daten["verfuegbarkeiten"] == [{"wochentag": 2, "von": "16:00:00", "bis": "18:00:00"}]


def test_patching_languages_and_times_replaces_them(welt):
    response = _api(welt.freiwillig).patch(
        reverse("api:profil"),
        {
            "sprachkenntnisse": [{"sprache": "fa", "niveau": 4}],
            "verfuegbarkeiten": [
                {"wochentag": 1, "von": "09:00", "bis": "12:00"},
                {"wochentag": 4, "von": "17:00", "bis": "20:00"},
            ],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["sprachkenntnisse"] == [{"sprache": "fa", "niveau": 4}]
    profil = Profil.objects.get(person=welt.freiwillig)
    assert _profil_zeilen(profil) == ([("fa", 4)], [(1, 9, 12), (4, 17, 20)])


def test_overlapping_times_are_refused_naming_both_and_nothing_changes(welt):
    profil = Profil.objects.get(person=welt.freiwillig)
    vorher = _profil_zeilen(profil)
    response = _api(welt.freiwillig).patch(
        reverse("api:profil"),
        {
            "telefon": "030 123456",
            "sprachkenntnisse": [{"sprache": "fa", "niveau": 4}],
            "verfuegbarkeiten": [
                {"wochentag": 1, "von": "16:00", "bis": "18:00"},
                {"wochentag": 1, "von": "17:00", "bis": "19:00"},
            ],
        },
        format="json",
    )
    assert response.status_code == 400
    meldung = " ".join(response.json()["verfuegbarkeiten"])
    assert "Di 16–18" in meldung
    assert "Di 17–19" in meldung
    profil = Profil.objects.get(person=welt.freiwillig)
    assert _profil_zeilen(profil) == vorher
    assert profil.telefon == ""


def test_a_time_range_must_end_after_it_starts(welt):
    response = _api(welt.freiwillig).patch(
        reverse("api:profil"),
        {"verfuegbarkeiten": [{"wochentag": 1, "von": "18:00", "bis": "16:00"}]},
        format="json",
    )
    assert response.status_code == 400
    assert "„bis“ muss nach „von“ liegen." in str(response.json())
    assert _profil_zeilen(Profil.objects.get(person=welt.freiwillig))[1] == [(2, 16, 18)]


def test_each_language_may_be_given_once(welt):
    response = _api(welt.freiwillig).patch(
        reverse("api:profil"),
        {"sprachkenntnisse": [{"sprache": "fa", "niveau": 4}, {"sprache": "fa", "niveau": 2}]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["sprachkenntnisse"] == ["Jede Sprache bitte nur einmal angeben."]
    assert _profil_zeilen(Profil.objects.get(person=welt.freiwillig))[0] == [("ar", 4)]


@pytest.mark.parametrize(
    "eingabe",
    [
        {"verfuegbarkeiten": [{"wochentag": 1, "von": "16:00"}]},
        {"sprachkenntnisse": [{"sprache": "fa"}]},
    ],
    ids=["time-without-bis", "language-without-niveau"],
)
def test_an_incomplete_row_in_a_patch_is_a_400_not_a_crash(welt, eingabe):
    """A PATCH is partial for the profile's own fields, but a replaced row must be whole."""
    vorher = _profil_zeilen(Profil.objects.get(person=welt.freiwillig))
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(welt.freiwillig)
    response = client.patch(reverse("api:profil"), eingabe, format="json")
    assert response.status_code == 400
    assert _profil_zeilen(Profil.objects.get(person=welt.freiwillig)) == vorher


def test_the_engagement_status_cannot_be_patched_directly(welt):
    response = _api(welt.freiwillig).patch(
        reverse("api:profil"), {"status": "beendet"}, format="json"
    )
    assert response.status_code == 200
    assert Profil.objects.get(person=welt.freiwillig).status == "aktiv"
    assert Bewerbung.objects.get(pk=welt.bewerbung_b.pk).status == "offen"


def test_an_account_without_a_profile_gets_404(welt):
    client = _api(welt.ek_a)
    assert client.get(reverse("api:profil")).status_code == 404
    assert client.patch(reverse("api:profil"), {}, format="json").status_code == 404


def test_without_credentials_the_profile_answers_401(welt):
    assert _api().get(reverse("api:profil")).status_code == 401


# --- engagement ----------------------------------------------------------------------------


def test_ending_the_engagement_withdraws_waiting_applications(welt):
    response = _api(welt.freiwillig).post(
        reverse("api:engagement"), {"status": "beendet"}, format="json"
    )
    assert response.status_code == 200
    assert response.json() == {"status": "beendet"}
    assert Profil.objects.get(person=welt.freiwillig).status == "beendet"
    assert Bewerbung.objects.get(pk=welt.bewerbung_b.pk).status == "zurueckgezogen"


def test_ending_the_engagement_ends_running_assignments(welt):
    response = _api(welt.hanna).post(
        reverse("api:engagement"), {"status": "beendet"}, format="json"
    )
    assert response.status_code == 200
    einsatz = Einsatz.objects.get(pk=welt.einsatz_b.pk)
    assert (einsatz.status, einsatz.ende) == ("beendet", timezone.localdate())


def test_engagement_needs_a_profile_and_a_known_status(welt):
    assert (
        _api(welt.ek_a)
        .post(reverse("api:engagement"), {"status": "pausiert"}, format="json")
        .status_code
        == 404
    )
    response = _api(welt.freiwillig).post(
        reverse("api:engagement"), {"status": "verschwunden"}, format="json"
    )
    assert response.status_code == 400
    assert Profil.objects.get(person=welt.freiwillig).status == "aktiv"


# --- applications --------------------------------------------------------------------------


def test_a_volunteer_applies_to_an_open_need(welt):
    response = _api(welt.bea).post(
        reverse("api:bewerbung-list"),
        {"bedarf": welt.bedarf_b.pk, "nachricht": "Ich spiele gern Fußball."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    daten = response.json()
    assert (daten["status"], daten["bedarf"], daten["unterkunft"]) == (
        "offen",
        welt.bedarf_b.pk,
        "Unterkunft Birkenhain",
    )
    bewerbung = Bewerbung.objects.get(pk=daten["id"])
    assert (bewerbung.person, bewerbung.nachricht) == (welt.bea, "Ich spiele gern Fußball.")
    assert [(e["von_status"], e["nach_status"]) for e in daten["verlauf"]] == [("", "offen")]


def test_applying_where_banned_is_refused_with_the_reason_and_stores_nothing(welt):
    vorher = Bewerbung.objects.count()
    response = _api(welt.freiwillig).post(
        reverse("api:bewerbung-list"), {"bedarf": welt.bedarf_a.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == [
        "Eine Bewerbung bei dieser Unterkunft ist derzeit nicht möglich."
    ]
    assert "Grund-A-vertraulich" not in response.content.decode()
    assert Bewerbung.objects.count() == vorher


def test_a_second_waiting_application_to_the_same_need_is_refused(welt):
    vorher = Bewerbung.objects.count()
    response = _api(welt.bea).post(
        reverse("api:bewerbung-list"), {"bedarf": welt.bedarf_a.pk}, format="json"
    )
    assert response.status_code == 400
    assert "bereits beworben" in " ".join(response.json()["non_field_errors"])
    assert Bewerbung.objects.count() == vorher


def test_a_paused_need_cannot_be_applied_to(welt):
    vorher = Bewerbung.objects.count()
    response = _api(welt.bea).post(
        reverse("api:bewerbung-list"), {"bedarf": welt.bedarf_a_pausiert.pk}, format="json"
    )
    assert response.status_code == 400
    assert "bedarf" in response.json()
    assert Bewerbung.objects.count() == vorher


def test_a_volunteer_lists_only_the_own_applications(welt):
    assert _ids(_api(welt.bea).get(reverse("api:bewerbung-list"))) == [welt.bewerbung_a.pk]
    finn = _ids(_api(welt.freiwillig).get(reverse("api:bewerbung-list")))
    assert finn == [welt.bewerbung_b.pk]
    fremd = reverse("api:bewerbung-detail", args=[welt.bewerbung_a.pk])
    assert _api(welt.freiwillig).get(fremd).status_code == 404


def test_the_shelters_coordination_sees_its_applications_and_nobody_else(welt):
    detail = reverse("api:bewerbung-detail", args=[welt.bewerbung_a.pk])
    ek_a = _api(welt.ek_a)
    assert welt.bewerbung_a.pk in _ids(ek_a.get(reverse("api:bewerbung-list")))
    antwort = ek_a.get(detail)
    assert antwort.status_code == 200
    assert (antwort.json()["person"], antwort.json()["nachricht"]) == ("Bea Bewerberin", "Hallo")
    for fremd in (welt.ek_b, welt.rk_nord):
        client = _api(fremd)
        liste = client.get(reverse("api:bewerbung-list"))
        assert welt.bewerbung_a.pk not in _ids(liste)
        assert "Bea" not in liste.content.decode()
        assert client.get(detail).status_code == 404


def test_regional_coordination_sees_no_application_at_all(welt):
    response = _api(welt.rk_nord).get(reverse("api:bewerbung-list"))
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_acceptance_names_the_missing_check_and_changes_nothing(welt):
    _fuehrungszeugnis_verlangen(welt)
    url = reverse("api:bewerbung-annehmen", args=[welt.bewerbung_a.pk])
    response = _api(welt.ek_a).post(url, format="json")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["„Erweitertes Führungszeugnis“ fehlt."]
    assert Bewerbung.objects.get(pk=welt.bewerbung_a.pk).status == "offen"
    assert not Einsatz.objects.filter(person=welt.bea).exists()


def test_acceptance_creates_the_assignment_and_opens_the_address(welt):
    _fuehrungszeugnis_verlangen(welt)
    _fuehrungszeugnis(welt.bea, welt, timezone.localdate() - timedelta(days=10))
    bea = _api(welt.bea)
    # before acceptance the address shows nowhere for the applicant
    assert bea.get(reverse("api:einsatz-list")).json()["results"] == []
    assert "Geheimweg" not in bea.get(reverse("api:bewerbung-list")).content.decode()

    url = reverse("api:bewerbung-annehmen", args=[welt.bewerbung_a.pk])
    response = _api(welt.ek_a).post(url, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "angenommen"
    einsatz = Einsatz.objects.get(bewerbung=welt.bewerbung_a)
    assert (einsatz.person, einsatz.unterkunft, einsatz.status) == (
        welt.bea,
        welt.unterkunft_a,
        "aktiv",
    )

    einsaetze = bea.get(reverse("api:einsatz-list")).json()["results"]
    assert [e["id"] for e in einsaetze] == [einsatz.pk]
    assert "Geheimweg 1" in einsaetze[0]["adresse"]


def test_an_applicant_without_acceptance_never_sees_the_address(welt):
    finn = _api(welt.freiwillig)
    assert finn.get(reverse("api:einsatz-list")).json()["results"] == []
    for url in (reverse("api:bewerbung-list"), reverse("api:einsatz-list")):
        text = finn.get(url).content.decode()
        assert "Verborgene Straße" not in text
        assert "Geheimweg" not in text


def test_an_active_volunteer_sees_the_address_of_the_own_shelter_only(welt):
    einsaetze = _api(welt.hanna).get(reverse("api:einsatz-list")).json()["results"]
    assert [e["id"] for e in einsaetze] == [welt.einsatz_b.pk]
    assert "Verborgene Straße 2" in einsaetze[0]["adresse"]
    assert einsaetze[0]["unterkunft_name"] == "Unterkunft Birkenhain"


def test_the_applicant_cannot_accept_the_own_application(welt):
    url = reverse("api:bewerbung-annehmen", args=[welt.bewerbung_a.pk])
    assert _api(welt.bea).post(url, format="json").status_code == 403
    assert _api(welt.ek_b).post(url, format="json").status_code == 404
    assert _api(welt.rk_nord).post(url, format="json").status_code == 404
    assert Bewerbung.objects.get(pk=welt.bewerbung_a.pk).status == "offen"
    assert not Einsatz.objects.filter(person=welt.bea).exists()


def test_declining_is_recorded_with_the_note(welt):
    url = reverse("api:bewerbung-ablehnen", args=[welt.bewerbung_a.pk])
    assert _api(welt.bea).post(url, {"text": "x"}, format="json").status_code == 403
    response = _api(welt.ek_a).post(url, {"text": "Leider schon voll."}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "abgelehnt"
    assert response.json()["verlauf"][-1]["notiz"] == "Leider schon voll."
    nochmal = _api(welt.ek_a).post(url, {"text": ""}, format="json")
    assert nochmal.status_code == 400
    assert "bereits entschieden" in " ".join(nochmal.json()["non_field_errors"])


def test_a_question_and_its_answer_go_through_the_history(welt):
    rueckfrage = reverse("api:bewerbung-rueckfrage", args=[welt.bewerbung_a.pk])
    antworten = reverse("api:bewerbung-antworten", args=[welt.bewerbung_a.pk])

    response = _api(welt.ek_a).post(
        rueckfrage, {"text": "Können Sie auch donnerstags?"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "rueckfrage"
    assert Bewerbung.objects.get(pk=welt.bewerbung_a.pk).status == "rueckfrage"

    response = _api(welt.bea).post(antworten, {"text": "Ja, ab 17 Uhr."}, format="json")
    assert response.status_code == 200, response.json()
    daten = response.json()
    assert daten["status"] == "offen"
    assert [(e["von_status"], e["nach_status"], e["notiz"]) for e in daten["verlauf"]] == [
        ("offen", "rueckfrage", "Können Sie auch donnerstags?"),
        ("rueckfrage", "offen", "Ja, ab 17 Uhr."),
    ]
    assert [e["akteur"] for e in daten["verlauf"]] == ["Emma Ahornhof", "Bea Bewerberin"]


def test_only_the_coordination_asks_and_only_the_applicant_answers(welt):
    rueckfrage = reverse("api:bewerbung-rueckfrage", args=[welt.bewerbung_a.pk])
    antworten = reverse("api:bewerbung-antworten", args=[welt.bewerbung_a.pk])
    assert _api(welt.bea).post(rueckfrage, {"text": "?"}, format="json").status_code == 403
    assert _api(welt.ek_b).post(rueckfrage, {"text": "?"}, format="json").status_code == 404
    leer = _api(welt.ek_a).post(rueckfrage, {"text": "  "}, format="json")
    assert leer.status_code == 400
    assert Bewerbung.objects.get(pk=welt.bewerbung_a.pk).status == "offen"
    # nothing asked yet: no answer possible; the coordination cannot answer for her
    ohne_frage = _api(welt.bea).post(antworten, {"text": "Ja"}, format="json")
    assert ohne_frage.status_code == 400
    assert "keine Frage offen" in " ".join(ohne_frage.json()["non_field_errors"])
    assert _api(welt.ek_a).post(antworten, {"text": "Ja"}, format="json").status_code == 403


def test_the_applicant_withdraws_and_the_coordination_cannot(welt):
    url = reverse("api:bewerbung-zurueckziehen", args=[welt.bewerbung_a.pk])
    assert _api(welt.ek_a).post(url, format="json").status_code == 403
    response = _api(welt.bea).post(url, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "zurueckgezogen"
    assert Bewerbung.objects.get(pk=welt.bewerbung_a.pk).status == "zurueckgezogen"


# --- assignments ---------------------------------------------------------------------------


def test_the_volunteer_pauses_the_assignment_and_another_shelter_cannot(welt):
    url = reverse("api:einsatz-status", args=[welt.einsatz_b.pk])
    assert _api(welt.ek_a).post(url, {"status": "beendet"}, format="json").status_code == 404
    assert _api(welt.rk_nord).post(url, {"status": "beendet"}, format="json").status_code == 404
    assert Einsatz.objects.get(pk=welt.einsatz_b.pk).status == "aktiv"

    response = _api(welt.hanna).post(url, {"status": "pausiert"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "pausiert"
    assert Einsatz.objects.get(pk=welt.einsatz_b.pk).status == "pausiert"


def test_an_ended_assignment_stays_ended(welt):
    url = reverse("api:einsatz-status", args=[welt.einsatz_b.pk])
    assert _api(welt.ek_b).post(url, {"status": "beendet"}, format="json").status_code == 200
    response = _api(welt.hanna).post(url, {"status": "aktiv"}, format="json")
    assert response.status_code == 400
    assert "bereits beendet" in " ".join(response.json()["non_field_errors"])
    assert Einsatz.objects.get(pk=welt.einsatz_b.pk).status == "beendet"


def test_assignments_are_listed_for_the_volunteer_and_the_shelter_only(welt):
    assert _ids(_api(welt.ek_b).get(reverse("api:einsatz-list"))) == [welt.einsatz_b.pk]
    for fremd in (welt.ek_a, welt.rk_nord, welt.rk_suedost, welt.bea):
        assert _api(fremd).get(reverse("api:einsatz-list")).json()["results"] == []
    detail = reverse("api:einsatz-detail", args=[welt.einsatz_b.pk])
    assert _api(welt.rk_suedost).get(detail).status_code == 404


# --- hours ---------------------------------------------------------------------------------


def _stunden(client, welt, datum, stunden):
    return client.post(
        reverse("api:stundeneintrag-list"),
        {"einsatz": welt.einsatz_b.pk, "datum": datum.isoformat(), "stunden": stunden},
        format="json",
    )


def test_the_volunteer_logs_hours_unconfirmed(welt):
    gestern = timezone.localdate() - timedelta(days=1)
    response = _stunden(_api(welt.hanna), welt, gestern, "3.5")
    assert response.status_code == 201, response.json()
    eintrag = Stundeneintrag.objects.get(pk=response.json()["id"])
    assert (eintrag.datum, str(eintrag.stunden), eintrag.erfasst_von) == (
        gestern,
        "3.50",
        welt.hanna,
    )
    assert eintrag.bestaetigt_am is None
    assert response.json()["bestaetigt_am"] is None


def test_hours_in_the_future_are_refused_and_nothing_is_stored(welt):
    vorher = Stundeneintrag.objects.count()
    response = _stunden(_api(welt.hanna), welt, timezone.localdate() + timedelta(days=1), "2")
    assert response.status_code == 400
    assert "Zukunft" in " ".join(response.json()["datum"])
    assert Stundeneintrag.objects.count() == vorher


def test_a_day_holds_at_most_24_hours(welt):
    vorher = Stundeneintrag.objects.count()
    response = _stunden(_api(welt.hanna), welt, welt.stunden_b.datum, "23")
    assert response.status_code == 400
    meldung = " ".join(response.json()["stunden"])
    assert "24" in meldung
    assert "schon 2 Stunden" in meldung
    assert Stundeneintrag.objects.count() == vorher
    assert _stunden(_api(welt.hanna), welt, welt.stunden_b.datum, "22").status_code == 201


def test_hours_before_the_assignment_began_or_of_zero_length_are_refused(welt):
    vorher = Stundeneintrag.objects.count()
    client = _api(welt.hanna)
    zu_frueh = _stunden(client, welt, welt.einsatz_b.beginn - timedelta(days=1), "1")
    assert zu_frueh.status_code == 400
    assert "hat erst am" in " ".join(zu_frueh.json()["datum"])
    assert _stunden(client, welt, welt.einsatz_b.beginn, "0").status_code == 400
    assert Stundeneintrag.objects.count() == vorher


def test_hours_cannot_be_logged_on_someone_elses_assignment(welt):
    vorher = Stundeneintrag.objects.count()
    gestern = timezone.localdate() - timedelta(days=1)
    # someone else's assignment answers like one that does not exist: no probing of ids
    for fremd in (welt.bea, welt.ek_a, welt.rk_suedost):
        response = _stunden(_api(fremd), welt, gestern, "1")
        assert response.status_code == 400
        assert "einsatz" in response.json()
    assert Stundeneintrag.objects.count() == vorher


def test_hours_the_coordination_logs_are_confirmed_at_once(welt):
    response = _stunden(_api(welt.ek_b), welt, timezone.localdate(), "1.5")
    assert response.status_code == 201, response.json()
    eintrag = Stundeneintrag.objects.get(pk=response.json()["id"])
    assert (eintrag.erfasst_von, eintrag.bestaetigt_von) == (welt.ek_b, welt.ek_b)
    assert eintrag.bestaetigt_am is not None


def test_only_the_shelters_coordination_confirms_hours(welt):
    url = reverse("api:stundeneintrag-bestaetigen", args=[welt.stunden_b.pk])
    assert _api(welt.hanna).post(url, format="json").status_code == 403
    assert _api(welt.ek_a).post(url, format="json").status_code == 404
    assert Stundeneintrag.objects.get(pk=welt.stunden_b.pk).bestaetigt_am is None

    response = _api(welt.ek_b).post(url, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["bestaetigt_am"]
    assert response.json()["bestaetigt_von"] == "Ben Birkenhain"
    eintrag = Stundeneintrag.objects.get(pk=welt.stunden_b.pk)
    assert (eintrag.bestaetigt_von, eintrag.bestaetigt_am is not None) == (welt.ek_b, True)
    nochmal = _api(welt.ek_b).post(url, format="json")
    assert nochmal.status_code == 400
    assert "bereits bestätigt" in " ".join(nochmal.json()["non_field_errors"])


def test_confirmed_hours_count_on_the_assignment(welt):
    detail = reverse("api:einsatz-detail", args=[welt.einsatz_b.pk])
    assert _api(welt.hanna).get(detail).json()["stunden_bestaetigt"] == "0.00"
    url = reverse("api:stundeneintrag-bestaetigen", args=[welt.stunden_b.pk])
    assert _api(welt.ek_b).post(url, format="json").status_code == 200
    assert _api(welt.hanna).get(detail).json()["stunden_bestaetigt"] == "2.00"


def test_hours_are_listed_for_the_volunteer_and_the_shelter_only(welt):
    for sieht in (welt.hanna, welt.ek_b):
        assert _ids(_api(sieht).get(reverse("api:stundeneintrag-list"))) == [welt.stunden_b.pk]
    for fremd in (welt.ek_a, welt.rk_suedost, welt.freiwillig):
        assert _api(fremd).get(reverse("api:stundeneintrag-list")).json()["results"] == []


# --- matching ------------------------------------------------------------------------------


def test_candidates_show_first_names_reasons_and_points_only(welt):
    response = _api(welt.ek_a).get(reverse("api:kandidaten", args=[welt.bedarf_a.pk]))
    assert response.status_code == 200
    kandidaten = response.json()["results"]
    # Finn is banned at shelter A and never proposed
    assert sorted(k["vorname"] for k in kandidaten) == ["Bea", "Hanna"]
    for kandidat in kandidaten:
        assert isinstance(kandidat["punkte"], int)
        assert kandidat["gruende"]
        assert all(isinstance(grund, str) for grund in kandidat["gruende"])
    bea = next(k for k in kandidaten if k["vorname"] == "Bea")
    assert bea["hat_sich_beworben"] is True
    assert "wohnt in Pankow" in bea["gruende"]
    text = response.content.decode()
    for geheim in (
        "Bewerberin",
        "Helferin",
        "Freiwillig",
        "bea@test.invalid",
        "hanna@test.invalid",
        "Grund-A-vertraulich",
    ):
        assert geheim not in text


def test_candidates_are_for_the_shelters_coordination_only(welt):
    url = reverse("api:kandidaten", args=[welt.bedarf_a.pk])
    assert _api(welt.rk_nord).get(url).status_code == 403
    assert _api(welt.ek_b).get(url).status_code == 404
    assert _api(welt.bea).get(url).status_code == 404
    assert _api().get(url).status_code == 401


def test_a_volunteer_gets_matching_needs_with_reasons(welt):
    response = _api(welt.hanna).get(reverse("api:passende-bedarfe"))
    assert response.status_code == 200
    bedarfe = response.json()["results"]
    # her own shelter's need is taken (accepted); the paused ones are not offered
    assert [b["bedarf"] for b in bedarfe] == [welt.bedarf_a.pk]
    assert bedarfe[0]["unterkunft"] == "Unterkunft Ahornhof"
    assert "Mi 16–18 passt" in bedarfe[0]["gruende"]
    assert "Geheimweg" not in response.content.decode()


def test_matching_needs_leave_out_banned_shelters_and_own_applications(welt):
    response = _api(welt.freiwillig).get(reverse("api:passende-bedarfe"))
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_matching_needs_need_a_profile(welt):
    assert _api(welt.ek_a).get(reverse("api:passende-bedarfe")).status_code == 404


@pytest.mark.parametrize(
    "name",
    ["api:profil", "api:bewerbung-list", "api:einsatz-list", "api:stundeneintrag-list"],
)
def test_regional_coordination_sees_no_personal_volunteer_data(welt, name):
    response = _api(welt.rk_nord).get(reverse(name))
    if name == "api:profil":
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert response.json()["results"] == []
