"""axe-core on every page the access matrix lets each persona open, with real objects: no
serious or critical accessibility violation anywhere. One signed-in browser per persona."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.access_matrix import MATRIX, fuer_verwaltung
from tests.conftest import PERSONAS
from tests.factories import PASSWORT
from tests.test_access_matrix import route_of

pytestmark = pytest.mark.django_db(transaction=True)

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
#: the rules of WCAG 2.1 A and AA and axe's best practices, as a reviewer would run them
REGELN = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]}}
SCHWER = ("serious", "critical")


def _seiten(welt, persona) -> list[tuple[str, str]]:
    """(entry, URL) of every HTML page the matrix lets ``persona`` open."""
    seiten = []
    for name, eintrag in sorted(MATRIX.items()):
        if name.startswith(("api:", "admin:")) or eintrag.pdf:
            continue
        erwartet = eintrag.erwartet(persona, api=False)
        if persona == "verwaltung":
            erwartet = fuer_verwaltung(name, eintrag, erwartet)
        if erwartet == 200:
            args = eintrag.args(welt) if eintrag.args else []
            seiten.append((name, reverse(route_of(name), args=args)))
    return seiten


def _anmelden(seite, live_server, user):
    seite.goto(f"{live_server.url}/konten/anmelden/")
    seite.get_by_label("E-Mail-Adresse").fill(user.email)
    seite.get_by_label("Passwort").fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()
    seite.wait_for_load_state()


def _verstoesse(seite) -> list[str]:
    seite.evaluate(AXE)
    ergebnis = seite.evaluate("regeln => axe.run(document, regeln)", REGELN)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {_orte(v)}"
        for v in ergebnis["violations"]
        if v["impact"] in SCHWER
    ]


def _orte(verstoss) -> str:
    return ", ".join(str(knoten["target"]) for knoten in verstoss["nodes"][:3])


def _oeffnen(seite, url) -> bool:
    """Opens ``url``; False for a download (calendar file, CSV), which has no page to check."""
    try:
        antwort = seite.goto(url)
    except PlaywrightError as fehler:
        if "Download is starting" in str(fehler):
            return False
        raise
    return "text/html" in (antwort.headers.get("content-type") or "")


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_page_a_persona_opens_has_a_serious_accessibility_violation(
    persona, welt_ganz, browser, live_server
):
    kontext = browser.new_context(locale="de-DE", reduced_motion="reduce")
    seite = kontext.new_page()
    user = welt_ganz.personas[persona]
    if user is not None:
        _anmelden(seite, live_server, user)
    befunde, geprueft = {}, 0
    for name, pfad in _seiten(welt_ganz, persona):
        if not _oeffnen(seite, f"{live_server.url}{pfad}"):
            continue
        geprueft += 1
        if verstoesse := _verstoesse(seite):
            befunde[f"{name} {pfad}"] = verstoesse
    kontext.close()

    assert geprueft > 0
    bericht = "\n".join(f"{ort}:\n  " + "\n  ".join(v) for ort, v in befunde.items())
    assert not befunde, (
        f"{persona}: serious or critical violations on {len(befunde)} pages:\n{bericht}"
    )
