"""A migrant organisation in the directory and the calendar, read in Arabic on a phone:
its contact writes the Steckbrief in German and Arabic and consents to publishing it →
creates a public workshop with registration and an Arabic title → signs out → a visitor
finds the organisation in the directory, switches the interface to Arabic and reads the
profile and the calendar right to left, without sideways scrolling."""

import re
from datetime import datetime, time, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from netzwerk.models import Organisation
from tests.browser.menue import im_menue
from tests.conftest import persona
from tests.factories import BezirkFactory, OrganisationFactory, RegionFactory

TELEFON = {"viewport": {"width": 375, "height": 812}, "is_mobile": True}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # the organisation's contact works on a phone, and so does the visitor
    pytest.mark.browser_context_args(**TELEFON),
]

ORGANISATION = "Brücke der Nachbarschaft e.V."
KONTAKT = "Amal Haddad"
BESCHREIBUNG = "Wir sind syrische und irakische Familien, die Neuangekommene in Pankow begleiten."
BESCHREIBUNG_AR = "نحن عائلات سورية وعراقية نرافق القادمين الجدد في بانكوف."
TITEL = "Werkstatt: Behördenbriefe verstehen"
TITEL_AR = "ورشة عمل: فهم رسائل الدوائر الرسمية"
ARABISCH = "العربية"  # the name of the Arabic translation section
#: full-page screenshots of the Arabic pages, for people to look at (outside the repository)
BILD_VERZEICHNIS = "/tmp/netzwerk-verzeichnis-ar.png"  # noqa: S108
BILD_KALENDER = "/tmp/netzwerk-kalender-ar.png"  # noqa: S108


@pytest.fixture
def netzwerk(db):
    """A migrant organisation in Berlin-Nord (Bezirk Pankow) and its contact person."""
    nord = RegionFactory(name="Berlin-Nord", slug="berlin-nord")
    pankow = BezirkFactory(name="Pankow", slug="pankow", region=nord)
    BezirkFactory(name="Reinickendorf", slug="reinickendorf", region=nord)
    organisation = OrganisationFactory(
        name=ORGANISATION, art=Organisation.Art.MSO, region=nord, bezirk=pankow
    )
    # another published profile the visitor's filter has to leave out
    OrganisationFactory(
        name="Anderswo Initiative",
        art=Organisation.Art.PROJEKT,
        region=nord,
        steckbrief_freigegeben_am=timezone.now(),
    )
    return SimpleNamespace(
        organisation=organisation,
        kontakt=persona("amal@test.invalid", KONTAKT, "organisationskontakt", organisation),
    )


@pytest.fixture
def besuch(browser, live_server):
    """A phone of its own for an anonymous visitor; foreign requests in ``.fremde_anfragen``."""
    kontexte = []

    def neues_telefon():
        kontext = browser.new_context(locale="de-DE", **TELEFON)
        kontexte.append(kontext)
        handy = kontext.new_page()
        handy.on(
            "request",
            lambda request: (
                neues_telefon.fremde_anfragen.append(request.url)
                if not request.url.startswith((live_server.url, "data:", "blob:"))
                else None
            ),
        )
        return handy

    neues_telefon.fremde_anfragen = []
    yield neues_telefon
    for kontext in kontexte:
        kontext.close()


