"""The shelter profile: bad input is refused with a reason and changes nothing."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from unterkuenfte.models import Unterkunft


@pytest.fixture
def welt(welt_grundlage):
    """These tests read only regions, shelters, needs, the ban and the personas."""
    return welt_grundlage


def _profil(welt, **werte):
    u = welt.unterkunft_a
    daten = {
        "beschreibung": u.beschreibung,
        "kapazitaet": u.kapazitaet,
        "belegung": u.belegung,
        "status": u.status,
        "strasse": u.strasse,
        "plz": u.plz,
        "ort": u.ort,
        "ek_name": "",
        "ek_email": "",
        "ek_telefon": "",
        "in_betrieb_seit": "",
        "schliessung_am": "",
    }
    daten.update(werte)
    return daten


def _speichern(welt, client_als, **werte):
    return client_als(welt.ek_a).post(
        reverse("unterkuenfte:bearbeiten", args=[welt.unterkunft_a.pk]), _profil(welt, **werte)
    )


def test_the_coordination_updates_occupancy_and_languages(welt, client_als):
    response = _speichern(welt, client_als, belegung=180)
    assert response.status_code == 302
    assert Unterkunft.objects.get(pk=welt.unterkunft_a.pk).belegung == 180


def test_a_negative_capacity_is_refused(welt, client_als):
    response = _speichern(welt, client_als, kapazitaet=-5)
    assert "größer oder gleich 0" in response.content.decode()
    assert Unterkunft.objects.get(pk=welt.unterkunft_a.pk).kapazitaet == 200


def test_an_occupancy_above_capacity_is_refused(welt, client_als):
    response = _speichern(welt, client_als, belegung=260)
    assert "kann nicht über der Kapazität (200) liegen" in response.content.decode()
    assert Unterkunft.objects.get(pk=welt.unterkunft_a.pk).belegung == 150


def test_a_closing_date_before_the_opening_is_refused(welt, client_als):
    response = _speichern(
        welt, client_als, in_betrieb_seit="2024-05-01", schliessung_am="2024-01-01"
    )
    assert "Die Schließung kann nicht vor der Inbetriebnahme liegen." in response.content.decode()


def test_the_api_refuses_bad_values_with_a_reason_and_changes_nothing(welt):
    client = APIClient()
    client.force_authenticate(welt.ek_a)
    url = reverse("api:unterkunft-detail", args=[welt.unterkunft_a.pk])
    zu_voll = client.patch(url, {"belegung": 999}, format="json", HTTP_ACCEPT_LANGUAGE="de")
    assert zu_voll.status_code == 400
    assert "über der Kapazität" in str(zu_voll.json())
    sprache = client.patch(url, {"sprachen": ["ar", "xx"]}, format="json")
    assert sprache.status_code == 400
    assert "xx" in str(sprache.json())
    unterkunft = Unterkunft.objects.get(pk=welt.unterkunft_a.pk)
    assert (unterkunft.belegung, unterkunft.sprachen.count()) == (150, 0)


def test_a_regional_coordinator_cannot_change_the_profile_through_the_api(welt):
    client = APIClient()
    client.force_authenticate(welt.rk_nord)
    url = reverse("api:unterkunft-detail", args=[welt.unterkunft_a.pk])
    assert client.patch(url, {"belegung": 10}, format="json").status_code == 403


def test_the_api_refuses_a_closing_date_before_the_opening(welt):
    client = APIClient()
    client.force_authenticate(welt.ek_a)
    url = reverse("api:unterkunft-detail", args=[welt.unterkunft_a.pk])
    client.patch(url, {"in_betrieb_seit": "2020-01-01"}, format="json")
    response = client.patch(url, {"schliessung_am": "2000-01-01"}, format="json")
    assert response.status_code == 400
    assert "vor der Inbetriebnahme" in str(response.json())
    assert Unterkunft.objects.get(pk=welt.unterkunft_a.pk).schliessung_am is None


def test_the_languages_and_requirements_are_named_groups_of_checkboxes(welt, client_als):
    page = client_als(welt.ek_a).get(
        reverse("unterkuenfte:bearbeiten", args=[welt.unterkunft_a.pk])
    )
    body = page.content.decode()
    assert "<legend" in body and "Sprachen der Bewohner*innen</legend>" in body
    assert 'for=""' not in body


def test_the_regional_start_page_counts_shelters_and_open_needs(welt, client_als):
    body = client_als(welt.rk_nord).get(reverse("start")).content.decode()
    assert "1 Unterkunft in Betrieb" in body and "1 offener Bedarf" in body
