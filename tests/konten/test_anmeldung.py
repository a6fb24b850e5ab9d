"""Signing in with an e-mail address, and django-axes throttling failed attempts."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORT, UserFactory

pytestmark = pytest.mark.django_db


def _anmelden(client, email, passwort):
    return client.post(reverse("konten:login"), {"username": email, "password": passwort})


def test_a_person_signs_in_with_email_and_password_and_lands_on_the_start_page(client):
    UserFactory(email="lea@test.invalid", anzeigename="Lea")
    response = _anmelden(client, "Lea@Test.invalid", PASSWORT)
    assert response.status_code == 302
    assert response["Location"] == reverse("start")
    assert "Hallo Lea" in client.get(reverse("start")).content.decode()


def test_a_wrong_password_and_an_unknown_address_get_the_same_message(client):
    UserFactory(email="lea@test.invalid")
    falsch = _anmelden(client, "lea@test.invalid", "falsch").content.decode()
    unbekannt = _anmelden(client, "niemand@test.invalid", "falsch").content.decode()
    meldung = "E-Mail-Adresse oder Passwort stimmen nicht."
    assert meldung in falsch
    assert meldung in unbekannt


def test_after_five_failures_the_account_is_locked_even_for_the_right_password(client):
    UserFactory(email="lea@test.invalid")
    for _ in range(4):
        assert _anmelden(client, "lea@test.invalid", "falsch").status_code == 200
    gesperrt = _anmelden(client, "lea@test.invalid", "falsch")
    assert gesperrt.status_code == 429
    assert "Bitte warten Sie 15 Minuten" in gesperrt.content.decode()
    richtig = _anmelden(client, "lea@test.invalid", PASSWORT)
    assert richtig.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_unknown_address_is_locked_exactly_like_a_known_one(client):
    for _ in range(5):
        response = _anmelden(client, "niemand@test.invalid", "falsch")
    assert response.status_code == 429


def test_the_lockout_message_is_translated(client):
    client.cookies["django_language"] = "en"
    for _ in range(5):
        response = _anmelden(client, "niemand@test.invalid", "falsch")
    assert "Please wait 15 minutes" in response.content.decode()


def test_signing_out_needs_a_post_and_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("konten:logout")).status_code == 405
    client.post(reverse("konten:logout"))
    assert client.get(reverse("konten:konto")).status_code == 302


def test_the_language_switch_is_remembered_on_the_account(client):
    user = UserFactory(sprache="de")
    client.force_login(user)
    client.post(reverse("konten:sprache"), {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.sprache == "en"
    assert "My account" in client.get(reverse("start")).content.decode()


def test_a_password_reset_mail_goes_to_the_configured_backend(client, mailoutbox, settings):
    UserFactory(email="lea@test.invalid")
    response = client.post(reverse("konten:passwort_vergessen"), {"email": "lea@test.invalid"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/passwort/neu/" in line)
    confirm = client.get(link.strip().replace(settings.SITE_URL, ""), follow=True)
    assert confirm.status_code == 200
    neu = client.post(
        confirm.redirect_chain[-1][0],
        {
            "new_password1": "Ein-ganz-neues-Passwort-7",
            "new_password2": "Ein-ganz-neues-Passwort-7",
        },
    )
    assert neu.status_code == 302
    assert _anmelden(client, "lea@test.invalid", "Ein-ganz-neues-Passwort-7").status_code == 302


def test_a_reset_request_for_an_unknown_address_looks_the_same(client, mailoutbox):
    response = client.post(reverse("konten:passwort_vergessen"), {"email": "wer@test.invalid"})
    assert response.status_code == 302
    assert response["Location"] == reverse("konten:passwort_link_gesendet")
    assert mailoutbox == []


def test_the_lockout_ignores_case_and_spaces_in_the_address(client):
    UserFactory(email="lea@test.invalid")
    for _ in range(5):
        _anmelden(client, "lea@test.invalid", "falsch")
    response = _anmelden(client, " LEA@Test.invalid ", PASSWORT)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failed_api_token_requests_count_towards_the_same_lockout(client):
    from konten.models import ApiZugang

    UserFactory(email="lea@test.invalid")
    url = reverse("api:token")
    for _ in range(5):
        client.post(url, {"email": "lea@test.invalid", "password": "falsch", "name": "App"})
    response = client.post(url, {"email": "lea@test.invalid", "password": PASSWORT, "name": "App"})
    assert response.status_code == 429
    assert not ApiZugang.objects.exists()
    assert _anmelden(client, "lea@test.invalid", PASSWORT).status_code == 429


def test_a_reset_link_leads_to_the_sites_address_whatever_host_the_request_named(
    client, settings, mailoutbox
):
    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    settings.SITE_URL = "https://plattform.example.org"
    UserFactory(email="lea@test.invalid")
    client.post(
        reverse("konten:passwort_vergessen"),
        {"email": "lea@test.invalid"},
        HTTP_HOST="evil.example",
    )
    (mail,) = mailoutbox
    assert "evil.example" not in mail.body
    link = next(line for line in mail.body.splitlines() if "/passwort/neu/" in line)
    assert link.startswith("https://plattform.example.org/konten/passwort/neu/")
