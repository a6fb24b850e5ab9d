"""From Basis to Aufbau, the coordinator on a phone: a new shelter coordinator is refused the
Aufbau course → registers for a Basis course → the training team takes attendance → the
coordinator has the certificate and the qualification → the Aufbau course now takes them."""

import re
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.menue import im_menue
from tests.conftest import persona
from tests.factories import (
    QualifikationFactory,
    ReiheFactory,
    UnterkunftFactory,
    fortbildungskurs,
)

TELEFON = {"viewport": {"width": 375, "height": 812}, "is_mobile": True}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # the ``page`` (the coordinator's) is a phone; the team works at a desk
    pytest.mark.browser_context_args(**TELEFON),
]

QUALIFIKATION = "Basis abgeschlossen"
BASISKURS = "Basiskurs Ankommen"
AUFBAUKURS = "Aufbaukurs Konflikte begleiten"
KOORDINATORIN = "Nora Neu"


@pytest.fixture
def fortbildung(db):
    """The team member, a new shelter coordinator, a Basis course whose single session starts
    in about an hour (registration open until then, attendance possible today), and an
    Aufbau course that requires what the Basis course grants."""
    jahr = timezone.localdate().year
    basis = QualifikationFactory(name=QUALIFIKATION)
    reihe_basis = ReiheFactory(
        titel=f"Freiwilligenkoordination – Basis {jahr}",
        stufe="basis",
        jahr=jahr,
        zielgruppe="koordination",
    )
    reihe_aufbau = ReiheFactory(
        titel=f"Freiwilligenkoordination – Aufbau {jahr}",
        stufe="aufbau",
        jahr=jahr,
        zielgruppe="koordination",
    )
    # fortbildungskurs ends registration with the first session (here: in an hour)
    kurs_basis = fortbildungskurs(
        reihe_basis, BASISKURS, plaetze=12, erste_in=timedelta(hours=1), vermittelt=basis
    )
    kurs_aufbau = fortbildungskurs(reihe_aufbau, AUFBAUKURS, plaetze=12)
    kurs_aufbau.voraussetzungen.add(basis)
    return SimpleNamespace(
        team=persona("fortbildung@test.invalid", "Fatma Fortbildung", "fortbildungsteam"),
        neu=persona(
            "nora@test.invalid",
            KOORDINATORIN,
            "ehrenamtskoordination",
            UnterkunftFactory(name="Unterkunft Ahornhof"),
        ),
        kurs_basis=kurs_basis,
        kurs_aufbau=kurs_aufbau,
    )


@pytest.fixture
def schreibtisch(browser, anmelden, live_server):
    """A desktop browser of its own, signed in; foreign requests in ``.fremde_anfragen``."""
    kontexte = []

    def am_schreibtisch(user):
        kontext = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
        kontexte.append(kontext)
        seite = kontext.new_page()
        seite.on(
            "request",
            lambda request: (
                am_schreibtisch.fremde_anfragen.append(request.url)
                if not request.url.startswith((live_server.url, "data:", "blob:"))
                else None
            ),
        )
        anmelden(seite, user)
        return seite

    am_schreibtisch.fremde_anfragen = []
    yield am_schreibtisch
    for kontext in kontexte:
        kontext.close()


def _passt_aufs_telefon(page):
    breite = page.evaluate("document.documentElement.scrollWidth")
    assert breite <= 375, f"{page.url} scrolls sideways on a phone: {breite}px wide"


def _reiter(page, name):
    """Follows one of the training area's section tabs."""
    bereiche = page.get_by_role("navigation", name="Bereiche der Fortbildung")
    bereiche.get_by_role("link", name=name, exact=True).click()


def _anmeldung(page):
    return page.get_by_role("region", name="Anmeldung")


