"""Error pages: in the site's layout and the reader's language, saying what happened and
offering the way back; JSON under /api/; the same under the settings ``make run`` uses."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from konten import roles
from tests.factories import ReiheFactory, UserFactory, fortbildungskurs

pytestmark = pytest.mark.zeitlos

ROOT = Path(settings.BASE_DIR)
FEHLER_URLS = pytest.mark.urls("tests.common.fehler_urls")


def _client():
    """A browser's view: the CSRF check is enforced, a crash answers with the 500 page."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


def _hauptteil(response) -> str:
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group()


def _titel(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def _anmelden_und_absenden(client, **header):
    """A login form sent with the CSRF cookie but without the form's token."""
    client.get("/konten/anmelden/")
    return client.post(
        "/konten/anmelden/",
        {"username": "jemand@test.invalid", "password": "x"},
        HTTP_REFERER="http://testserver/konten/anmelden/",
        **header,
    )


#: how each page is reached, its status and its heading in German and English
FEHLERSEITEN = {
    "400": (
        lambda c, **h: c.get("/", HTTP_HOST="fremd.example", **h),
        400,
        ("Ungültige Anfrage", "Invalid request"),
    ),
    "403": (lambda c, **h: c.get("/verboten/", **h), 403, ("Kein Zugriff", "No access")),
    "404": (
        lambda c, **h: c.get("/gibt-es-nicht/", **h),
        404,
        ("Seite nicht gefunden", "Page not found"),
    ),
    "500": (
        lambda c, **h: c.get("/kaputt/", **h),
        500,
        ("Fehler auf dem Server", "Server error"),
    ),
    "csrf": (_anmelden_und_absenden, 403, ("Formular abgelaufen", "Form expired")),
}


@FEHLER_URLS
@pytest.mark.parametrize("seite", FEHLERSEITEN)
@pytest.mark.parametrize("sprache", ["de", "en per Cookie", "en per Accept-Language"])
def test_each_error_page_has_the_sites_header_a_heading_in_the_readers_language_and_a_way_home(
    db, seite, sprache
):
    anfrage, status, ueberschriften = FEHLERSEITEN[seite]
    client, header = _client(), {}
    if sprache == "en per Cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    elif sprache == "en per Accept-Language":
        header["HTTP_ACCEPT_LANGUAGE"] = "en"
    code = sprache[:2]
    ueberschrift = ueberschriften[code == "en"]

    response = anfrage(client, **header)

    assert response.status_code == status
    seite_html = response.content.decode()
    assert f'<html lang="{code}"' in seite_html
    with translation.override(code):
        marke = translation.gettext("Ehrenamt-Plattform")
        startseite = translation.gettext("Zur Startseite")
    assert re.search(rf'<header>.*class="[^"]*kopfzeile.*>{marke}</a>', seite_html, re.S)
    assert _titel(response) == f"{ueberschrift} · {marke}"
    hauptteil = _hauptteil(response)
    assert f"<h1>{ueberschrift}</h1>" in hauptteil
    assert f'href="/">{startseite}</a>' in hauptteil


def test_an_unknown_address_shows_the_sites_404_page_not_a_list_of_url_patterns(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "<h1>Seite nicht gefunden</h1>" in _hauptteil(response)
    assert "URLconf" not in response.content.decode()


def test_a_hidden_course_and_a_missing_one_answer_the_same_404_page(db, client):

    reihe = ReiheFactory(titel="Basis", stufe="basis", jahr=2026, zielgruppe="koordination")
    entwurf = fortbildungskurs(reihe, "Kurs-Entwurf-vertraulich", veroeffentlicht=False)

    verborgen = client.get(f"/fortbildung/kurse/{entwurf.pk}/")
    fehlend = client.get(f"/fortbildung/kurse/{entwurf.pk + 1000}/")

    assert verborgen.status_code == fehlend.status_code == 404
    assert _titel(verborgen) == _titel(fehlend)
    # the pages differ only in the address they were asked for (the login link returns there)
    assert _hauptteil(verborgen).replace(f"/kurse/{entwurf.pk}/", "/kurse/…/") == _hauptteil(
        fehlend
    ).replace(f"/kurse/{entwurf.pk + 1000}/", "/kurse/…/")
    assert "vertraulich" not in verborgen.content.decode()


@FEHLER_URLS
@pytest.mark.parametrize("adresse", ["/verboten/", "/gibt-es-nicht/"])
def test_an_anonymous_person_is_offered_to_log_in_and_come_back_on_403_and_404(db, adresse):
    hauptteil = _hauptteil(_client().get(adresse))
    assert f'href="/konten/anmelden/?next={adresse}">Anmelden</a>' in hauptteil


def test_a_signed_in_person_refused_a_page_sees_the_403_page_and_no_login_offer(db, client):
    verwaltung = UserFactory()
    roles.rolle("verwaltung").grant(verwaltung, None)
    client.force_login(verwaltung)

    response = client.get("/fortbildung/meine/")

    assert response.status_code == 403
    hauptteil = _hauptteil(response)
    assert "<h1>Kein Zugriff</h1>" in hauptteil
    assert "Ihre Rolle auf der Plattform erlaubt diese Seite" in hauptteil
    assert "/konten/anmelden/" not in hauptteil


@FEHLER_URLS
def test_an_error_page_links_back_to_the_page_of_ours_the_person_came_from(db):
    von_uns = _client().get("/gibt-es-nicht/", HTTP_REFERER="http://testserver/fortbildung/")
    von_fremden = _client().get("/gibt-es-nicht/", HTTP_REFERER="https://fremd.example/")
    kaputt = _client().get("/kaputt/", HTTP_REFERER="http://testserver/fortbildung/")

    zurueck = 'href="http://testserver/fortbildung/">Zurück zur vorigen Seite</a>'
    assert zurueck in _hauptteil(von_uns)
    assert zurueck in _hauptteil(kaputt)
    assert "fremd.example" not in _hauptteil(von_fremden)
    assert "Zurück zur vorigen Seite" not in _hauptteil(von_fremden)


def test_a_form_sent_without_its_token_shows_the_csrf_page_with_the_way_back_to_the_form(db):
    response = _anmelden_und_absenden(_client())

    assert response.status_code == 403
    hauptteil = _hauptteil(response)
    assert "<h1>Formular abgelaufen</h1>" in hauptteil
    assert "Ihre Eingaben wurden nicht gespeichert" in hauptteil
    assert 'href="http://testserver/konten/anmelden/">Zurück zur vorigen Seite</a>' in hauptteil
    assert (
        'href="/konten/anmelden/?next=http%3A//testserver/konten/anmelden/">Erneut anmelden</a>'
        in hauptteil
    )
    assert "kein Cookie" not in hauptteil


def test_the_csrf_page_asks_for_cookies_when_the_browser_sent_none():
    response = _client().post("/konten/anmelden/", {"username": "jemand@test.invalid"})
    assert response.status_code == 403
    assert "Ihr Browser hat kein Cookie der Plattform mitgeschickt" in _hauptteil(response)


@FEHLER_URLS
def test_the_500_page_renders_while_the_database_is_down_and_the_context_processors_fail(
    settings,
):
    # Without the db fixture every connection is refused, as from a database that is down:
    # the request fails where it opens its transaction, and so would any query of the page.
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {"context_processors": ["tests.common.test_fehlerseiten.kaputter_kontext"]},
        }
    ]
    client = _client()

    kaputt = client.get("/kaputt/")
    # the 404 page needs the context processors; when they fail, the 500 page stands in
    unbekannt = client.get("/gibt-es-nicht/")

    for response in (kaputt, unbekannt):
        assert response.status_code == 500
        assert "<h1>Fehler auf dem Server</h1>" in _hauptteil(response)
        assert 'class="navbar-brand" href="/">Ehrenamt-Plattform</a>' in response.content.decode()


