"""The invitation flow end to end: invite → link → password → scoped start page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from konten.models import Einladung
from tests.browser.menue import im_menue

pytestmark = pytest.mark.django_db(transaction=True)


def _link_aus(mail):
    return re.search(r"https?://\S+/konten/einladung/\S+/", mail.body).group(0)


def test_an_invited_regional_coordinator_lands_on_the_scoped_start_page(
    welt, browser, page, anmelden, mailoutbox, settings, live_server
):
    settings.SITE_URL = live_server.url
    anmelden(page, welt.admin)
    im_menue(page, "Einladungen")
    page.get_by_role("link", name="Neue Einladung").click()
    # htmx listens once the page has loaded; a choice made before would go unheard
    page.wait_for_load_state()
    page.get_by_label("E-Mail-Adresse der eingeladenen Person").fill("nora@test.invalid")
    page.get_by_label("Rolle").select_option(label="Regionalkoordination")
    # htmx loads the matching scope field once a role is chosen
    page.get_by_label("Bereich").select_option(label="Berlin-Nord")
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_role("status")).to_contain_text("nora@test.invalid")
    expect(page.get_by_role("cell", name="nora@test.invalid", exact=True)).to_be_visible()

    assert len(mailoutbox) == 1
    link = _link_aus(mailoutbox[0])

    eingeladen = browser.new_context(locale="de-DE").new_page()
    eingeladen.goto(link)
    expect(eingeladen.get_by_text("Die Rolle gilt für: Berlin-Nord.")).to_be_visible()
    eingeladen.get_by_label("Ihr Name, wie andere ihn sehen").fill("Nora Neu")
    eingeladen.locator("#id_password1").fill("Ein-gutes-Passwort-42")
    eingeladen.get_by_label("Passwort wiederholen").fill("Ein-gutes-Passwort-42")
    eingeladen.get_by_role("button", name="Konto anlegen").click()

    expect(eingeladen.get_by_role("heading", level=1)).to_have_text("Hallo Nora Neu")
    abschnitt = eingeladen.get_by_role("region", name="Regionalkoordination")
    expect(abschnitt.get_by_role("link", name="Berlin-Nord")).to_be_visible()
    expect(eingeladen.get_by_text("Berlin-Südost")).to_have_count(0)

    nochmal = browser.new_context(locale="de-DE").new_page()
    nochmal.goto(link)
    expect(nochmal.get_by_role("alert")).to_contain_text("bereits angenommen")


def test_an_expired_link_says_so_in_the_browser(
    welt, page, mailoutbox, settings, live_server, django_capture_on_commit_callbacks
):
    from konten.services import einladung_anlegen

    settings.SITE_URL = live_server.url
    einladung = einladung_anlegen(welt.admin, "spaet@test.invalid", "freiwillige")
    Einladung.objects.filter(pk=einladung.pk).update(gueltig_bis=timezone.now() - timedelta(days=1))
    page.goto(_link_aus(mailoutbox[0]))
    expect(page.get_by_role("alert")).to_contain_text("abgelaufen")
