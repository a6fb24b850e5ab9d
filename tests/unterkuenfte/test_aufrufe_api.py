"""Calls for helpers (Aufrufe) through the API: read on the public needs endpoint, changed by
the organisation's contacts only, applied to and accepted like a shelter's need, and the
assignment that follows names the organisation instead of a shelter address."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from common.models import Notice
from freiwillige import services
from freiwillige.models import Bewerbung, Einsatz
from netzwerk.models import Organisation
from tests.unterkuenfte import test_aufrufe as aufrufe
from unterkuenfte.models import Bedarf

pytestmark = pytest.mark.django_db

TITEL_AR, BESCHREIBUNG_AR = aufrufe.TITEL_AR, aufrufe.BESCHREIBUNG_AR

# the organisation, its contact, its calls and the volunteer of the page tests
pankow = aufrufe.pankow
neukoelln = aufrufe.neukoelln
org = aufrufe.org
kontakt = aufrufe.kontakt
aufruf = aufrufe.aufruf
aufruf_pausiert = aufrufe.aufruf_pausiert
samira = aufrufe.samira


def _api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _zeilen(response) -> dict:
    assert response.status_code == 200, response.content[:300]
    return {zeile["id"]: zeile for zeile in response.json()["results"]}


def _detail(bedarf) -> str:
    return reverse("api:bedarf-detail", args=[bedarf.pk])


def _stand(bedarf) -> tuple:
    bedarf.refresh_from_db()
    return bedarf.titel, bedarf.beschreibung, bedarf.uebersetzungen, bedarf.status


# --- reading ---------------------------------------------------------------------------------


def test_anonymous_readers_get_the_call_with_its_organisation_district_and_translations(
    welt, org, aufruf, aufruf_pausiert
):
    zeilen = _zeilen(_api().get(reverse("api:bedarf-list")))
    assert aufruf_pausiert.pk not in zeilen
    assert welt.bedarf_a.pk in zeilen  # the shelters' needs stay on the board beside it
    zeile = zeilen[aufruf.pk]
    assert zeile["titel"] == "Sprachcafé für Familien"
    assert zeile["organisation"] == org.pk
    assert zeile["unterkunft"] is None
    assert zeile["unterkunft_name"] is None
    assert zeile["anbieter_name"] == "Al-Nour e. V."
    assert zeile["bezirk"] == "Pankow"
    assert zeile["region"] == welt.nord.pk
    assert zeile["uebersetzungen"] == {"ar": {"titel": TITEL_AR, "beschreibung": BESCHREIBUNG_AR}}
    assert zeile["zeitfenster"] == [{"wochentag": 2, "von": "16:00:00", "bis": "18:00:00"}]
    assert "Breite Straße" not in str(zeile)

    shelter = zeilen[welt.bedarf_a.pk]
    assert (shelter["organisation"], shelter["anbieter_name"]) == (None, "Unterkunft Ahornhof")


def test_the_board_filters_find_the_call_by_organisation_name_and_district(
    welt, aufruf, pankow, neukoelln
):
    client = _api()
    assert list(_zeilen(client.get(reverse("api:bedarf-list"), {"q": "Al-Nour"}))) == [aufruf.pk]
    assert aufruf.pk in _zeilen(client.get(reverse("api:bedarf-list"), {"bezirk": pankow.pk}))
    assert aufruf.pk not in _zeilen(
        client.get(reverse("api:bedarf-list"), {"bezirk": neukoelln.pk})
    )


def test_a_paused_call_is_read_by_its_contacts_and_the_regions_coordination_only(
    welt, aufruf_pausiert, kontakt
):
    url = _detail(aufruf_pausiert)
    assert _api(kontakt).get(url).status_code == 200
    assert _api(welt.rk_nord).get(url).status_code == 200
    for fremd in (None, welt.org_a, welt.ek_a, welt.rk_suedost, welt.freiwillig):
        assert _api(fremd).get(url).status_code == 404


# --- changing ------------------------------------------------------------------------------


def test_the_contact_patches_the_call_and_its_translations(aufruf, kontakt):
    response = _api(kontakt).patch(
        _detail(aufruf),
        {
            "titel": "Sprachcafé für Eltern",
            "uebersetzungen": {"ar": {"titel": "مقهى اللغة للآباء"}, "uk": {"titel": "Мовне кафе"}},
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["uebersetzungen"] == {
        "ar": {"titel": "مقهى اللغة للآباء"},
        "uk": {"titel": "Мовне кафе"},
    }
    titel, _beschreibung, uebersetzungen, _status = _stand(aufruf)
    assert titel == "Sprachcafé für Eltern"
    assert uebersetzungen == {"ar": {"titel": "مقهى اللغة للآباء"}, "uk": {"titel": "Мовне кафе"}}
    assert aufruf.organisation_id is not None and aufruf.unterkunft_id is None


def test_an_unsupported_language_is_refused_clearly_and_nothing_changes(aufruf, kontakt):
    vorher = _stand(aufruf)
    response = _api(kontakt).patch(
        _detail(aufruf),
        {"titel": "Geändert", "uebersetzungen": {"xx": {"titel": "Text"}}},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["uebersetzungen"] == [
        "Die Sprache „xx“ wird nicht unterstützt. Möglich sind: en, ar, fa, uk, ru, tr."
    ]
    assert _stand(aufruf) == vorher


def test_a_field_that_cannot_be_translated_is_refused_and_nothing_changes(aufruf, kontakt):
    vorher = _stand(aufruf)
    response = _api(kontakt).patch(
        _detail(aufruf), {"uebersetzungen": {"ar": {"status": "مغلق"}}}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["uebersetzungen"] == [
        "Diese Felder lassen sich nicht übersetzen: status."
    ]
    assert _stand(aufruf) == vorher


def test_the_poster_cannot_be_switched_through_the_api(welt, org, aufruf, kontakt):
    response = _api(kontakt).patch(
        _detail(aufruf),
        {"organisation": welt.traeger_a.pk, "unterkunft": welt.unterkunft_a.pk},
        format="json",
    )
    assert response.status_code == 200
    aufruf.refresh_from_db()
    assert (aufruf.organisation, aufruf.unterkunft) == (org, None)


@pytest.mark.parametrize(
    ("persona", "offen", "pausiert"),
    [
        ("org_a", 403, 404),  # another organisation's contact
        ("ek_a", 403, 404),  # a shelter's coordination
        ("rk_nord", 403, 403),  # the region's network coordination looks on only
        ("rk_suedost", 403, 404),
        ("freiwillig", 403, 404),
    ],
)
def test_only_the_organisations_contacts_change_its_calls(
    welt, aufruf, aufruf_pausiert, persona, offen, pausiert
):
    client = _api(welt.personas[persona])
    vorher = (_stand(aufruf), _stand(aufruf_pausiert))
    assert client.patch(_detail(aufruf), {"titel": "Fremd"}, format="json").status_code == offen
    antwort = client.patch(_detail(aufruf_pausiert), {"titel": "Fremd"}, format="json")
    assert antwort.status_code == pausiert
    assert (_stand(aufruf), _stand(aufruf_pausiert)) == vorher


def test_anonymous_callers_cannot_patch_a_call(aufruf):
    vorher = _stand(aufruf)
    antwort = _api().patch(_detail(aufruf), {"titel": "Anonym"}, format="json")
    assert antwort.status_code == 401
    assert _stand(aufruf) == vorher


def test_a_contact_whose_organisation_lost_its_place_gets_a_clear_refusal(org, aufruf, kontakt):
    """The form refuses a call of an organisation without region and district with a sentence;
    the API must answer the same with a 400, not fail."""
    Organisation.objects.filter(pk=org.pk).update(region=None, bezirk=None)
    vorher = _stand(aufruf)
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(kontakt)
    response = client.patch(_detail(aufruf), {"titel": "Neuer Titel"}, format="json")
    assert response.status_code == 400
    assert "Tragen Sie im Steckbrief Ihrer Organisation zuerst Region oder Bezirk ein" in (
        response.content.decode()
    )
    assert _stand(aufruf) == vorher


# --- applying and accepting ------------------------------------------------------------------


def test_a_volunteer_applies_through_the_api_and_the_contact_accepts(
    welt, org, aufruf, kontakt, samira
):
    response = _api(samira).post(
        reverse("api:bewerbung-list"),
        {"bedarf": aufruf.pk, "nachricht": "Ich spreche Arabisch."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    daten = response.json()
    assert (daten["bedarf"], daten["anbieter"], daten["unterkunft"], daten["status"]) == (
        aufruf.pk,
        "Al-Nour e. V.",
        None,
        "offen",
    )
    bewerbung = Bewerbung.objects.get(pk=daten["id"])
    assert [n.empfaenger for n in Notice.objects.filter(art="bewerbung_eingegangen")] == [kontakt]

    # the contact lists it; other organisations and shelters do not see it
    liste = _zeilen(_api(kontakt).get(reverse("api:bewerbung-list")))
    assert liste[bewerbung.pk]["person"] == "Samira Saleh"
    annehmen = reverse("api:bewerbung-annehmen", args=[bewerbung.pk])
    for fremd in (welt.org_a, welt.ek_a, welt.rk_nord):
        assert bewerbung.pk not in _zeilen(_api(fremd).get(reverse("api:bewerbung-list")))
        assert _api(fremd).post(annehmen, format="json").status_code == 404
    assert _api(samira).post(annehmen, format="json").status_code == 403
    assert not Einsatz.objects.filter(bewerbung=bewerbung).exists()

    response = _api(kontakt).post(annehmen, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "angenommen"
    einsatz = Einsatz.objects.get(bewerbung=bewerbung)
    assert (einsatz.organisation, einsatz.unterkunft, einsatz.person) == (org, None, samira)
    assert Bedarf.objects.get(pk=aufruf.pk).anzahl_besetzt == 1


def test_a_call_requiring_a_police_clearance_names_it_when_accepting(aufruf, kontakt, samira):
    from tests.factories import fuehrungszeugnis_vermerken
    from unterkuenfte.models import Anforderungsart

    aufruf.zusaetzliche_anforderungen.set([Anforderungsart.objects.get(slug="fuehrungszeugnis")])
    bewerbung = services.bewerbung_anlegen(samira, aufruf)
    annehmen = reverse("api:bewerbung-annehmen", args=[bewerbung.pk])
    response = _api(kontakt).post(annehmen, format="json")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["„Erweitertes Führungszeugnis“ fehlt."]
    fuehrungszeugnis_vermerken(samira, timezone.localdate() - timedelta(days=10), kontakt)
    assert _api(kontakt).post(annehmen, format="json").status_code == 200


def test_a_volunteer_banned_at_a_shelter_applies_to_a_call_through_the_api(welt, aufruf):
    response = _api(welt.freiwillig).post(
        reverse("api:bewerbung-list"), {"bedarf": aufruf.pk}, format="json"
    )
    assert response.status_code == 201, response.json()
    abgewiesen = _api(welt.freiwillig).post(
        reverse("api:bewerbung-list"), {"bedarf": welt.bedarf_a.pk}, format="json"
    )
    assert abgewiesen.status_code == 400


# --- the assignment ---------------------------------------------------------------------------


@pytest.fixture
def einsatz(aufruf, kontakt, samira):
    return services.bewerbung_annehmen(services.bewerbung_anlegen(samira, aufruf), kontakt)


def test_the_assignment_names_the_organisation_and_no_address(welt, org, einsatz, samira, kontakt):
    for sieht in (samira, kontakt):
        zeilen = _zeilen(_api(sieht).get(reverse("api:einsatz-list")))
        zeile = zeilen[einsatz.pk]
        assert zeile["organisation"] == org.pk
        assert zeile["unterkunft"] is None
        assert zeile["anbieter_name"] == "Al-Nour e. V."
        assert zeile["unterkunft_name"] is None
        assert zeile["adresse"] is None
        assert zeile["bezirk"] == "Pankow"
        assert zeile["bedarf_titel"] == "Sprachcafé für Familien"
    detail = reverse("api:einsatz-detail", args=[einsatz.pk])
    for fremd in (welt.org_a, welt.ek_a, welt.rk_nord):
        assert _api(fremd).get(detail).status_code == 404


def test_the_contact_confirms_hours_and_the_volunteer_ends_the_assignment(
    aufruf, einsatz, samira, kontakt
):
    from django.utils import timezone

    response = _api(samira).post(
        reverse("api:stundeneintrag-list"),
        {"einsatz": einsatz.pk, "datum": timezone.localdate().isoformat(), "stunden": "1.5"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    eintrag = response.json()["id"]
    bestaetigen = reverse("api:stundeneintrag-bestaetigen", args=[eintrag])
    assert _api(samira).post(bestaetigen, format="json").status_code == 403
    response = _api(kontakt).post(bestaetigen, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["bestaetigt_von"] == "Amal Haddad"
    zeile = _zeilen(_api(samira).get(reverse("api:einsatz-list")))[einsatz.pk]
    assert zeile["stunden_bestaetigt"] == "1.50"

    response = _api(samira).post(
        reverse("api:einsatz-status", args=[einsatz.pk]), {"status": "beendet"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert Notice.objects.filter(empfaenger=kontakt, art="einsatz_beendet").exists()
    assert Bedarf.objects.get(pk=aufruf.pk).anzahl_besetzt == 0


def test_the_contact_gets_ranked_candidates_for_the_call(welt, aufruf, kontakt, samira):
    url = reverse("api:kandidaten", args=[aufruf.pk])
    response = _api(kontakt).get(url)
    assert response.status_code == 200
    kandidaten = {k["vorname"]: k for k in response.json()["results"]}
    assert "wohnt in Pankow" in kandidaten["Samira"]["gruende"]
    assert _api(welt.rk_nord).get(url).status_code == 403
    assert _api(welt.org_a).get(url).status_code == 404


def test_the_volunteers_matching_list_names_the_organisation(aufruf, samira, org):
    response = _api(samira).get(reverse("api:passende-bedarfe"))
    assert response.status_code == 200
    zeilen = {z["bedarf"]: z for z in response.json()["results"]}
    zeile = zeilen[aufruf.pk]
    assert (zeile["anbieter"], zeile["organisation"], zeile["unterkunft"], zeile["bezirk"]) == (
        "Al-Nour e. V.",
        org.pk,
        None,
        "Pankow",
    )
    assert "in Ihrem Bezirk" in zeile["gruende"]
