"""A volunteer's whole journey on a phone, and the coordinator's side of it:
register → verify → declarations → profile → apply → police clearance recorded → accepted →
the volunteer sees the address and the assignment."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.menue import im_menue
from tests.factories import PASSWORT
from unterkuenfte.models import Anforderungsart

pytestmark = pytest.mark.django_db(transaction=True)

TELEFON = {"viewport": {"width": 375, "height": 812}, "locale": "de-DE", "is_mobile": True}


def _link_aus(mail):
    return re.search(r"https?://\S+/freiwillige/registrieren/\S+/", mail.body).group(0)


def _anmelden(page, url, email):
    page.goto(f"{url}/konten/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(PASSWORT)
    page.get_by_role("button", name="Anmelden").click()


def test_from_sign_up_to_an_accepted_assignment(welt, browser, mailoutbox, settings, live_server):
    settings.SITE_URL = live_server.url
    welt.unterkunft_a.anforderungen.set([Anforderungsart.objects.get(slug="fuehrungszeugnis")])
    handy = browser.new_context(**TELEFON).new_page()

    # sign up: nothing but a name, an address and a language
    handy.goto(f"{live_server.url}/")
    handy.get_by_role("link", name="Als Freiwillige*r registrieren").click()
    handy.get_by_label("Ihr Name").fill("Nadia Neu")
    handy.get_by_label("E-Mail-Adresse").fill("nadia@test.invalid")
    handy.get_by_role("button", name="Link zur Bestätigung senden").click()
    expect(handy.get_by_role("heading", level=1)).to_have_text("Bitte prüfen Sie Ihr Postfach")

    # the mailed link: choose a password, then accept both declarations
    assert [mail.to for mail in mailoutbox] == [["nadia@test.invalid"]]
    handy.goto(_link_aus(mailoutbox[0]))
    handy.locator("#id_new_password1").fill("Ein-gutes-Passwort-42")
    handy.get_by_label("Neues Passwort bestätigen").fill("Ein-gutes-Passwort-42")
    handy.get_by_role("button", name="Konto anlegen").click()
    expect(handy.get_by_role("heading", level=1)).to_have_text("Bitte lesen und bestätigen")
    handy.get_by_role("checkbox", name=re.compile("Datenschutzhinweise für Freiwillige")).check()
    handy.get_by_role("checkbox", name=re.compile("Verpflichtung zur Verschwiegenheit")).check()
    handy.get_by_role("button", name="Zustimmen und weiter").click()

    # the profile: a language, a weekly time, the home district
    expect(handy.get_by_role("heading", level=1)).to_have_text("Mein Profil")
    handy.locator("#id_sprachen-0-sprache").select_option(label="Persisch (Farsi)")
    handy.locator("#id_sprachen-0-niveau").select_option(label="Muttersprache")
    handy.locator("#id_zeiten-0-wochentag").select_option(label="Mittwoch")
    handy.locator("#id_zeiten-0-von").fill("15:00")
    handy.locator("#id_zeiten-0-bis").fill("19:00")
    handy.get_by_label("Wohnbezirk").select_option(label="Pankow")
    handy.get_by_role("button", name="Profil speichern").click()
    expect(handy.get_by_role("status")).to_contain_text("Ihr Profil ist gespeichert.")

    # matching needs with reasons; apply to shelter A's
    im_menue(handy, "Passende Bedarfe")
    karte = handy.get_by_role("listitem").filter(has_text="Deutsch am Abend")
    expect(karte).to_contain_text("Mi 16–18 passt")
    expect(karte).to_contain_text("in Ihrem Bezirk")
    karte.get_by_role("link", name="Bewerben").click()
    expect(handy.get_by_text("Unterkunft Ahornhof")).to_be_visible()
    expect(handy.get_by_text("Geheimweg")).to_have_count(0)
    handy.get_by_label("Kurze Nachricht an die Koordination").fill("Ich spreche Farsi.")
    handy.get_by_role("button", name="Bewerbung absenden").click()
    expect(handy.get_by_role("status")).to_contain_text("Ihre Bewerbung ist bei „")

    # the coordinator of shelter A: acceptance is refused until the check is recorded
    koordination = browser.new_context(locale="de-DE").new_page()
    _anmelden(koordination, live_server.url, welt.ek_a.email)
    im_menue(koordination, "Bewerbungen")
    koordination.get_by_role("row", name=re.compile("Nadia Neu")).get_by_role("link").click()
    expect(koordination.get_by_text("Ich spreche Farsi.")).to_be_visible()
    koordination.get_by_role("button", name="Annehmen").click()
    expect(koordination.get_by_role("status")).to_contain_text(
        "„Erweitertes Führungszeugnis“ fehlt."
    )
    koordination.get_by_role("link", name="Nachweis vermerken").click()
    koordination.get_by_label("Art").select_option(label="Erweitertes Führungszeugnis")
    koordination.get_by_label("ausgestellt am").fill(
        (timezone.localdate() - timedelta(days=14)).isoformat()
    )
    koordination.get_by_label("eingesehen am").fill(timezone.localdate().isoformat())
    koordination.get_by_role("button", name="Vermerken").click()
    expect(koordination.get_by_role("status")).to_contain_text("Der Nachweis ist vermerkt.")
    koordination.get_by_role("link", name="Deutsch am Abend").click()
    koordination.get_by_role("button", name="Annehmen").click()
    expect(koordination.get_by_role("status").first).to_contain_text("Angenommen.")

    # back on the phone: the assignment, now with the address
    im_menue(handy, "Meine Einsätze")
    handy.get_by_role("link", name="Deutsch am Abend").click()
    expect(handy.get_by_text("Geheimweg 1")).to_be_visible()
    expect(handy.get_by_role("heading", level=1)).to_have_text("Einsatz: Deutsch am Abend")
