"""The main menu fits every screen: each persona, at phone, laptop and desktop widths, finds
every entry visible inside the window (after opening the toggler where there is one), and
reaches every entry with the keyboard alone."""

import pytest

from tests.conftest import PERSONAS
from tests.factories import PASSWORT

pytestmark = pytest.mark.django_db(transaction=True)

BREITEN = (375, 1024, 1280, 1920)
#: the collapsed menu (phones) and the narrowest window with the open bar
MIT_TASTATUR = (375, 1024)
NAVIGATION = "nav[aria-label='Hauptnavigation']"


@pytest.fixture
def angemeldet(welt_ganz, browser, live_server):
    """persona name -> a page signed in as that persona (one browser context each)."""
    kontexte = []

    def oeffnen(name):
        kontext = browser.new_context(locale="de-DE", reduced_motion="reduce")
        kontexte.append(kontext)
        seite = kontext.new_page()
        user = welt_ganz.personas[name]
        if user is not None:
            seite.goto(f"{live_server.url}/konten/anmelden/")
            seite.get_by_label("E-Mail-Adresse").fill(user.email)
            seite.get_by_label("Passwort").fill(PASSWORT)
            seite.get_by_role("button", name="Anmelden").click()
            seite.wait_for_load_state()
        return seite

    yield oeffnen
    for kontext in kontexte:
        kontext.close()


def _eintraege(seite) -> list[dict]:
    """Every entry of the main menu: links and the buttons that open a group."""
    return seite.eval_on_selector_all(
        f"{NAVIGATION} a, {NAVIGATION} button",
        """elemente => elemente.map(e => ({
            text: e.textContent.trim(), href: e.getAttribute('href') || '',
            gruppe: e.classList.contains('dropdown-toggle'),
            imMenue: !!e.closest('.dropdown-menu'),
            toggler: e.classList.contains('navbar-toggler')}))""",
    )


#: entries of the menu that are shown now but lie outside the window or under something else
_VERDECKT = """([auswahl, breite]) => [...document.querySelectorAll(auswahl)]
    .filter(e => e.offsetParent !== null)
    .filter(e => {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.left < 0 || r.right > breite + 0.5) return true;
        const oben = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !(oben && (oben === e || e.contains(oben)));
    })
    .map(e => e.textContent.trim())"""


def _menue_oeffnen(seite):
    toggler = seite.locator(f"{NAVIGATION} .navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        seite.locator("#hauptmenue.show").wait_for()


def _alle_sichtbar(seite, breite, name):
    """Opens the toggler and every group in turn; each entry lies inside the window, on top."""
    _menue_oeffnen(seite)
    oben = f"{NAVIGATION} .navbar-nav > li > a, {NAVIGATION} .navbar-nav > li > button"
    assert seite.evaluate(_VERDECKT, [oben, breite]) == [], f"{name}: hidden entries"
    gruppen = seite.locator(f"{NAVIGATION} .dropdown-toggle")
    for i in range(gruppen.count()):
        gruppe = gruppen.nth(i)
        gruppe.click()
        menue = f"{NAVIGATION} .dropdown-menu.show a, {NAVIGATION} .dropdown-menu.show button"
        assert seite.locator(menue).count() > 0
        verdeckt = seite.evaluate(_VERDECKT, [menue, breite])
        assert verdeckt == [], f"{name}: {gruppe.text_content().strip()} › {verdeckt}"
        gruppe.click()  # closes it again


def _fokus(seite) -> str:
    return seite.evaluate(
        """() => { const e = document.activeElement;
                   return e && e.closest("nav[aria-label='Hauptnavigation']")
                     ? (e.getAttribute('href') || e.textContent.trim()) : ''; }"""
    )


def _mit_tastatur(seite) -> set[str]:
    """Walks the menu with Tab, opening each group with Enter and its entries with the arrow
    keys, as someone without a mouse would; returns what received the focus."""
    _menue_oeffnen(seite)
    seite.locator("body").focus()
    erreicht = set()
    for _schritt in range(80):
        seite.keyboard.press("Tab")
        fokus = _fokus(seite)
        if not fokus:
            if erreicht:
                break  # left the menu
            continue
        erreicht.add(fokus)
        ist_gruppe = seite.evaluate("document.activeElement.classList.contains('dropdown-toggle')")
        if ist_gruppe:
            seite.keyboard.press("Enter")
            anzahl = seite.locator(
                f"{NAVIGATION} .dropdown-menu.show a, {NAVIGATION} .dropdown-menu.show button"
            ).count()
            for _punkt in range(anzahl):
                seite.keyboard.press("ArrowDown")
                erreicht.add(_fokus(seite))
            seite.keyboard.press("Escape")
    return erreicht


@pytest.mark.parametrize("name", PERSONAS)
def test_every_menu_entry_is_visible_and_reachable_by_keyboard_at_every_width(
    name, angemeldet, live_server
):
    seite = angemeldet(name)
    for breite in BREITEN:
        seite.set_viewport_size({"width": breite, "height": 900})
        seite.goto(f"{live_server.url}/")
        eintraege = _eintraege(seite)
        assert any(e["text"] == "Start" for e in eintraege)
        if name != "anonym":
            assert any(e["text"] == "Abmelden" for e in eintraege)

        _alle_sichtbar(seite, breite, f"{name} at {breite}px")
        if breite in MIT_TASTATUR:
            seite.goto(f"{live_server.url}/")
            erreicht = _mit_tastatur(seite)
            fehlen = [
                e["text"]
                for e in eintraege
                if not e["toggler"] and (e["href"] or e["text"]) not in erreicht
            ]
            assert fehlen == [], f"{name} at {breite}px: not reached by keyboard: {fehlen}"

        breite_seite = seite.evaluate("document.documentElement.scrollWidth")
        assert breite_seite <= breite, f"{name}: the start page is {breite_seite}px wide"


def test_the_current_page_is_marked_in_the_menu(angemeldet, live_server):
    seite = angemeldet("rk_nord")
    seite.set_viewport_size({"width": 1280, "height": 900})
    seite.goto(f"{live_server.url}/unterkuenfte/")
    aktuell = seite.locator(f"{NAVIGATION} [aria-current='page']")
    assert aktuell.count() == 1
    assert aktuell.get_attribute("href") == "/unterkuenfte/"
    gruppe = seite.locator(f"{NAVIGATION} .dropdown-toggle.active")
    assert gruppe.text_content().strip() == "Region"
