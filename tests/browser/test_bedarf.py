"""A shelter coordinator posts a need; a volunteer finds it on the public board."""

import pytest
from playwright.sync_api import expect

from tests.browser.menue import im_menue

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_posted_need_is_found_by_a_volunteer_on_the_board(
    welt, browser, page, anmelden, live_server, fremde_anfragen
):
    anmelden(page, welt.ek_a)
    im_menue(page, "Meine Unterkunft")
    page.get_by_role("link", name="Unterkunft Ahornhof").click()
    page.get_by_role("link", name="Bedarf veröffentlichen").first.click()

    page.get_by_role("textbox", name="Titel", exact=True).fill("Arabisch-Deutsch Tandem")
    page.get_by_label("Tätigkeitsfeld").select_option(label="Sprachmittlung")
    page.get_by_label("Arabisch").check()
    page.get_by_label("Anzahl gesuchter Helfer*innen").fill("2")
    zeile = page.locator("#id_zeitfenster-0-wochentag")
    zeile.select_option(label="Donnerstag")
    page.locator("#id_zeitfenster-0-von").fill("17:00")
    page.locator("#id_zeitfenster-0-bis").fill("19:00")
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.get_by_role("status")).to_contain_text("Der Bedarf ist veröffentlicht.")
    expect(page.get_by_role("heading", name="Arabisch-Deutsch Tandem")).to_be_visible()

    freiwillig = browser.new_context(locale="de-DE", viewport={"width": 375, "height": 740})
    board = freiwillig.new_page()
    anmelden(board, welt.freiwillig)
    board.goto(f"{live_server.url}/bedarfe/")
    board.get_by_label("Bezirk").select_option(label="Pankow")
    board.get_by_label("Sprache", exact=True).select_option(label="Arabisch")
    board.get_by_label("Wochentag").select_option(label="Donnerstag")
    board.get_by_role("button", name="Suchen").click()
    board.get_by_role("link", name="Arabisch-Deutsch Tandem").click()
    expect(board.get_by_role("heading", level=1)).to_have_text("Arabisch-Deutsch Tandem")
    expect(board.get_by_text("Pankow")).to_be_visible()
    expect(board.get_by_text("Geheimweg")).to_have_count(0)
    assert board.evaluate("document.documentElement.scrollWidth") <= 375
    assert fremde_anfragen == []
