"""Two factors for the staff roles: an authenticator app (TOTP) and recovery codes.

Where two factors are required (ZWEI_FAKTOREN_PFLICHT, on outside the embedded mode), a staff
person without an app is led to set one up right after the password and reaches nothing else;
with an app, signing in asks for its code, on the website, for API tokens and for the admin.
Nobody else is ever asked.
"""

import re
import time
from datetime import timedelta

import pytest
import time_machine
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from konten import zwei_faktoren
from konten.models import ApiZugang
from tests.bestaetigung import BESTAETIGT, frage
from tests.factories import PASSWORT

pytestmark = pytest.mark.django_db

#: Plattform-Admin, Verwaltung, Fortbildungsteam, Regionalkoordination (also the network's)
STAFF = ["admin", "verwaltung", "fortbildung", "rk_nord"]
EINRICHTEN = reverse("konten:zwei_faktoren")
CODE = reverse("konten:zweiter_faktor")


@pytest.fixture
def pflicht(settings):
    settings.ZWEI_FAKTOREN_PFLICHT = True


def _code(app, schritte=0) -> str:
    """The code the person's app shows now (or ``schritte`` periods later)."""
    app.refresh_from_db()
    totp = TOTP(app.bin_key, app.step, app.t0, app.digits, app.drift)
    totp.time = time.time() + schritte * app.step
    return f"{totp.token():0{app.digits}d}"


def _falsch(app) -> str:
    return f"{(int(_code(app)) + 1) % 10**6:06d}"


def _app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="App", confirmed=True)


def _anmelden(client, user):
    return client.post(reverse("konten:login"), {"username": user.email, "password": PASSWORT})


def _token(user, **extra):
    return APIClient().post(
        reverse("api:token"),
        {"email": user.email, "password": PASSWORT, "name": "Skript", **extra},
        format="json",
    )


def _gleich_danach():
    """A moment after a wrong code: django-otp makes the next try wait a second."""
    return time_machine.travel(timezone.now() + timedelta(seconds=2))


@pytest.mark.parametrize("persona", STAFF)
def test_a_staff_login_without_a_second_factor_leads_to_setting_it_up_and_nowhere_else(
    persona, welt, client, pflicht
):
    person = welt.personas[persona]

    antwort = _anmelden(client, person)

    assert antwort["Location"] == EINRICHTEN + "?next=%2F"
    for seite in (
        reverse("start"),
        reverse("konten:konto"),
        reverse("konten:api_zugaenge"),
        reverse("unterkuenfte:board"),
        reverse("admin:index"),
    ):
        antwort = client.get(seite)
        assert antwort.status_code == 302, seite
        assert antwort["Location"].startswith(EINRICHTEN + "?next="), seite
    api = client.get(reverse("api:konto"))
    assert api.status_code == 403
    assert "zweiten Faktor" in api.json()["detail"]
    token = _token(person)
    assert token.status_code == 403
    assert "Authenticator-App ein" in token.json()["detail"]
    assert not ApiZugang.objects.exists()
    assert client.get(EINRICHTEN).status_code == 200


def test_setting_up_the_app_takes_its_first_code_shows_recovery_codes_once_and_opens_all(
    welt, client, pflicht
):
    _anmelden(client, welt.rk_nord)
    seite = client.get(EINRICHTEN + "?next=/regionen/").content.decode()
    assert 'src="data:image/svg+xml' in seite
    assert 'autocomplete="one-time-code"' in seite
    assert 'inputmode="numeric"' in seite
    entwurf = TOTPDevice.objects.get(user=welt.rk_nord, confirmed=False)
    assert zwei_faktoren.schluessel_text(entwurf) in seite

    falsch = client.post(EINRICHTEN, {"aktion": "einrichten", "code": _falsch(entwurf)})
    assert "Der Code stimmt nicht" in falsch.content.decode()
    assert client.get(reverse("start"))["Location"].startswith(EINRICHTEN)

    with _gleich_danach():
        richtig = client.post(
            EINRICHTEN, {"aktion": "einrichten", "code": _code(entwurf), "next": "/regionen/"}
        )
        assert richtig.status_code == 302
        codes = client.get(richtig["Location"]).content.decode()
        assert len(re.findall(r"<li>\d{5} \d{5}</li>", codes)) == 10
        assert 'href="/regionen/"' in codes
        assert not re.search(r"<li>\d{5} \d{5}</li>", client.get(EINRICHTEN).content.decode())
        assert client.get(reverse("start")).status_code == 200
        assert client.get(reverse("regionen:liste")).status_code == 200
        assert client.get(reverse("api:konto")).status_code == 200
    assert TOTPDevice.objects.get(user=welt.rk_nord).confirmed


