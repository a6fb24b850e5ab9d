"""The client address behind (or without) reverse proxies: one rule for the login lockout,
the API throttle and the rate limits, which a client cannot steer with X-Forwarded-For."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from common.drosselung import client_adresse
from tests.factories import PASSWORT, UserFactory

pytestmark = pytest.mark.zeitlos

ROOT = Path(settings.BASE_DIR)
PROXY = "10.0.0.2"


def _adresse(remote, xff=None):
    extra = {"HTTP_X_FORWARDED_FOR": xff} if xff is not None else {}
    return client_adresse(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_connecting_address_is_the_client(settings):
    settings.TRUSTED_PROXIES = []
    assert _adresse("198.51.100.7", "203.0.113.9") == "198.51.100.7"


def test_behind_a_trusted_proxy_the_address_it_saw_is_the_client(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert _adresse(PROXY, "198.51.100.7") == "198.51.100.7"


def test_a_spoofed_left_most_entry_is_ignored(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert _adresse(PROXY, "203.0.113.9, 198.51.100.7") == "198.51.100.7"


def test_proxies_of_a_trusted_network_are_skipped_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert _adresse(PROXY, "203.0.113.9, 198.51.100.7, 10.0.0.3") == "198.51.100.7"


def test_a_client_that_is_no_proxy_cannot_name_another_address(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert _adresse("198.51.100.7", "203.0.113.9") == "198.51.100.7"


def test_a_garbled_forwarded_header_leaves_the_proxy_as_the_client(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    assert _adresse(PROXY, "kein-ip") == PROXY
    assert _adresse(PROXY) == PROXY


# --- the login lockout ----------------------------------------------------------------------

#: nothing in front of the site, and a proxy configured that this client does not come through
OHNE_PROXY = pytest.mark.parametrize("proxies", [[], [PROXY]], ids=["ohne-proxy", "fremder-proxy"])


def _wechselnd(nummer):
    """What a client rotating X-Forwarded-For sends: a new address on every attempt."""
    return {"REMOTE_ADDR": "198.51.100.7", "HTTP_X_FORWARDED_FOR": f"203.0.113.{nummer}"}


@OHNE_PROXY
def test_rotating_x_forwarded_for_does_not_escape_the_login_lockout(db, client, settings, proxies):
    settings.TRUSTED_PROXIES = proxies
    UserFactory(email="lea@test.invalid")
    url = reverse("konten:login")
    for nummer in range(5):
        client.post(url, {"username": "lea@test.invalid", "password": "x"}, **_wechselnd(nummer))
    response = client.post(
        url, {"username": "lea@test.invalid", "password": PASSWORT}, **_wechselnd(9)
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@OHNE_PROXY
def test_rotating_x_forwarded_for_does_not_escape_the_token_lockout(db, client, settings, proxies):
    from konten.models import ApiZugang

    settings.TRUSTED_PROXIES = proxies
    UserFactory(email="lea@test.invalid")
    url = reverse("api:token")
    daten = {"email": "lea@test.invalid", "name": "App"}
    for nummer in range(5):
        client.post(url, {**daten, "password": "x"}, **_wechselnd(nummer))
    response = client.post(url, {**daten, "password": PASSWORT}, **_wechselnd(9))
    assert response.status_code == 429
    assert "detail" in response.json()
    assert not ApiZugang.objects.exists()


def test_behind_a_trusted_proxy_each_client_has_its_own_lockout(db, client, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    UserFactory(email="lea@test.invalid")
    url = reverse("konten:login")
    ueber_proxy = {"REMOTE_ADDR": PROXY}
    for _ in range(5):
        client.post(
            url,
            {"username": "lea@test.invalid", "password": "x"},
            HTTP_X_FORWARDED_FOR="203.0.113.9",
            **ueber_proxy,
        )
    gesperrt = client.post(
        url,
        {"username": "lea@test.invalid", "password": PASSWORT},
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9",  # a spoofed entry in front changes nothing
        **ueber_proxy,
    )
    assert gesperrt.status_code == 429
    anderer = client.post(
        url,
        {"username": "lea@test.invalid", "password": PASSWORT},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **ueber_proxy,
    )
    assert anderer.status_code == 302


def test_the_api_throttle_counts_the_client_not_its_forwarded_header(db, client, settings):
    settings.TRUSTED_PROXIES = []
    url = reverse("api:token")
    antworten = [
        client.post(url, {"email": f"p{n}@test.invalid", "password": "x"}, **_wechselnd(n))
        for n in range(11)
    ]
    assert [a.status_code for a in antworten[:10]] == [400] * 10
    assert antworten[10].status_code == 429
    assert "detail" in antworten[10].json()
    assert int(antworten[10]["Retry-After"]) > 0


# --- the configuration that ships -----------------------------------------------------------


def test_the_example_environment_trusts_no_proxy_as_the_compose_file_runs_none():
    beispiel = (ROOT / ".env.example").read_text()
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "DJANGO_PROXY_COUNT" not in beispiel
    assert re.search(r"^DJANGO_TRUSTED_PROXIES=$", beispiel, re.M)
    dienste = re.findall(r"^  ([a-z-]+):$", compose, re.M)
    assert not {"nginx", "caddy", "traefik", "proxy"} & set(dienste)
