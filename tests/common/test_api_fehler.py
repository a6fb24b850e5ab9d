"""Every answer under /api/ that is not a success is JSON ``{"detail": …}``: an unknown
address, a wrong method, a throttled request and a locked-out login alike."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.zeitlos]


def _detail(antwort, status):
    assert antwort.status_code == status
    assert antwort["Content-Type"].startswith("application/json")
    assert antwort.json()["detail"]
    return antwort


@pytest.mark.parametrize(
    "methode, pfad",
    [
        ("get", "/api/v1/gibt-es-nicht/"),
        ("post", "/api/v1/gibt-es-nicht/"),
        ("get", "/api/v2/"),
        ("get", "/api/gibt-es-nicht"),
    ],
)
def test_an_unknown_api_address_answers_json_404(methode, pfad):
    _detail(getattr(Client(), methode)(pfad), 404)


@pytest.mark.parametrize(
    "methode, pfad",
    [
        ("get", "/api/v1/auth/token/"),
        ("put", "/api/v1/auth/token/"),
        ("post", "/api/schema/"),
        ("post", "/api/docs/"),
        ("delete", "/api/v1/regionen/"),
    ],
)
def test_a_wrong_method_on_an_api_address_answers_json_405(methode, pfad):
    client = Client()
    if pfad == "/api/v1/regionen/":
        from tests.factories import UserFactory

        client.force_login(UserFactory(is_staff=True, is_superuser=True))
    _detail(getattr(client, methode)(pfad), 405)


def test_an_api_error_answers_json_to_a_browser_too():
    antwort = Client().get(reverse("api:token"), HTTP_ACCEPT="text/html")
    _detail(antwort, 405)


def test_a_throttled_api_request_answers_json_429():
    client = Client()
    for nummer in range(10):
        client.post(reverse("api:token"), {"email": f"p{nummer}@test.invalid", "password": "x"})
    antwort = _detail(client.post(reverse("api:token"), {"email": "x@test.invalid"}), 429)
    assert int(antwort["Retry-After"]) > 0


def test_a_locked_out_api_login_answers_json_429():
    client = Client()
    daten = {"email": "lea@test.invalid", "password": "falsch", "name": "App"}
    for _ in range(5):
        client.post(reverse("api:token"), daten)
    antwort = _detail(client.post(reverse("api:token"), daten), 429)
    assert int(antwort["Retry-After"]) == 15 * 60