@pytest.mark.parametrize("persona", STAFF)
def test_with_the_app_set_up_the_login_asks_for_its_code_and_then_everything_opens(
    persona, welt, client, pflicht
):
    person = welt.personas[persona]
    app = _app(person)

    antwort = _anmelden(client, person)

    assert antwort["Location"] == CODE + "?next=%2F"
    assert client.get(reverse("konten:konto"))["Location"].startswith(CODE)
    # the app cannot be removed nor new recovery codes made before the code is given
    assert client.get(EINRICHTEN)["Location"].startswith(CODE)
    assert client.get(reverse("api:konto")).status_code == 403
    seite = client.get(CODE + "?next=%2F").content.decode()
    assert 'autocomplete="one-time-code"' in seite
    assert 'inputmode="numeric"' in seite

    antwort = client.post(CODE, {"code": _code(app), "next": "/"})

    assert antwort.status_code == 302
    assert antwort["Location"] == "/"
    assert client.get(reverse("start")).status_code == 200
    assert client.get(reverse("konten:konto")).status_code == 200
    assert client.get(reverse("api:konto")).status_code == 200
    assert client.get(EINRICHTEN).status_code == 200
    if persona == "admin":
        assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_is_refused_with_a_clear_message(welt, client, pflicht):
    app = _app(welt.verwaltung)
    _anmelden(client, welt.verwaltung)
    with time_machine.travel(timezone.now(), tick=False):
        antwort = client.post(CODE, {"code": _falsch(app)})
        assert antwort.status_code == 200
        assert "Der Code stimmt nicht." in antwort.content.decode()
        # the right code a moment later still waits: each wrong one doubles the pause
        gleich = client.post(CODE, {"code": _code(app)})
        assert "Zu viele falsche Codes" in gleich.content.decode()
    assert client.get(reverse("start"))["Location"].startswith(CODE)


def test_a_staff_token_needs_the_code_of_the_app_and_then_works(welt, pflicht):
    app = _app(welt.rk_nord)
    ohne = _token(welt.rk_nord)
    assert ohne.status_code == 400
    assert "code" in ohne.json()
    assert _token(welt.rk_nord, code=_falsch(app)).status_code == 400
    assert not ApiZugang.objects.exists()
    with _gleich_danach():
        mit = _token(welt.rk_nord, code=_code(app))
        assert mit.status_code == 200
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {mit.json()['token']}")
        regionen = client.get(reverse("api:region-list")).json()["results"]
    assert [r["name"] for r in regionen] == ["Berlin-Nord"]


def test_a_recovery_code_signs_in_once(welt, client, pflicht):
    _app(welt.fortbildung)
    codes = zwei_faktoren.wiederherstellungscodes_erneuern(welt.fortbildung)
    _anmelden(client, welt.fortbildung)
    antwort = client.post(CODE, {"code": f"{codes[0][:5]} {codes[0][5:]}", "next": "/"})
    assert antwort["Location"] == "/"
    assert "es bleiben 9" in client.get("/").content.decode()
    client.post(reverse("konten:logout"))

    _anmelden(client, welt.fortbildung)
    noch_einmal = client.post(CODE, {"code": codes[0]})
    assert "Der Code stimmt nicht" in noch_einmal.content.decode()
    assert client.get(reverse("start"))["Location"].startswith(CODE)
    with _gleich_danach():
        assert client.post(CODE, {"code": codes[1], "next": "/"})["Location"] == "/"


