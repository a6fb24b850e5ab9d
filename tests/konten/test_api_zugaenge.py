"""API tokens: one per client with a name, expiring, listed under "Mein Konto" and revocable
there; signing out of the API, a new password and a deactivated account end them."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from konten.models import ApiZugang
from tests.bestaetigung import BESTAETIGT, frage
from tests.factories import PASSWORT, UserFactory

pytestmark = pytest.mark.django_db


def _token(user, name="Telefon", client=None):
    antwort = (client or APIClient()).post(
        reverse("api:token"),
        {"email": user.email, "password": PASSWORT, "name": name},
        format="json",
    )
    assert antwort.status_code == 200, antwort.content
    user.refresh_from_db()  # signing in may have rehashed the password
    return antwort.json()


def _mit(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def _konto(token):
    return _mit(token).get(reverse("api:konto"))


def _abgewiesen(antwort):
    assert antwort.status_code == 401, antwort.content
    assert antwort["Content-Type"] == "application/json"
    assert antwort.json()["detail"]


@pytest.mark.uhr("2026-11-18T10:00:00+01:00")
def test_a_token_names_its_client_and_its_expiry(settings):
    settings.API_TOKEN_GUELTIG_TAGE = 30
    lea = UserFactory(email="lea@test.invalid")
    antwort = _token(lea, "Auswertungsskript")
    assert antwort["ablauf"].startswith("2026-12-18T10:00")
    assert _konto(antwort["token"]).json()["email"] == "lea@test.invalid"
    assert ApiZugang.objects.get().name == "Auswertungsskript"


def test_each_client_gets_its_own_token_and_signing_in_again_replaces_only_its_own():
    lea = UserFactory()
    telefon = _token(lea, "Telefon")["token"]
    laptop = _token(lea, "Laptop")["token"]
    telefon_neu = _token(lea, "Telefon")["token"]
    assert _konto(laptop).status_code == 200
    assert _konto(telefon_neu).status_code == 200
    _abgewiesen(_konto(telefon))
    assert sorted(ApiZugang.objects.values_list("name", flat=True)) == ["Laptop", "Telefon"]


def test_a_token_request_without_a_name_is_refused_and_says_why():
    lea = UserFactory()
    antwort = APIClient().post(
        reverse("api:token"), {"email": lea.email, "password": PASSWORT}, format="json"
    )
    assert antwort.status_code == 400
    assert "name" in antwort.json()
    assert not ApiZugang.objects.exists()


def test_deleting_the_token_revokes_it_and_it_then_gets_401():
    token = _token(UserFactory())["token"]
    client = _mit(token)
    assert client.delete(reverse("api:token")).status_code == 204
    _abgewiesen(client.get(reverse("api:konto")))
    assert not ApiZugang.objects.exists()


@pytest.mark.uhr("2027-03-10T09:00:00+01:00")
def test_a_token_works_until_its_expiry_and_then_gets_401(settings):
    settings.API_TOKEN_GUELTIG_TAGE = 30
    token = _token(UserFactory())["token"]
    ablauf = ApiZugang.objects.get().expiry
    # 30 days on, across the change to summer time: 09:00 becomes 10:00 in Berlin
    assert ablauf.isoformat().startswith("2027-04-09T08:00")
    with time_machine.travel(ablauf - timedelta(minutes=1), tick=False):
        assert _konto(token).status_code == 200
    with time_machine.travel(ablauf + timedelta(seconds=1), tick=False):
        _abgewiesen(_konto(token))


def test_signing_out_of_the_api_revokes_every_token_of_the_person():
    lea, ben = UserFactory(), UserFactory()
    telefon, laptop = _token(lea, "Telefon")["token"], _token(lea, "Laptop")["token"]
    fremd = _token(ben)["token"]
    assert _mit(telefon).post(reverse("api:abmelden")).status_code == 204
    _abgewiesen(_konto(telefon))
    _abgewiesen(_konto(laptop))
    assert _konto(fremd).status_code == 200


def test_changing_the_password_revokes_every_token(client):
    lea = UserFactory()
    telefon, laptop = _token(lea, "Telefon")["token"], _token(lea, "Laptop")["token"]
    client.force_login(lea)
    antwort = client.post(
        reverse("konten:passwort_aendern"),
        {
            "old_password": PASSWORT,
            "new_password1": "Ein-ganz-neues-Passwort-7",
            "new_password2": "Ein-ganz-neues-Passwort-7",
        },
    )
    assert antwort.status_code == 302
    _abgewiesen(_konto(telefon))
    _abgewiesen(_konto(laptop))


def test_resetting_the_password_revokes_every_token(client, mailoutbox):
    lea = UserFactory(email="lea@test.invalid")
    telefon, laptop = _token(lea, "Telefon")["token"], _token(lea, "Laptop")["token"]
    client.post(reverse("konten:passwort_vergessen"), {"email": "lea@test.invalid"})
    link = re.search(r"https?://[^/\s]+(/\S+/passwort/neu/\S+)", mailoutbox[0].body).group(1)
    formular = client.get(link, follow=True).redirect_chain[-1][0]
    antwort = client.post(
        formular,
        {
            "new_password1": "Ein-ganz-neues-Passwort-7",
            "new_password2": "Ein-ganz-neues-Passwort-7",
        },
    )
    assert antwort.status_code == 302
    _abgewiesen(_konto(telefon))
    _abgewiesen(_konto(laptop))


def test_deactivating_the_account_in_the_admin_revokes_every_token(client, welt):
    lea = UserFactory(anzeigename="Lea")
    token = _token(lea)["token"]
    client.force_login(welt.admin)
    seite = reverse("admin:konten_user_change", args=[lea.pk])
    antwort = client.post(
        seite,
        {
            "email": lea.email,
            "anzeigename": "Lea",
            "sprache": "de",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "is_staff": "",
        },
    )
    assert antwort.status_code == 302, antwort.content.decode()[:2000]
    lea.refresh_from_db()
    assert not lea.is_active
    assert not ApiZugang.objects.filter(user=lea).exists()
    _abgewiesen(_konto(token))


def test_deactivating_the_account_in_code_revokes_every_token():
    lea = UserFactory()
    token = _token(lea)["token"]
    lea.is_active = False
    lea.save(update_fields=["is_active"])
    assert not ApiZugang.objects.exists()
    _abgewiesen(_konto(token))


def test_other_changes_to_the_account_keep_the_tokens():
    lea = UserFactory()
    token = _token(lea)["token"]
    lea.anzeigename = "Lea Neu"
    lea.save()
    assert _konto(token).status_code == 200


def test_a_locked_out_token_client_gets_json_not_a_page():
    lea = UserFactory(email="lea@test.invalid")
    client = APIClient()
    url = reverse("api:token")
    for _ in range(5):
        client.post(url, {"email": lea.email, "password": "falsch", "name": "App"}, format="json")
    antwort = client.post(url, {"email": lea.email, "password": PASSWORT, "name": "App"})
    assert antwort.status_code == 429
    assert antwort["Content-Type"] == "application/json"
    assert "Bitte warten Sie 15 Minuten" in antwort.json()["detail"]
    assert antwort["Retry-After"] == "900"
    assert not ApiZugang.objects.exists()


@pytest.mark.uhr("2026-11-18T10:00:00+01:00")
def test_the_account_page_lists_the_tokens_with_name_and_expiry(client):
    lea, ben = UserFactory(), UserFactory()
    _token(lea, "Telefon von Lea")
    _token(lea, "Auswertungsskript")
    _token(ben, "Bens Tablet")
    client.force_login(lea)
    seite = client.get(reverse("konten:api_zugaenge")).content.decode()
    assert "Telefon von Lea" in seite
    assert "Auswertungsskript" in seite
    assert "18.12.2026" in seite  # valid for 30 days
    assert "Bens Tablet" not in seite


def test_the_account_menu_leads_to_the_tokens(client):
    client.force_login(UserFactory())
    seite = client.get(reverse("konten:konto")).content.decode()
    assert f'href="{reverse("konten:api_zugaenge")}"' in seite


def test_revoking_a_token_on_the_page_asks_first_and_then_ends_it(client):
    lea = UserFactory()
    telefon = _token(lea, "Telefon")["token"]
    laptop = _token(lea, "Laptop")["token"]
    zugang = ApiZugang.objects.get(name="Telefon")
    client.force_login(lea)
    url = reverse("konten:api_zugang_widerrufen", args=[zugang.pk])

    assert "Den API-Zugang „Telefon“ widerrufen?" in frage(client.post(url))
    assert _konto(telefon).status_code == 200

    antwort = client.post(url, BESTAETIGT)
    assert antwort.status_code == 302
    _abgewiesen(_konto(telefon))
    assert _konto(laptop).status_code == 200
    seite = client.get(antwort["Location"]).content.decode()
    assert "ist widerrufen" in seite
    assert "Laptop" in seite


def test_nobody_revokes_another_persons_token_on_the_page(client, welt):
    token = _token(welt.freiwillig)["token"]
    zugang = ApiZugang.objects.get()
    url = reverse("konten:api_zugang_widerrufen", args=[zugang.pk])
    for person in (welt.ek_a, welt.admin):
        client.force_login(person)
        assert client.post(url, BESTAETIGT).status_code == 404
    assert _konto(token).status_code == 200
