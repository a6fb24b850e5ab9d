"""Every role's pages on a 375 px phone: nothing scrolls sideways, every table either stacks
into cards or scrolls in a named region that says so, and no label, button or select cuts its
text. The world has long names (shelter, operator, list, volunteer, e-mail address) and a
third region beside Nord and Südost, so that a page that could overflow does."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.telefon import seite_pruefen
from tests.conftest import PERSONAS
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db(transaction=True)

TELEFON = {"width": 375, "height": 740}
KLEINES_TELEFON = {"width": 320, "height": 568}


def _lange_namen(welt):
    """Names as long as real ones get, with the compounds German is known for."""
    welt.unterkunft_a.name = "Gemeinschaftsunterkunft Ahornhof am Nordgraben-Uferweg (Haus A bis C)"
    welt.unterkunft_a.save()
    welt.traeger_a.name = "Träger Alpha – Gemeinnützige Gesellschaft für Flüchtlingshilfe mbH"
    welt.traeger_a.save()
    welt.bedarf_a.titel = "Deutsch am Abend für Erwachsene mit Kinderbetreuung und Hausaufgaben"
    welt.bedarf_a.save()
    welt.verteiler_nord.name = "Netzwerk Nord der Migrant*innenselbstorganisationen"
    welt.verteiler_nord.save()
    welt.veranstaltung_alpha.titel = "Werkstatt Ehrenamtskoordination: Willkommenskultur gestalten"
    welt.veranstaltung_alpha.save()
    welt.bea.anzeigename = "Beatrix Bewerberin-Oberländer"
    welt.bea.email = "beatrix.bewerberin-oberlaender@nachbarschaftsverein-pankow.test.invalid"
    welt.bea.save()
    RegionFactory(name="Berlin-Charlottenburg-Wilmersdorf", oberregion=welt.berlin)


def _seiten(w) -> dict[str, list[str]]:
    """Each persona's start page, the list pages its menu leads to, and the detail pages and
    forms with the widest content it reaches (tables, formsets, checkbox groups)."""
    u = reverse
    return {
        "anonym": [
            u("start"),
            u("konten:login"),
            u("freiwillige:registrieren"),
            u("unterkuenfte:board"),
            u("unterkuenfte:bedarf", args=[w.bedarf_a.pk]),
            u("netzwerk:kalender"),
            u("netzwerk:veranstaltung", args=[w.veranstaltung_alpha.pk]),
            u("netzwerk:verzeichnis"),
            u("fortbildung:kalender"),
        ],
        "admin": [
            u("start"),
            u("konten:einladungen"),
            u("berichte:uebersicht"),
            u("unterkuenfte:liste"),
            u("freiwillige:bewerbungen"),
            u("fortbildung:verwaltung"),
            u("netzwerk:verteiler_liste"),
        ],
        "verwaltung": [
            u("start"),
            u("berichte:uebersicht"),
            u("berichte:region", args=[w.nord.pk]),
            u("freiwillige:kennzahlen"),
        ],
        "fortbildung": [
            u("start"),
            u("fortbildung:verwaltung"),
            u("fortbildung:teilnehmende", args=[w.kurs_basis.pk]),
            u("fortbildung:kurs_bearbeiten", args=[w.kurs_basis.pk]),
            u("fortbildung:kalender"),
            u("fortbildung:wuensche"),
            u("konten:einladungen"),
        ],
        "rk_nord": [
            u("start"),
            u("regionen:liste"),
            u("regionen:detail", args=[w.nord.pk]),
            u("unterkuenfte:liste"),
            u("unterkuenfte:hausverbote", args=[w.unterkunft_a.pk]),
            u("freiwillige:kennzahlen"),
            u("berichte:uebersicht"),
            u("regionen:termine"),
            u("netzwerk:verteiler_liste"),
            u("netzwerk:verteiler", args=[w.verteiler_nord.pk]),
        ],
        "rk_suedost": [
            u("start"),
            u("regionen:liste"),
            u("regionen:detail", args=[w.suedost.pk]),
            u("unterkuenfte:liste"),
            u("berichte:uebersicht"),
        ],
        "freiwillig": [
            u("start"),
            u("freiwillige:bedarfe"),
            u("freiwillige:bewerbungen"),
            u("freiwillige:einsaetze"),
            u("freiwillige:profil"),
            u("unterkuenfte:board"),
            u("netzwerk:kalender"),
            u("netzwerk:verzeichnis"),
            u("netzwerk:meine"),
            u("fortbildung:meine"),
        ],
        "ek_a": [
            u("start"),
            u("unterkuenfte:detail", args=[w.unterkunft_a.pk]),
            u("unterkuenfte:bedarf_bearbeiten", args=[w.bedarf_a.pk]),
            u("unterkuenfte:hausverbote", args=[w.unterkunft_a.pk]),
            u("freiwillige:bewerbungen"),
            u("freiwillige:bewerbung", args=[w.bewerbung_a.pk]),
            u("freiwillige:person", args=[w.bea.profil.pk]),
            u("freiwillige:einsaetze"),
            u("regionen:termin", args=[w.termin_nord.pk]),
            u("konten:einladungen"),
        ],
        "ek_b": [
            u("start"),
            u("unterkuenfte:detail", args=[w.unterkunft_b.pk]),
            u("freiwillige:bewerbungen"),
            u("freiwillige:einsaetze"),
            u("freiwillige:einsatz", args=[w.einsatz_b.pk]),
        ],
        "org_a": [
            u("start"),
            u("netzwerk:organisation", args=[w.traeger_a.pk]),
            u("netzwerk:organisation_bearbeiten", args=[w.traeger_a.pk]),
            u("unterkuenfte:aufrufe", args=[w.traeger_a.pk]),
            u("unterkuenfte:aufruf_erstellen", args=[w.traeger_a.pk]),
            u("netzwerk:meine"),
            u("netzwerk:teilnehmende", args=[w.veranstaltung_alpha.pk]),
            u("netzwerk:verteiler_liste"),
            u("netzwerk:verteiler", args=[w.verteiler_alpha.pk]),
            u("freiwillige:bewerbungen"),
            u("freiwillige:einsaetze"),
        ],
        "org_b": [
            u("start"),
            u("netzwerk:organisation", args=[w.traeger_b.pk]),
            u("netzwerk:organisation_bearbeiten", args=[w.traeger_b.pk]),
            u("unterkuenfte:aufrufe", args=[w.traeger_b.pk]),
            u("netzwerk:meine"),
        ],
    }


@pytest.fixture
def telefon(browser, browser_context_args, live_server):
    """telefon(user, groesse) is a phone signed in as ``user``: one browser context whose
    session cookie comes from the test client, shared by all pages the test opens."""
    kontexte = []

    def oeffnen(user, groesse=TELEFON):
        kontext = browser.new_context(**browser_context_args, viewport=groesse)
        kontexte.append(kontext)
        if user is not None:
            client = Client()
            client.force_login(user)
            sitzung = client.cookies[settings.SESSION_COOKIE_NAME].value
            kontext.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": sitzung, "url": live_server.url}]
            )
        return kontext.new_page()

    yield oeffnen
    for kontext in kontexte:
        kontext.close()


def _probleme(page, url, pfade) -> list[str]:
    probleme = []
    for pfad in pfade:
        antwort = page.goto(f"{url}{pfad}")
        assert antwort.status == 200, f"{pfad} answers {antwort.status}"
        probleme += [f"{pfad}: {problem}" for problem in seite_pruefen(page)]
    return probleme


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_of_a_role_fits_a_375_pixel_phone(persona, welt_ganz, telefon, live_server):
    _lange_namen(welt_ganz)
    page = telefon(welt_ganz.personas[persona])
    assert _probleme(page, live_server.url, _seiten(welt_ganz)[persona]) == []


def _formulare(w) -> dict[str, list[str]]:
    """The forms with weekday rows, formsets, checkbox groups and long select entries."""
    u = reverse
    return {
        "freiwillig": [u("freiwillige:profil")],
        "ek_a": [
            u("unterkuenfte:bedarf_bearbeiten", args=[w.bedarf_a.pk]),
            u("unterkuenfte:bedarf_erstellen", args=[w.unterkunft_a.pk]),
            u("unterkuenfte:hausverbote", args=[w.unterkunft_a.pk]),
            u("freiwillige:person", args=[w.bea.profil.pk]),
        ],
        "org_a": [
            u("netzwerk:organisation_bearbeiten", args=[w.traeger_a.pk]),
            u("unterkuenfte:aufruf_erstellen", args=[w.traeger_a.pk]),
        ],
        "rk_nord": [
            u("netzwerk:verteiler", args=[w.verteiler_nord.pk]),
            u("regionen:serie_erstellen"),
        ],
        "fortbildung": [
            u("fortbildung:kurs_bearbeiten", args=[w.kurs_basis.pk]),
            u("fortbildung:kurs_erstellen"),
        ],
    }


@pytest.mark.parametrize("persona", ["freiwillig", "ek_a", "org_a", "rk_nord", "fortbildung"])
def test_forms_keep_weekdays_and_labels_whole_on_a_320_pixel_phone(
    persona, welt_ganz, telefon, live_server
):
    _lange_namen(welt_ganz)
    page = telefon(welt_ganz.personas[persona], KLEINES_TELEFON)
    assert _probleme(page, live_server.url, _formulare(welt_ganz)[persona]) == []


def test_a_report_wider_than_the_phone_scrolls_in_its_region_and_says_so(
    welt_ganz, telefon, live_server
):
    _lange_namen(welt_ganz)
    page = telefon(welt_ganz.verwaltung)
    page.goto(f"{live_server.url}{reverse('berichte:uebersicht')}")
    bereich = page.get_by_role("region", name="Kennzahlen je Region")
    hinweis = page.locator(".tabelle", has=bereich).get_by_text("Tabelle seitlich verschiebbar")
    expect(hinweis).to_be_visible()

    bereich.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=bereich.element_handle())

    page.set_viewport_size({"width": 1200, "height": 800})
    expect(hinweis).to_be_hidden()


def test_a_list_of_shelters_turns_into_one_card_per_shelter(welt_ganz, telefon, live_server):
    _lange_namen(welt_ganz)
    page = telefon(welt_ganz.rk_nord)
    page.goto(f"{live_server.url}{reverse('unterkuenfte:liste')}")
    karte = page.get_by_role("row", name=welt_ganz.unterkunft_a.name)
    name, bezirk = karte.get_by_role("cell").nth(0), karte.get_by_role("cell").nth(1)
    assert bezirk.bounding_box()["y"] >= name.bounding_box()["y"] + name.bounding_box()["height"]
    beschriftung = bezirk.evaluate("el => getComputedStyle(el, '::before').content")
    assert beschriftung.startswith('"Bezirk"')  # its column's name, shown beside the value
