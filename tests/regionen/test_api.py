"""The regions API: scoped like the pages, token or session authentication, pagination."""

from django.urls import reverse
from rest_framework.test import APIClient

from konten.models import ApiZugang
from tests.factories import PASSWORT, BezirkFactory


def _api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_a_token_is_issued_for_email_and_password_and_works(welt):
    client = APIClient()
    response = client.post(
        reverse("api:token"),
        {"email": welt.rk_nord.email, "password": PASSWORT, "name": "Laptop"},
        format="json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert ApiZugang.objects.get(user=welt.rk_nord).name == "Laptop"
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    regionen = client.get(reverse("api:region-list")).json()
    assert [r["name"] for r in regionen["results"]] == ["Berlin-Nord"]


def test_a_wrong_password_gets_no_token_and_a_clear_message(welt):
    response = APIClient().post(
        reverse("api:token"),
        {"email": welt.rk_nord.email, "password": "falsch", "name": "Laptop"},
        format="json",
    )
    assert response.status_code == 400
    assert "stimmen nicht" in str(response.json())


def test_without_credentials_the_api_answers_401(welt):
    response = APIClient().get(reverse("api:region-list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_coordinator_may_read_but_not_change_its_region(welt):
    url = reverse("api:region-detail", args=[welt.nord.pk])
    client = _api(welt.rk_nord)
    assert client.get(url).json()["bezirke"][0]["name"] == "Pankow"
    assert client.patch(url, {"name": "X"}, format="json").status_code == 403
    assert _api(welt.rk_suedost).patch(url, {"name": "X"}, format="json").status_code == 404
    welt.nord.refresh_from_db()
    assert welt.nord.name == "Berlin-Nord"


def test_an_admin_changes_a_region_through_the_api(welt):
    url = reverse("api:region-detail", args=[welt.nord.pk])
    response = _api(welt.admin).patch(url, {"name": "Nord-West"}, format="json")
    assert response.status_code == 200
    welt.nord.refresh_from_db()
    assert welt.nord.name == "Nord-West"


def test_pages_are_capped_at_the_maximum_page_size(welt):
    BezirkFactory.create_batch(120, region=welt.nord)
    data = _api(welt.freiwillig).get(reverse("api:bezirk-list"), {"page_size": 1000}).json()
    assert data["count"] == 122
    assert len(data["results"]) == 100
    assert data["next"]


def test_the_own_account_can_be_read_and_its_language_changed(welt):
    client = _api(welt.freiwillig)
    assert client.get(reverse("api:konto")).json()["rollen"] == ["freiwillige"]
    response = client.patch(
        reverse("api:konto"), {"sprache": "en", "email": "x@y.invalid"}, format="json"
    )
    assert response.status_code == 200
    welt.freiwillig.refresh_from_db()
    assert (welt.freiwillig.sprache, welt.freiwillig.email) == ("en", "freiwillig@test.invalid")


def test_a_hidden_parent_region_is_neither_shown_nor_usable_as_filter(welt):
    client = _api(welt.rk_nord)
    detail = client.get(reverse("api:region-detail", args=[welt.nord.pk])).json()
    assert detail["oberregion"] is None
    hidden = client.get(reverse("api:region-list"), {"oberregion": welt.berlin.pk})
    missing = client.get(reverse("api:region-list"), {"oberregion": 999999})
    assert hidden.status_code == missing.status_code == 400
    assert (
        _api(welt.admin).get(reverse("api:region-detail", args=[welt.nord.pk])).json()["oberregion"]
        == welt.berlin.pk
    )