def _feld(page, label):
    """The field labelled exactly ``label`` (a required field's label ends in " *")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def _passt_aufs_telefon(page):
    breite = page.evaluate("document.documentElement.scrollWidth")
    assert breite <= 375, f"{page.url} scrolls sideways on a phone: {breite}px wide"


def _uebersetzung(page, sprache):
    """Opens the collapsed translation section of one language."""
    abschnitt = page.locator("details").filter(
        has=page.locator("summary").filter(has_text=re.compile(rf"^{sprache}$"))
    )
    abschnitt.locator("summary").click()
    expect(abschnitt).to_have_attribute("open", "")
    return abschnitt


def _zeitpunkt(tag, uhrzeit):
    return datetime.combine(tag, uhrzeit).strftime("%Y-%m-%dT%H:%M")


def _geladene_stylesheets(page):
    """Addresses of the style sheets the browser actually loaded (with rules)."""
    return page.evaluate(
        """() => [...document.styleSheets]
            .filter((blatt) => blatt.href && blatt.cssRules.length > 0)
            .map((blatt) => new URL(blatt.href).pathname)"""
    )


def _rechts_nach_links(page):
    # after the language switch's redirect the style sheets may still be on their way
    page.wait_for_load_state("load")
    html = page.locator("html")
    # the interface text has no Arabic catalogue yet: it is German and says so; the
    # translated texts carry lang="ar" themselves
    expect(html).to_have_attribute("lang", "de")
    expect(html).to_have_attribute("dir", "rtl")
    bootstrap = [p for p in _geladene_stylesheets(page) if "bootstrap" in p]
    assert [p.rsplit("/", 1)[-1] for p in bootstrap] == ["bootstrap.rtl.min.css"], bootstrap
    # the page really is laid out right to left: the content starts at the right edge
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def _satzende_rechts_vom_letzten_wort(absatz) -> bool:
    """Whether the full stop of a German sentence sits right of its last letter, where a
    German reader looks for it, rather than at the left edge of a right-to-left line."""
    return absatz.evaluate(
        """p => {
            const text = [...p.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).pop();
            const ende = text.textContent.trimEnd().length;
            const zeichen = i => {
                const r = document.createRange();
                r.setStart(text, i); r.setEnd(text, i + 1);
                return r.getBoundingClientRect();
            };
            return zeichen(ende - 1).left >= zeichen(ende - 2).right - 1;
        }"""
    )


def test_an_arabic_reader_finds_a_migrant_organisation_and_its_workshop(
    netzwerk, page, anmelden, besuch, live_server, fremde_anfragen
):
    url = live_server.url
    tag = timezone.localdate() + timedelta(days=7)

    # 1. the organisation's contact writes the Steckbrief in German and Arabic
    anmelden(page, netzwerk.kontakt)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hallo {KONTAKT}")
    abschnitt = page.get_by_role("region", name="Organisationskontakt")
    expect(abschnitt).to_contain_text(f"{ORGANISATION} · ")
    expect(abschnitt).to_contain_text("Steckbrief nicht öffentlich")
    _passt_aufs_telefon(page)
    abschnitt.get_by_role("link", name="Steckbrief bearbeiten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Steckbrief bearbeiten")
    expect(_feld(page, "Name")).to_have_value(ORGANISATION)
    expect(_feld(page, "Art")).to_have_value(Organisation.Art.MSO)
    expect(_feld(page, "Bezirk").locator("option:checked")).to_have_text("Pankow")
    _feld(page, "Communities").fill("syrische und irakische Familien")
    page.get_by_role("group", name="Sprachen").get_by_label("Arabisch", exact=True).check()
    _feld(page, "Wer wir sind").fill(BESCHREIBUNG)
    _feld(page, "Treffpunkt").fill("Nachbarschaftshaus, Pankow")
    arabisch = _uebersetzung(page, ARABISCH)
    beschreibung_ar = arabisch.get_by_label(f"Wer wir sind ({ARABISCH})")
    expect(beschreibung_ar).to_have_attribute("dir", "rtl")
    expect(beschreibung_ar).to_have_attribute("lang", "ar")
    beschreibung_ar.fill(BESCHREIBUNG_AR)
    zustimmung = page.get_by_label(
        "Wir sind einverstanden, dass dieser Steckbrief öffentlich im Verzeichnis erscheint."
    )
    expect(zustimmung).not_to_be_checked()
    zustimmung.check()
    _passt_aufs_telefon(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Der Steckbrief ist gespeichert und im Verzeichnis zu sehen."
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text(ORGANISATION)
    wer = page.get_by_role("region", name="Wer wir sind")
    expect(wer).to_contain_text(BESCHREIBUNG)
    expect(page.get_by_text("Dieser Steckbrief ist nicht öffentlich")).to_have_count(0)
    _passt_aufs_telefon(page)

    # 2. … and announces a public workshop with registration, its title also in Arabic
    im_menue(page, "Veranstaltungen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranstaltungen im Netzwerk")
    expect(page.get_by_text("Zurzeit sind keine Veranstaltungen angekündigt.")).to_be_visible()
    page.get_by_role("link", name="Veranstaltung anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranstaltung anlegen")
    _feld(page, "Art").select_option(label="Werkstatt")
    _feld(page, "Titel").fill(TITEL)
    _feld(page, "Beschreibung").fill("Wir lesen gemeinsam Briefe vom Jobcenter und vom LEA.")
    expect(_feld(page, "Veranstaltende Organisation").locator("option:checked")).to_have_text(
        ORGANISATION
    )
    _feld(page, "Stadt oder Region").select_option(label="Berlin-Nord")
    _feld(page, "Bezirk").select_option(label="Pankow")
    _feld(page, "Beginn").fill(_zeitpunkt(tag, time(17, 0)))
    _feld(page, "Ende").fill(_zeitpunkt(tag, time(19, 0)))
    _feld(page, "Veranstaltungsort").fill("Nachbarschaftshaus, Pankow")
    _feld(page, "Eintritt in Euro").fill("0")
    expect(_feld(page, "Öffentlich")).to_be_checked()
    _feld(page, "Mit Anmeldung").check()
    _feld(page, "Plätze").fill("20")
    sprachen = page.get_by_role("group", name="Sprachen der Veranstaltung")
    sprachen.get_by_label("Arabisch", exact=True).check()
    sprachen.get_by_label("Deutsch", exact=True).check()
    _feld(page, "Veröffentlicht").check()
    arabisch = _uebersetzung(page, ARABISCH)
    titel_ar = arabisch.get_by_label(f"Titel ({ARABISCH})")
    expect(titel_ar).to_have_attribute("dir", "rtl")
    titel_ar.fill(TITEL_AR)
    _passt_aufs_telefon(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Die Veranstaltung ist gespeichert.")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITEL)
    expect(page.get_by_text("Eintritt frei")).to_be_visible()
    expect(page.get_by_text("20 Plätze frei")).to_be_visible()
    expect(page.get_by_text("Werkstatt · ")).to_be_visible()
    expect(page.get_by_role("link", name=ORGANISATION)).to_be_visible()
    _passt_aufs_telefon(page)
    veranstaltung = page.url

    # … and signs out
    im_menue(page, "Abmelden")
    im_menue(page, "Anmelden")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")

    # 3. a visitor on her own phone finds the organisation in the directory
    leserin = besuch()
    leserin.goto(f"{url}/")
    im_menue(leserin, "Organisationen")
    expect(leserin.get_by_role("heading", level=1)).to_have_text("Verzeichnis der Organisationen")
    eintraege = leserin.get_by_role("main").get_by_role("listitem")
    expect(eintraege).to_have_count(2)
    filtern = leserin.get_by_role("form", name="Verzeichnis filtern")
    filtern.get_by_label("Bezirk").select_option(label="Pankow")
    filtern.get_by_label("Sprache", exact=True).select_option(label="Arabisch")
    filtern.get_by_role("button", name="Filtern").click()
    expect(eintraege).to_have_count(1)
    expect(eintraege.first.get_by_role("link")).to_have_text(ORGANISATION)
    expect(eintraege.first).to_contain_text("Migrant*innenselbstorganisation · Pankow")
    expect(eintraege.first).to_contain_text(BESCHREIBUNG)
    _passt_aufs_telefon(leserin)

    # … switches the interface to Arabic in the footer; the filter stays
    leserin.get_by_label("Sprache der Oberfläche").select_option("ar")
    leserin.get_by_role("button", name="Wechseln").click()
    _rechts_nach_links(leserin)
    expect(leserin.get_by_label("Sprache der Oberfläche")).to_have_value("ar")
    expect(leserin).to_have_url(re.compile(r"/netzwerk/verzeichnis/\?.*bezirk="))
    expect(eintraege).to_have_count(1)
    text_ar = eintraege.first.locator("p[lang]")
    expect(text_ar).to_have_text(BESCHREIBUNG_AR)
    expect(text_ar).to_have_attribute("lang", "ar")
    expect(text_ar).to_have_attribute("dir", "rtl")
    expect(eintraege.first).not_to_contain_text(BESCHREIBUNG)
    # the German interface text around it still reads left to right, aligned to the right
    einleitung = leserin.locator("main p.lead")
    assert _satzende_rechts_vom_letzten_wort(einleitung)
    assert einleitung.evaluate("p => getComputedStyle(p).textAlign") == "right"
    _passt_aufs_telefon(leserin)
    leserin.screenshot(path=BILD_VERZEICHNIS, full_page=True)

    # … reads the Steckbrief in Arabic, with the workshop under its Arabic title
    eintraege.first.get_by_role("link", name=ORGANISATION).click()
    _rechts_nach_links(leserin)
    wer = leserin.get_by_role("region", name="Wer wir sind")
    expect(wer.locator("p")).to_have_text(BESCHREIBUNG_AR)
    expect(wer.locator("p")).to_have_attribute("dir", "rtl")
    kommend = leserin.get_by_role("region", name="Kommende Veranstaltungen")
    expect(kommend.get_by_role("link", name=TITEL_AR)).to_have_attribute("dir", "rtl")
    _passt_aufs_telefon(leserin)

    # … and finds the workshop in the calendar, under its Arabic title, right to left
    leserin.goto(f"{url}/netzwerk/veranstaltungen/")
    _rechts_nach_links(leserin)
    karten = leserin.get_by_role("main").get_by_role("listitem")
    expect(karten).to_have_count(1)
    titel = karten.first.get_by_role("heading", level=2).get_by_role("link")
    expect(titel).to_have_text(TITEL_AR)
    expect(titel).to_have_attribute("lang", "ar")
    expect(titel).to_have_attribute("dir", "rtl")
    expect(karten.first).to_contain_text(ORGANISATION)
    expect(karten.first).to_contain_text("Pankow")
    expect(karten.first.locator("time")).to_have_attribute(
        "datetime", re.compile(rf"^{tag.isoformat()}T17:00:00")
    )
    expect(leserin.get_by_role("link", name="Veranstaltung anlegen")).to_have_count(0)
    _passt_aufs_telefon(leserin)
    leserin.screenshot(path=BILD_KALENDER, full_page=True)
    titel.click()
    assert leserin.url == veranstaltung
    expect(leserin.get_by_role("heading", level=1)).to_have_text(TITEL_AR)
    expect(leserin.get_by_role("heading", level=1)).to_have_attribute("dir", "rtl")
    expect(leserin.get_by_role("region", name="Anmeldung")).to_contain_text(
        "Zur Anmeldung melden Sie sich bitte an."
    )
    _passt_aufs_telefon(leserin)

    assert fremde_anfragen == []
    assert besuch.fremde_anfragen == []
