"""Each role signs in through the real login form and sees its own start page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

START_ABSCHNITT = {
    "admin": "Plattform-Admin",
    "verwaltung": "Verwaltung",
    "fortbildung": "Fortbildungsteam",
    "rk_nord": "Regionalkoordination",
    "rk_suedost": "Regionalkoordination",
    "freiwillig": "Freiwillige",
}


@pytest.mark.parametrize("persona", sorted(START_ABSCHNITT))
def test_each_role_signs_in_and_sees_its_start_page(persona, welt, page, anmelden, fremde_anfragen):
    user = welt.personas[persona]
    anmelden(page, user)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hallo {user.anzeigename}")
    expect(page.get_by_role("heading", level=2, name=START_ABSCHNITT[persona])).to_be_visible()
    assert fremde_anfragen == []


def test_a_regional_coordinator_sees_only_its_own_region(welt, page, anmelden):
    anmelden(page, welt.rk_nord)
    abschnitt = page.get_by_role("region", name="Regionalkoordination")
    expect(abschnitt.get_by_role("link", name="Berlin-Nord")).to_be_visible()
    expect(page.get_by_text("Berlin-Südost")).to_have_count(0)


def test_a_wrong_password_shows_a_message_at_the_form(welt, page, anmelden):
    anmelden(page, welt.freiwillig, passwort="falsch")
    expect(page.get_by_role("alert")).to_contain_text("E-Mail-Adresse oder Passwort stimmen nicht")


def test_the_first_tab_stop_is_the_skip_link_to_the_content(db, page, live_server):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    fokus = page.evaluate("document.activeElement.textContent.trim()")
    assert fokus == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhalt"


def test_the_language_switch_turns_the_page_english(db, page, live_server):
    page.goto(f"{live_server.url}/konten/anmelden/")
    page.get_by_label("Sprache der Oberfläche").select_option("en")
    page.get_by_role("button", name="Wechseln").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    expect(page.locator("html")).to_have_attribute("lang", "en")