@pytest.mark.parametrize("persona", ["freiwillig", "ek_a", "org_a"])
def test_people_without_a_staff_role_are_never_asked(persona, welt_ganz, client, pflicht):
    person = welt_ganz.personas[persona]
    assert _anmelden(client, person)["Location"] == "/"
    assert client.get(reverse("konten:konto")).status_code == 200
    assert client.get(reverse("api:konto")).status_code == 200
    assert _token(person).status_code == 200
    assert client.get(EINRICHTEN).status_code == 403


def test_where_two_factors_are_optional_staff_sign_in_with_the_password_until_they_add_an_app(
    welt, client
):
    assert _anmelden(client, welt.rk_nord)["Location"] == "/"
    assert client.get(reverse("regionen:liste")).status_code == 200
    assert _token(welt.rk_nord).status_code == 200
    client.post(reverse("konten:logout"))

    _app(welt.rk_nord)
    assert _anmelden(client, welt.rk_nord)["Location"] == CODE + "?next=%2F"
    assert _token(welt.rk_nord).status_code == 400


def test_a_token_issued_without_the_second_factor_stops_serving_once_it_is_required(welt, settings):
    staff, freiwillig = APIClient(), APIClient()
    staff.credentials(HTTP_AUTHORIZATION=f"Token {_token(welt.rk_nord).json()['token']}")
    freiwillig.credentials(HTTP_AUTHORIZATION=f"Token {_token(welt.freiwillig).json()['token']}")
    settings.ZWEI_FAKTOREN_PFLICHT = True
    antwort = staff.get(reverse("api:region-list"))
    assert antwort.status_code == 403
    assert "zweiten Faktor" in antwort.json()["detail"]
    assert freiwillig.get(reverse("api:konto")).status_code == 200


def test_the_admin_site_itself_refuses_a_session_without_the_second_factor(welt, rf, pflicht):
    request = rf.get("/admin/")
    request.user = welt.admin
    request.user.is_verified = lambda: False  # as django-otp's middleware sets it
    assert not admin.site.has_permission(request)
    request.user.is_verified = lambda: True
    assert admin.site.has_permission(request)


def test_removing_the_app_asks_first_and_then_leads_to_setting_up_a_new_one(welt, client, pflicht):
    app = _app(welt.admin)
    _anmelden(client, welt.admin)
    client.post(CODE, {"code": _code(app)})

    assert "Die Authenticator-App und Ihre Wiederherstellungscodes entfernen?" in frage(
        client.post(EINRICHTEN, {"aktion": "entfernen"})
    )
    assert TOTPDevice.objects.filter(user=welt.admin, confirmed=True).exists()

    assert client.post(EINRICHTEN, {"aktion": "entfernen", **BESTAETIGT}).status_code == 302
    assert not TOTPDevice.objects.filter(user=welt.admin, confirmed=True).exists()
    assert client.get(reverse("start"))["Location"].startswith(EINRICHTEN)


def test_new_recovery_codes_ask_first_and_end_the_old_ones(welt, client, pflicht):
    app = _app(welt.verwaltung)
    alt = zwei_faktoren.wiederherstellungscodes_erneuern(welt.verwaltung)
    _anmelden(client, welt.verwaltung)
    client.post(CODE, {"code": _code(app)})

    assert "Ihre 10 bisherigen Codes gelten dann nicht mehr." in frage(
        client.post(EINRICHTEN, {"aktion": "codes"})
    )
    seite = client.post(EINRICHTEN, {"aktion": "codes", **BESTAETIGT}, follow=True)
    neu = re.findall(r"<li>(\d{5}) (\d{5})</li>", seite.content.decode())
    assert len(neu) == 10
    client.post(reverse("konten:logout"))

    _anmelden(client, welt.verwaltung)
    assert "Der Code stimmt nicht" in client.post(CODE, {"code": alt[0]}).content.decode()
    with _gleich_danach():
        assert client.post(CODE, {"code": "".join(neu[0]), "next": "/"})["Location"] == "/"