def kaputter_kontext(request):
    raise RuntimeError("ein Kontextprozessor versagt")


def test_an_unknown_api_address_answers_json_in_the_readers_language(client):
    deutsch = client.get("/api/v1/gibt-es-nicht/")
    englisch = client.get("/api/v1/gibt-es-nicht/", HTTP_ACCEPT_LANGUAGE="en")

    assert deutsch.status_code == englisch.status_code == 404
    assert deutsch["Content-Type"] == "application/json"
    assert deutsch.json() == {"detail": "Nicht gefunden."}
    assert englisch.json() == {"detail": "Not found."}


@FEHLER_URLS
def test_api_errors_outside_drfs_views_answer_json_too(db):
    client = _client()

    absturz = client.get("/api/kaputt/")
    verboten = client.get("/api/verboten/")
    ohne_token = client.post("/api/formular/", {"feld": "wert"})

    assert absturz.status_code == 500
    assert absturz.json() == {"detail": "Ein Serverfehler ist aufgetreten."}
    assert verboten.status_code == 403
    assert verboten.json() == {"detail": "Sie sind nicht berechtigt, diese Aktion durchzuführen."}
    assert ohne_token.status_code == 403
    assert ohne_token.json()["detail"].startswith("CSRF Failed: ")


# --- under the settings of ``make run`` -----------------------------------------------------


