"""The street address: the shelter's coordination, its regional coordination and admins
see it; everyone else sees the district, in pages, API, exports and search results."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

ADRESSE_A = "Geheimweg 1"
ADRESSE_B = "Verborgene Straße 2"


@pytest.mark.parametrize("persona", ["admin", "rk_nord", "ek_a"])
def test_the_shelter_page_shows_the_address_to_those_responsible(persona, welt, client_als):
    page = client_als(welt.personas[persona]).get(
        reverse("unterkuenfte:detail", args=[welt.unterkunft_a.pk])
    )
    assert ADRESSE_A in page.content.decode()


@pytest.mark.parametrize("persona", ["anonym", "freiwillig", "ek_b", "rk_suedost", "verwaltung"])
def test_the_board_and_need_pages_show_the_district_and_never_the_address(
    persona, welt, client_als
):
    client = client_als(welt.personas[persona])
    for url in [
        reverse("unterkuenfte:board"),
        reverse("unterkuenfte:bedarf", args=[welt.bedarf_a.pk]),
    ]:
        body = client.get(url).content.decode()
        assert "Pankow" in body
        assert ADRESSE_A not in body and "Geheimweg" not in body


def test_the_api_gives_the_address_only_within_the_workspace(welt):
    def unterkunft(user, pk):
        client = APIClient()
        client.force_authenticate(user)
        return client.get(reverse("api:unterkunft-detail", args=[pk]))

    assert unterkunft(welt.ek_a, welt.unterkunft_a.pk).json()["adresse"]["strasse"] == ADRESSE_A
    assert unterkunft(welt.rk_nord, welt.unterkunft_a.pk).json()["adresse"]["plz"] == "10115"
    assert unterkunft(welt.ek_b, welt.unterkunft_a.pk).status_code == 404
    assert unterkunft(welt.freiwillig, welt.unterkunft_a.pk).status_code == 404


@pytest.mark.parametrize("persona", ["anonym", "freiwillig", "ek_a", "admin"])
def test_needs_in_the_api_carry_the_district_and_no_address(persona, welt):
    client = APIClient()
    if welt.personas[persona]:
        client.force_authenticate(welt.personas[persona])
    body = client.get(reverse("api:bedarf-list")).content.decode()
    assert "Pankow" in body
    assert "Geheimweg" not in body and "Verborgene" not in body


def test_the_shelter_export_has_addresses_of_the_own_region_only(welt, client_als):
    export = client_als(welt.rk_nord).get(reverse("unterkuenfte:liste"), {"format": "csv"})
    assert export["Content-Type"].startswith("text/csv")
    text = export.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert ADRESSE_A in text
    assert ADRESSE_B not in text and "Birkenhain" not in text


@pytest.mark.parametrize("persona", ["anonym", "freiwillig", "ek_a"])
def test_the_board_export_has_no_address(persona, welt, client_als):
    export = client_als(welt.personas[persona]).get(
        reverse("unterkuenfte:board"), {"format": "csv"}
    )
    text = export.content.decode("utf-8")
    assert "Deutsch am Abend" in text and "Pankow" in text
    assert "Geheimweg" not in text and "Verborgene" not in text


def test_searching_the_board_for_a_street_finds_nothing(welt, client):
    by_street = client.get(reverse("unterkuenfte:board"), {"q": "Geheimweg"}).content.decode()
    assert "Deutsch am Abend" not in by_street
    api = APIClient().get(reverse("api:bedarf-list"), {"q": "Geheimweg"}).json()
    assert api["count"] == 0
    by_name = client.get(reverse("unterkuenfte:board"), {"q": "Ahornhof"}).content.decode()
    assert "Deutsch am Abend" in by_name
