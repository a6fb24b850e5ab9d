"""The OpenAPI schema says what the answers contain: names that can be missing are
nullable, times and links have the shape they are sent in, refusals are documented with
their body, and the query parameters it documents are checked as documented."""

import pytest

from tests.api_schema import api_schema, entspricht_schema, feld_schema

pytestmark = [pytest.mark.django_db, pytest.mark.zeitlos]

JSON = "application/json"


def test_a_call_for_helpers_names_no_shelter_and_the_schema_allows_it(welt_netzwerk, client_als):
    aufruf = welt_netzwerk.aufruf_alpha
    pfad = "/api/v1/bedarfe/{id}/"
    url = f"/api/v1/bedarfe/{aufruf.pk}/"
    assert feld_schema("Bedarf", "unterkunft_name").get("nullable") is True

    daten = entspricht_schema(client_als(None).get(url), pfad, "get")
    assert daten["unterkunft_name"] is None
    # the answer to a partial update carries the name too (DRF would leave it out)
    antwort = client_als(welt_netzwerk.org_a).patch(url, {"titel": "Sprachcafé"}, content_type=JSON)
    assert antwort.status_code == 200
    assert entspricht_schema(antwort, pfad, "patch")["unterkunft_name"] is None


def test_an_application_names_no_shelter_or_actor_where_there_is_none(welt_netzwerk, client_als):
    from freiwillige.models import Verlaufseintrag

    bewerbung = welt_netzwerk.bewerbung_aufruf
    Verlaufseintrag.objects.create(bewerbung=bewerbung, nach_status="offen", akteur=None)
    assert feld_schema("Bewerbung", "unterkunft").get("nullable") is True
    assert feld_schema("Verlauf", "akteur").get("nullable") is True

    antwort = client_als(welt_netzwerk.freiwillig).get(f"/api/v1/bewerbungen/{bewerbung.pk}/")
    daten = entspricht_schema(antwort, "/api/v1/bewerbungen/{id}/", "get")
    assert daten["unterkunft"] is None
    assert [eintrag["akteur"] for eintrag in daten["verlauf"]] == [None]


def test_hours_nobody_confirmed_yet_name_no_confirmer(welt, client_als):
    stunden = welt.stunden_b
    assert feld_schema("Stundeneintrag", "bestaetigt_von").get("nullable") is True

    antwort = client_als(welt.ek_b).get(f"/api/v1/stunden/{stunden.pk}/")
    assert entspricht_schema(antwort, "/api/v1/stunden/{id}/", "get")["bestaetigt_von"] is None


def test_times_are_local_and_an_empty_link_is_allowed(welt, client_als):
    """A jour fixe meets at 10:00 Berlin time whatever the season: no offset, which
    ``format: time`` (RFC 3339's full-time) would require; no link is an empty text."""
    assert feld_schema("JourFixeSerie", "beginn").get("format") != "time"
    rk = client_als(welt.rk_nord)

    serie = rk.get(f"/api/v1/jourfixe/serien/{welt.serie_nord.pk}/")
    assert entspricht_schema(serie, "/api/v1/jourfixe/serien/{id}/", "get")["beginn"] == "10:00:00"
    termin = rk.get(f"/api/v1/jourfixe/termine/{welt.termin_nord.pk}/")
    assert entspricht_schema(termin, "/api/v1/jourfixe/termine/{id}/", "get")["online_link"] == ""


def test_an_empty_patch_leaves_an_action_item_as_it_was(welt, client_als):
    aufgabe = welt.aufgabe_nord
    vorher = (aufgabe.status, aufgabe.abgeschlossen_am, aufgabe.updated_at)

    antwort = client_als(welt.ek_a).patch(
        f"/api/v1/jourfixe/aufgaben/{aufgabe.pk}/", {}, content_type=JSON
    )

    daten = entspricht_schema(antwort, "/api/v1/jourfixe/aufgaben/{id}/", "patch")
    assert antwort.status_code == 200
    assert daten["status"] == "offen"
    aufgabe.refresh_from_db()
    assert (aufgabe.status, aufgabe.abgeschlossen_am, aufgabe.updated_at) == vorher


@pytest.mark.parametrize(
    "abfrage", ["page_size=null", "page_size=0", "page_size=2.5", "page=null", "page=0"]
)
def test_a_page_or_size_that_is_no_whole_number_from_one_answers_400(welt, client_als, abfrage):
    antwort = client_als(welt.freiwillig).get(f"/api/v1/bedarfe/?{abfrage}")

    assert antwort.status_code == 400
    assert antwort["Content-Type"].startswith(JSON)
    name = abfrage.split("=")[0]
    assert f"„{name}“" in entspricht_schema(antwort, "/api/v1/bedarfe/", "get")["detail"]


def test_a_page_past_the_last_answers_the_documented_404(welt, client_als):
    antwort = client_als(welt.freiwillig).get("/api/v1/bedarfe/?page=99")

    assert antwort.status_code == 404
    assert entspricht_schema(antwort, "/api/v1/bedarfe/", "get")["detail"]


def test_a_request_without_login_answers_the_documented_401(welt, client_als):
    dokumentiert = api_schema()["paths"]["/api/v1/bewerbungen/"]["get"]["responses"]["401"]
    assert dokumentiert["content"][JSON]["schema"] == {"$ref": "#/components/schemas/Fehler"}
    assert api_schema()["components"]["schemas"]["Fehler"]["required"] == ["detail"]

    antwort = client_als(None).get("/api/v1/bewerbungen/")

    assert antwort.status_code == 401
    assert antwort["WWW-Authenticate"].startswith("Token")
    assert entspricht_schema(antwort, "/api/v1/bewerbungen/", "get")["detail"]


def test_a_language_code_with_a_nul_character_is_unknown(welt, client_als):
    """PostgreSQL cannot compare a text column with it: without the check, a 500."""
    daten = {"sprachkenntnisse": [{"sprache": "a\x00", "niveau": 1}]}

    antwort = client_als(welt.freiwillig).patch("/api/v1/profil/", daten, content_type=JSON)

    assert antwort.status_code == 400
    assert entspricht_schema(antwort, "/api/v1/profil/", "patch")["sprachkenntnisse"]