@pytest.mark.pdf
# the session an hour from now must start today: the server's clock stands at 10:00
@pytest.mark.uhr(uhrzeit="10:00")
def test_basis_certificate_opens_the_aufbau_course(
    fortbildung, page, anmelden, schreibtisch, fremde_anfragen
):
    # the new coordinator, on her phone, finds the training calendar in the menu
    anmelden(page, fortbildung.neu)
    im_menue(page, "Fortbildungen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fortbildungen")
    _passt_aufs_telefon(page)

    # the Aufbau course refuses her and says why; there is nothing to press
    page.get_by_role("link", name=AUFBAUKURS).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(AUFBAUKURS)
    expect(_anmeldung(page)).to_contain_text(
        f"Für diesen Kurs brauchen Sie zuerst: {QUALIFIKATION}."
    )
    expect(_anmeldung(page).get_by_role("button")).to_have_count(0)
    _passt_aufs_telefon(page)
    aufbau_seite = page.url

    # she registers for the Basis course instead
    _reiter(page, "Fortbildungskalender")
    page.get_by_role("link", name=BASISKURS).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BASISKURS)
    expect(page.get_by_text(f"erteilt „{QUALIFIKATION}“")).to_be_visible()
    _passt_aufs_telefon(page)
    page.get_by_role("button", name="Verbindlich anmelden").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Sie sind angemeldet. Die Sitzungen stehen in Ihrem Kalender."
    )
    expect(_anmeldung(page)).to_contain_text("Sie sind angemeldet.")
    _passt_aufs_telefon(page)
    _reiter(page, "Meine Fortbildungen")
    anmeldungen = page.get_by_role("region", name="Anmeldungen")
    expect(anmeldungen.get_by_role("listitem").filter(has_text=BASISKURS).first).to_contain_text(
        "angemeldet"
    )
    expect(page.get_by_role("region", name="Qualifikationen")).to_contain_text(
        "Noch keine Qualifikationen."
    )
    _passt_aufs_telefon(page)

    # the training team takes attendance on the day
    team = schreibtisch(fortbildung.team)
    im_menue(team, "Kursverwaltung")
    expect(team.get_by_role("heading", level=1)).to_have_text("Kursverwaltung")
    team.get_by_role("region", name="Laufende und kommende Kurse").get_by_role(
        "link", name=BASISKURS
    ).click()
    expect(team.get_by_role("heading", level=1)).to_have_text(BASISKURS)
    teilnehmende = team.get_by_role("region", name=re.compile(r"^Teilnehmende"))
    expect(teilnehmende.get_by_role("row", name=re.compile(KOORDINATORIN))).to_contain_text(
        "angemeldet"
    )
    team.get_by_role("link", name="Anwesenheit erfassen").click()
    expect(team.get_by_role("heading", level=1)).to_contain_text("Anwesenheit")
    expect(team.get_by_role("checkbox")).to_have_count(1)
    # the whole row is the tap target (its label covers the small box)
    team.get_by_role("listitem").filter(has_text=KOORDINATORIN).click()
    expect(team.get_by_role("checkbox", name=KOORDINATORIN)).to_be_checked()
    team.get_by_role("button", name="Anwesenheit speichern").click()
    expect(team.get_by_role("status")).to_contain_text(
        f"Die Anwesenheit ist gespeichert. Abgeschlossen und bescheinigt: {KOORDINATORIN}."
    )
    expect(team.get_by_role("heading", level=1)).to_have_text(BASISKURS)
    expect(teilnehmende.get_by_role("row", name=re.compile(KOORDINATORIN))).to_contain_text(
        "abgeschlossen"
    )

    # back on her phone: the completed course, its certificate and the qualification
    im_menue(page, "Fortbildungen")
    _reiter(page, "Meine Fortbildungen")
    abgeschlossen = page.get_by_role("region", name="Abgeschlossene Kurse und Bescheinigungen")
    expect(abgeschlossen).to_contain_text(BASISKURS)
    expect(page.get_by_role("region", name="Anmeldungen")).to_contain_text(
        "Sie sind für keinen Kurs angemeldet."
    )
    qualifikationen = page.get_by_role("region", name="Qualifikationen")
    expect(qualifikationen).to_contain_text(QUALIFIKATION)
    expect(qualifikationen).to_contain_text(f"({BASISKURS})")
    expect(qualifikationen).to_contain_text("unbefristet")
    _passt_aufs_telefon(page)
    bescheinigung = abgeschlossen.get_by_role("link", name="Teilnahmebescheinigung (PDF)")
    antwort = page.request.get(urljoin(page.url, bescheinigung.get_attribute("href")))
    assert antwort.status == 200
    assert antwort.headers["content-type"] == "application/pdf"
    assert antwort.body().startswith(b"%PDF")

    # the Aufbau course now offers registration, and takes her
    page.goto(aufbau_seite)
    expect(page.get_by_role("heading", level=1)).to_have_text(AUFBAUKURS)
    expect(_anmeldung(page)).not_to_contain_text("brauchen Sie zuerst")
    _passt_aufs_telefon(page)
    page.get_by_role("button", name="Verbindlich anmelden").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Sie sind angemeldet. Die Sitzungen stehen in Ihrem Kalender."
    )
    expect(_anmeldung(page)).to_contain_text("Sie sind angemeldet.")
    _passt_aufs_telefon(page)
    _reiter(page, "Meine Fortbildungen")
    expect(page.get_by_role("region", name="Anmeldungen")).to_contain_text(AUFBAUKURS)

    assert fremde_anfragen == []
    assert schreibtisch.fremde_anfragen == []
