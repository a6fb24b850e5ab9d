"""The security headers a browser enforces: every page carries the Content-Security-Policy
(scripts and styles from our own files only, no framing) and the Permissions-Policy, and no
template brings back what that policy refuses (inline scripts, event handler attributes,
inline styles). The browser tests check the same in chromium (tests/browser/conftest.py)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from scripts.csp_pruefen import direktiven, mangel
from tests.access_matrix import MATRIX, fuer_verwaltung
from tests.conftest import PERSONAS
from tests.test_access_matrix import route_of

pytestmark = [pytest.mark.django_db, pytest.mark.zeitlos]

#: what the Permissions-Policy must deny every page
VERWEHRT = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


def _html_seiten(welt, persona) -> list[tuple[str, str]]:
    """(entry, URL) of every page the access matrix lets ``persona`` open, apart from the
    API's JSON and the PDF documents."""
    seiten = []
    for name, eintrag in sorted(MATRIX.items()):
        if name.startswith("api:") or eintrag.pdf:
            continue
        erwartet = eintrag.erwartet(persona, api=False)
        if persona == "verwaltung":
            erwartet = fuer_verwaltung(name, eintrag, erwartet)
        if erwartet == 200:
            args = eintrag.args(welt) if eintrag.args else []
            seiten.append((name, reverse(route_of(name), args=args)))
    return seiten


def _mangel_der_koepfe(antwort) -> list[str]:
    befunde = []
    csp = antwort.headers.get("Content-Security-Policy")
    if befund := mangel(csp):
        befunde.append(befund)
    elif direktiven(csp).get("frame-ancestors") != ["'none'"]:
        befunde.append(f"frame-ancestors is not 'none': {csp}")
    if antwort.headers.get("X-Frame-Options") != "DENY":
        befunde.append("X-Frame-Options is not DENY")
    erlaubt = antwort.headers.get("Permissions-Policy", "")
    befunde += [f"Permissions-Policy lacks {f}" for f in VERWEHRT if f not in erlaubt]
    return befunde


def test_the_login_page_carries_the_policies(client):
    antwort = client.get(reverse("konten:login"))

    assert _mangel_der_koepfe(antwort) == []
    policy = direktiven(antwort.headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert antwort.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonym"])
def test_every_page_a_persona_opens_carries_the_policies(persona, welt_ganz, client_als):
    client = client_als(welt_ganz.personas[persona])
    befunde = {}
    for name, url in _html_seiten(welt_ganz, persona):
        antwort = client.get(url)
        assert antwort.status_code == 200, name
        if mangelhaft := _mangel_der_koepfe(antwort):
            befunde[name] = mangelhaft
    assert befunde == {}


def test_the_browsable_api_alone_keeps_inline_styles_and_its_scripts_stay_strict(welt, client_als):
    client = client_als(welt.admin)
    api = client.get(reverse("api:region-list"), HTTP_ACCEPT="text/html")
    json = client.get(reverse("api:region-list"), HTTP_ACCEPT="application/json")

    assert direktiven(api.headers["Content-Security-Policy"])["style-src"] == [
        "'self'",
        "'unsafe-inline'",
    ]
    assert mangel(api.headers["Content-Security-Policy"]) is None
    assert direktiven(json.headers["Content-Security-Policy"])["style-src"] == ["'self'"]


# --- the templates -------------------------------------------------------------------------

#: templates of the PDFs WeasyPrint renders: no browser loads them
PDF = re.compile(r"/templates/(?:[^/]+/)*pdf/")
#: mail templates style each element inline (mail clients drop stylesheets); the site shows
#: them only in the digest preview, whose policy allows inline styles, never inline scripts
MAIL = re.compile(r"/templates/(?:[^/]+/)*mail/")
#: files handed out for download (a person's copy of their data) carry their own styles, as
#: they are opened on their own, outside the site; scripts are refused there too
DATEI = re.compile(r"/templates/(?:[^/]+/)*datei/")
INLINE_SKRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"""[\s"'](on[a-z]+|hx-on[:\w-]*)\s*=""", re.IGNORECASE)
INLINE_STIL = re.compile(r"""<style\b|[\s"']style\s*=""", re.IGNORECASE)


def _ausgelieferte_templates() -> list[Path]:
    basis = Path(settings.BASE_DIR)
    return sorted(
        pfad for pfad in basis.glob("*/templates/**/*.html") if not PDF.search(pfad.as_posix())
    )


def _inline_code(text: str, stile: bool = True) -> list[str]:
    funde = [m.group(0) for m in INLINE_SKRIPT.finditer(text)]
    funde += [m.group(1) + "=" for m in HANDLER.finditer(text)]
    if stile:
        funde += [m.group(0).strip(" \"'") for m in INLINE_STIL.finditer(text)]
    return funde


def test_the_scan_finds_inline_code():
    text = (
        '<script>alert(1)</script><script src="/static/a.js"></script>'
        '<button onclick="x()" hx-on:click="y()"></button><p style="color:red"></p><style>'
    )
    assert _inline_code(text) == [
        "<script>",
        "onclick=",
        "hx-on:click=",
        "style=",
        "<style",
    ]


def test_no_served_template_has_inline_scripts_handlers_or_styles():
    templates = _ausgelieferte_templates()
    assert len(templates) > 100  # the glob reaches every app's templates

    funde = {}
    for pfad in templates:
        text = pfad.read_text(encoding="utf-8")
        if gefunden := _inline_code(
            text, stile=not (MAIL.search(pfad.as_posix()) or DATEI.search(pfad.as_posix()))
        ):
            funde[str(pfad.relative_to(settings.BASE_DIR))] = gefunden
    assert funde == {}
