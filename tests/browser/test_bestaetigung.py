"""Destructive actions ask first, in a real browser: with htmx the question takes the place
of the button's form (under the site's Content-Security-Policy without inline scripts, which
csp_wache in conftest.py holds every page to); without JavaScript it comes as a page of its
own. Only the confirming button acts."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from freiwillige.models import Einsatz
from regionen.models import JourFixeSerie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TELEFON = {"viewport": {"width": 375, "height": 812}, "locale": "de-DE", "is_mobile": True}


@pytest.fixture
def telefon(browser, anmelden):
    kontext = browser.new_context(**TELEFON)
    yield kontext.new_page()
    kontext.close()


def test_ending_an_assignment_asks_in_place_and_only_the_confirmation_ends_it(
    welt, telefon, anmelden, live_server
):
    anmelden(telefon, welt.ek_b)
    einsatz = live_server.url + reverse("freiwillige:einsatz", args=[welt.einsatz_b.pk])
    telefon.goto(einsatz)

    telefon.get_by_role("button", name="Einsatz beenden").click()
    frage = telefon.get_by_role(
        "heading", name="Einsatz von Hanna Helferin in Unterkunft Birkenhain beenden?"
    )
    expect(frage).to_be_visible()
    expect(frage).to_be_focused()
    expect(telefon.get_by_text("Hanna Helferin wird benachrichtigt.")).to_be_visible()
    assert telefon.url == einsatz
    assert telefon.evaluate("document.documentElement.scrollWidth") <= 375
    assert Einsatz.objects.get(pk=welt.einsatz_b.pk).status == "aktiv"

    telefon.get_by_role("link", name="Abbrechen").click()
    expect(telefon.get_by_role("button", name="Pausieren")).to_be_visible()
    assert Einsatz.objects.get(pk=welt.einsatz_b.pk).status == "aktiv"

    telefon.get_by_role("button", name="Einsatz beenden").click()
    bestaetigung = telefon.locator("section.bestaetigung")
    bestaetigung.get_by_role("button", name="Einsatz beenden").click()
    expect(telefon.get_by_role("status")).to_contain_text("Der Einsatz ist jetzt „beendet“.")
    assert Einsatz.objects.get(pk=welt.einsatz_b.pk).status == "beendet"


def test_without_javascript_the_question_is_a_page_of_its_own(welt, browser, anmelden, live_server):
    kontext = browser.new_context(java_script_enabled=False, locale="de-DE")
    seite = kontext.new_page()
    anmelden(seite, welt.rk_nord)
    seite.goto(live_server.url + reverse("regionen:serie", args=[welt.serie_nord.pk]))

    seite.get_by_role("button", name="Reihe beenden (künftige Termine entfallen)").click()
    expect(seite.get_by_role("heading", level=1)).to_have_text(
        "Die Reihe „Jour fixe Nord“ beenden?"
    )
    expect(seite.get_by_text(re.compile(r"^\d+ künftige Termine entfallen\.$"))).to_be_visible()
    expect(seite.get_by_text("1 eingeladene Person wird benachrichtigt.")).to_be_visible()
    assert JourFixeSerie.objects.get(pk=welt.serie_nord.pk).beendet_am is None

    seite.get_by_role("button", name="Reihe beenden").click()
    expect(seite.get_by_role("status").first).to_contain_text("Die Reihe ist beendet")
    assert JourFixeSerie.objects.get(pk=welt.serie_nord.pk).beendet_am is not None
    kontext.close()
