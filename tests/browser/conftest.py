"""Playwright drives Debian's chromium (never a downloaded browser) against the live server.

Every browser context a test opens is watched for the Content-Security-Policy (csp_wache):
a page whose policy the browser enforced against something, or an HTML page without a
policy or with inline scripts allowed, fails the test. With CSP_PROTOKOLL naming a
directory, each HTML page is also written there (scripts/csp_pruefen.py reads it in CI)."""

import json
import os
from pathlib import Path

import pytest

from scripts.csp_pruefen import mangel
from tests.conftest import CHROMIUM

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # German is the platform's first language; the browser asks for it like most users do.
    return {**browser_context_args, "locale": "de-DE"}


# Playwright's sync API keeps an event loop running in the test thread; the ORM calls that
# fixtures and tests make there (and the database flush after each test) are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def anmelden(live_server):
    def sign_in(page, user, passwort=None):
        from tests.factories import PASSWORT

        page.goto(f"{live_server.url}/konten/anmelden/")
        page.get_by_label("E-Mail-Adresse").fill(user.email)
        page.get_by_label("Passwort").fill(passwort or PASSWORT)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_load_state()

    return sign_in


@pytest.fixture
def fremde_anfragen(page, live_server):
    """Every request the page makes to anywhere but our own server."""
    fremd = []
    page.on(
        "request",
        lambda request: (
            fremd.append(request.url)
            if not request.url.startswith((live_server.url, "data:", "blob:"))
            else None
        ),
    )
    return fremd


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


#: reports each refusal of the Content-Security-Policy to the test, before any page script runs
_VERSTOESSE_MELDEN = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspVerstoss(`${e.effectiveDirective} refused ${e.blockedURI || "inline code"}`
    + ` at ${e.sourceFile || e.documentURI}:${e.lineNumber} ${e.sample || ""}`);
}, true);
"""


class CspWache:
    """Collects what the browser refused and which HTML pages came without a safe policy."""

    def __init__(self, server_url: str, test: str):
        self.server_url, self.test = server_url, test
        self.verstoesse: list[str] = []
        #: how to close each watched context (its own close: pytest-playwright wraps that of
        #: its contexts with bookkeeping that fails on a second call)
        self.schliessen = []
        self.protokoll = self._protokolldatei()

    @staticmethod
    def _protokolldatei() -> Path | None:
        verzeichnis = os.environ.get("CSP_PROTOKOLL")
        if not verzeichnis:
            return None
        prozess = os.environ.get("PYTEST_XDIST_WORKER", "main")
        return Path(verzeichnis) / f"{prozess}-{os.getpid()}.jsonl"

    def beobachten(self, kontext) -> None:
        self.schliessen.append(kontext.close)
        kontext.expose_binding("__cspVerstoss", lambda _quelle, text: self.verstoesse.append(text))
        kontext.add_init_script(_VERSTOESSE_MELDEN)
        kontext.on("console", self._konsole)
        kontext.on("response", self._antwort)

    def _konsole(self, meldung) -> None:
        if "Content Security Policy" in meldung.text or meldung.text.startswith("Refused to"):
            self.verstoesse.append(f"console: {meldung.text}")

    def _antwort(self, antwort) -> None:
        if antwort.request.resource_type != "document" or not antwort.url.startswith(
            self.server_url
        ):
            return
        if not antwort.headers.get("content-type", "").startswith("text/html"):
            return
        csp = antwort.headers.get("content-security-policy")
        if befund := mangel(csp):
            self.verstoesse.append(f"{antwort.url}: {befund}")
        if self.protokoll:
            eintrag = {"url": antwort.url, "status": antwort.status, "csp": csp, "test": self.test}
            with self.protokoll.open("a", encoding="utf-8") as datei:
                datei.write(json.dumps(eintrag) + "\n")


@pytest.fixture(autouse=True)
def csp_wache(request, browser, live_server, monkeypatch):
    """Watches every context the test opens, through browser.new_context (pytest-playwright's
    page and context fixtures open theirs that way too), and fails the test at its end if the
    policy refused anything or a page lacked it."""
    wache = CspWache(live_server.url, request.node.nodeid)
    neuer_kontext = browser.new_context

    def beobachteter_kontext(**optionen):
        kontext = neuer_kontext(**optionen)
        wache.beobachten(kontext)
        return kontext

    def seite_in_beobachtetem_kontext(**optionen):
        return beobachteter_kontext(**optionen).new_page()

    monkeypatch.setattr(browser, "new_context", beobachteter_kontext)
    monkeypatch.setattr(browser, "new_page", seite_in_beobachtetem_kontext)
    yield wache
    for schliessen in wache.schliessen:
        schliessen()  # delivers what is still on its way; a closed context stays closed
    if wache.verstoesse:
        pytest.fail("Content-Security-Policy:\n" + "\n".join(dict.fromkeys(wache.verstoesse)))