def _freier_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _make_run_umgebung(data_dir: Path) -> dict:
    """The environment of a newcomer's shell: none of the tests' or production's variables,
    a fresh data directory (make run's own SQLite database and secret key live there)."""
    fremd = {
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "DJANGO_SECRET_KEY",
        "DJANGO_DEBUG",
        "DJANGO_SECURE_COOKIES",
        "DJANGO_ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "STATIC_MANIFEST",
        "MAKEFLAGS",
        "MAKELEVEL",
        "MFLAGS",
    }
    return {
        **{k: v for k, v in os.environ.items() if k not in fremd},
        "DATA_DIR": str(data_dir),
    }


def _abrufen(url: str):
    """Status, headers and body of a GET, without following redirects or any proxy."""
    oeffner = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with oeffner.open(url, timeout=10) as antwort:
            return antwort.status, antwort.headers, antwort.read().decode()
    except urllib.error.HTTPError as fehler:
        return fehler.code, fehler.headers, fehler.read().decode()


def test_make_run_shows_the_sites_404_page_serves_static_files_and_cookies_for_plain_http(
    tmp_path,
):
    make = shutil.which("make")
    assert make, "make run needs make (apt-get install make)"
    port = _freier_port()
    basis = f"http://127.0.0.1:{port}"
    with (tmp_path / "server.log").open("w+") as log:
        server = subprocess.Popen(  # noqa: S603 (our own Makefile and arguments)
            [make, "--no-print-directory", "serve", f"PORT={port}", f"PY={sys.executable}"],
            cwd=ROOT,
            env=_make_run_umgebung(tmp_path),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # the autoreloader's child joins this group
        )
        try:
            for _ in range(300):
                if server.poll() is not None:
                    break
                try:
                    status, _, seite = _abrufen(f"{basis}/gibt-es-nicht/")
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                pytest.fail("make serve did not answer within a minute")
            if server.poll() is not None:
                log.seek(0)
                pytest.fail(f"make serve ended:\n{log.read()}")

            assert status == 404
            assert "<h1>Seite nicht gefunden</h1>" in seite
            assert 'class="navbar-brand" href="/">Ehrenamt-Plattform</a>' in seite
            assert "URLconf" not in seite
            assert _abrufen(f"{basis}/static/plattform/plattform.css")[0] == 200
            status, header, _ = _abrufen(f"{basis}/konten/anmelden/")
            assert status == 200
            csrf_cookie = next(c for c in header.get_all("Set-Cookie") if "csrftoken=" in c)
            assert "secure" not in csrf_cookie.lower()
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
