"""A jour fixe from start to carried-over action item, the coordinators on phones:
the regional coordinator creates a monthly series → one shelter coordinator proposes a topic →
another votes → the agenda is published → attendance is taken → minutes with an action item
are published → the item heads the next Termin's agenda."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from konten import roles
from tests.factories import BezirkFactory, RegionFactory, UnterkunftFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TELEFON = {"viewport": {"width": 375, "height": 812}, "locale": "de-DE", "is_mobile": True}
REIHE = "Jour fixe Nord"
THEMA = "Winterkleidung verteilen"
AUFGABE = "Kleiderspenden beim Bezirksamt anfragen"


@pytest.fixture
def nord(db):
    """Region Nord with two shelters, each with its own coordinator, and Nord's coordinator."""
    region = RegionFactory(name="Berlin-Nord", slug="berlin-nord")
    pankow = BezirkFactory(name="Pankow", slug="pankow", region=region)
    ahornhof = UnterkunftFactory(name="Unterkunft Ahornhof", bezirk=pankow)
    lindenhof = UnterkunftFactory(name="Unterkunft Lindenhof", bezirk=pankow)

    def person(email, anzeigename, rolle, scope):
        user = UserFactory(email=email, anzeigename=anzeigename)
        roles.rolle(rolle).grant(user, scope)
        return user

    return SimpleNamespace(
        region=region,
        rk=person("rk-nord@test.invalid", "Rana Nord", "regionalkoordination", region),
        ek_a=person("ek-a@test.invalid", "Emma Ahornhof", "ehrenamtskoordination", ahornhof),
        ek_l=person("ek-l@test.invalid", "Lars Lindenhof", "ehrenamtskoordination", lindenhof),
    )


@pytest.fixture
def telefon(browser, anmelden, live_server):
    """Signs a person in on a phone of their own; every request to anywhere but our server
    is noted in ``telefon.fremde_anfragen``. The phones are put away after the test."""
    kontexte = []

    def auf_dem_telefon(user):
        kontext = browser.new_context(**TELEFON)
        kontexte.append(kontext)
        handy = kontext.new_page()
        handy.on(
            "request",
            lambda request: (
                auf_dem_telefon.fremde_anfragen.append(request.url)
                if not request.url.startswith((live_server.url, "data:", "blob:"))
                else None
            ),
        )
        anmelden(handy, user)
        return handy

    auf_dem_telefon.fremde_anfragen = []
    yield auf_dem_telefon
    for kontext in kontexte:
        kontext.close()


def _feld(page, label):
    """The field labelled exactly ``label`` (a required field's label ends in " *"), in the
    page's content (the menu's groups carry names like "Region" too)."""
    return page.get_by_role("main").get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def _passt_aufs_telefon(page):
    breite = page.evaluate("document.documentElement.scrollWidth")
    assert breite <= 375, f"{page.url} scrolls sideways on a phone: {breite}px wide"


# The first Termin is moved to two hours from now and must still start today, for attendance
# and minutes: the server's clock stands at the afternoon of the run's day.
@pytest.mark.uhr(uhrzeit="14:00")
def test_a_jour_fixe_from_series_to_carried_over_action_item(nord, telefon, live_server):
    jetzt = timezone.localtime()
    beginn = jetzt.replace(second=0, microsecond=0) + timedelta(hours=2)
    ende = min(beginn + timedelta(hours=1), beginn.replace(hour=23, minute=59))
    url = live_server.url

    # the regional coordinator creates a monthly series whose topics stay open until it starts
    rk = telefon(nord.rk)
    rk.goto(f"{url}/regionen/jourfixe/")
    _passt_aufs_telefon(rk)
    rk.get_by_role("link", name="Neue Reihe").click()
    expect(rk.get_by_role("heading", level=1)).to_have_text("Neue Jour-fixe-Reihe")
    _feld(rk, "Region").select_option(label="Berlin-Nord")
    _feld(rk, "Titel").fill(REIHE)
    _feld(rk, "Rhythmus").select_option(label="monatlich, an einem bestimmten Wochentag")
    _feld(rk, "Am").select_option(label="zweiten")
    _feld(rk, "Wochentag").select_option(label="Mittwoch")
    _feld(rk, "Ab dem").fill(jetzt.date().isoformat())
    _feld(rk, "Beginn").fill("10:00")
    _feld(rk, "Ende").fill("12:00")
    _feld(rk, "Ort").fill("Bezirksamt Pankow, Raum 101")
    _feld(rk, "Eingeladen sind").select_option(label="alle Ehrenamtskoordinationen der Region")
    _feld(rk, "Themen bis so viele Tage vorher").fill("0")
    _passt_aufs_telefon(rk)
    rk.get_by_role("button", name="Reihe anlegen").click()
    expect(rk.get_by_role("status")).to_contain_text("Die Reihe ist angelegt")
    expect(rk.get_by_role("heading", level=1)).to_have_text(REIHE)
    expect(rk.get_by_text("2 Personen eingeladen · Themen bis 0 Tage vorher")).to_be_visible()
    _passt_aufs_telefon(rk)
    kommende = rk.get_by_role("region", name="Kommende Termine").get_by_role("link")
    expect(kommende.nth(1)).to_be_visible()
    naechster_termin = kommende.nth(1).get_attribute("href")

    # … and moves the first Termin to today, two hours from now
    kommende.first.click()
    erster_termin = rk.url
    rk.get_by_role("link", name="Verschieben oder Ort ändern").click()
    _feld(rk, "Datum").fill(beginn.date().isoformat())
    _feld(rk, "Beginn").fill(f"{beginn:%H:%M}")
    _feld(rk, "Ende").fill(f"{ende:%H:%M}")
    _passt_aufs_telefon(rk)
    rk.get_by_role("button", name="Speichern und Eingeladene benachrichtigen").click()
    expect(rk.get_by_role("status")).to_contain_text("Der Termin ist geändert")
    assert rk.url == erster_termin
    expect(rk.locator("time").first).to_contain_text(f"{beginn:%H:%M}")

    # a shelter coordinator says she comes and proposes a topic
    emma = telefon(nord.ek_a)
    emma.goto(f"{url}/regionen/jourfixe/")
    karte = emma.get_by_role("listitem").filter(has=emma.get_by_role("link", name=REIHE)).first
    karte.get_by_role("button", name="Ich komme", exact=True).click()
    expect(emma.get_by_role("status")).to_contain_text("Ihre Antwort ist gespeichert.")
    _passt_aufs_telefon(emma)
    emma.get_by_role("link", name=REIHE).first.click()
    assert emma.url == erster_termin
    _feld(emma, "Thema").fill(THEMA)
    emma.get_by_label("Worum geht es? (freiwillig)").fill("Wer sammelt, wer verteilt?")
    emma.get_by_role("button", name="Vorschlagen").click()
    expect(emma.get_by_role("status")).to_contain_text("Ihr Thema ist vorgeschlagen.")
    themen = emma.get_by_role("region", name="Themenvorschläge")
    expect(themen).to_contain_text(THEMA)
    expect(themen).to_contain_text("Emma Ahornhof · 0 Stimmen")
    _passt_aufs_telefon(emma)

    # another shelter's coordinator votes for it
    lars = telefon(nord.ek_l)
    lars.goto(erster_termin)
    lars.get_by_role("button", name=f"Für „{THEMA}“ stimmen").click()
    expect(lars.get_by_role("status")).to_contain_text("Ihre Stimme ist gezählt.")
    expect(lars.get_by_role("region", name="Themenvorschläge")).to_contain_text("1 Stimme")
    expect(lars.get_by_role("button", name=f"Stimme für „{THEMA}“ zurückziehen")).to_be_visible()
    _passt_aufs_telefon(lars)

    # the regional coordinator puts the topic on the agenda and publishes it
    rk.reload()
    agenda = rk.get_by_role("region", name="Tagesordnung")
    agenda.get_by_role("checkbox", name=re.compile(re.escape(THEMA))).check()
    agenda.get_by_role("button", name="Tagesordnung veröffentlichen").click()
    expect(rk.get_by_role("status")).to_contain_text("Die Tagesordnung ist veröffentlicht")
    expect(agenda.get_by_role("listitem")).to_have_text([THEMA])
    _passt_aufs_telefon(rk)
    lars.reload()
    expect(lars.get_by_role("region", name="Tagesordnung").get_by_role("listitem")).to_have_text(
        [THEMA]
    )

    # on the day: attendance on the phone
    rk.get_by_role("link", name="Anwesenheit erfassen").click()
    expect(rk.get_by_role("heading", level=1)).to_have_text("Anwesenheit")
    expect(rk.get_by_role("checkbox")).to_have_count(2)
    _passt_aufs_telefon(rk)
    for name in ("Emma Ahornhof", "Lars Lindenhof"):
        # the whole row is the tap target (its label covers the small box)
        rk.get_by_role("listitem").filter(has_text=name).click()
        expect(rk.get_by_role("checkbox", name=name)).to_be_checked()
    rk.get_by_role("button", name="Anwesenheit speichern").click()
    expect(rk.get_by_role("status")).to_contain_text("Die Anwesenheit ist gespeichert.")
    assert rk.url == erster_termin
    rk.get_by_role("link", name="Anwesenheit erfassen").click()
    expect(rk.get_by_role("checkbox", name="Emma Ahornhof")).to_be_checked()
    expect(rk.get_by_role("checkbox", name="Lars Lindenhof")).to_be_checked()
    rk.goto(erster_termin)

    # minutes with an action item, published
    rk.get_by_role("link", name="Protokoll und Aufgaben").click()
    expect(rk.get_by_role("heading", level=1)).to_have_text("Protokoll")
    faellig = jetzt.date() + timedelta(days=14)
    _feld(rk, "Aufgabe").fill(AUFGABE)
    _feld(rk, "verantwortlich").select_option(label="Emma Ahornhof")
    _feld(rk, "fällig am").fill(faellig.isoformat())
    rk.get_by_role("button", name="Aufgabe hinzufügen").click()
    expect(rk.get_by_role("status")).to_contain_text("Die Aufgabe ist angelegt.")
    expect(rk.get_by_role("region", name="Aufgaben")).to_contain_text(AUFGABE)
    _feld(rk, "Protokoll").fill("Die Sammelstellen sind verteilt.")
    _feld(rk, "Beschlüsse").fill("Jede Unterkunft meldet ihren Bedarf.")
    _passt_aufs_telefon(rk)
    rk.get_by_role("button", name="Speichern und veröffentlichen").click()
    expect(rk.get_by_role("status")).to_contain_text("Das Protokoll ist veröffentlicht.")
    assert rk.url == erster_termin
    protokoll = rk.get_by_role("region", name="Protokoll")
    expect(protokoll).to_contain_text("Die Sammelstellen sind verteilt.")
    expect(protokoll).to_contain_text(AUFGABE)

    # the coordinators read the minutes; the open item heads the next Termin's agenda
    emma.goto(erster_termin)
    expect(emma.get_by_role("region", name="Protokoll")).to_contain_text(
        "Jede Unterkunft meldet ihren Bedarf."
    )
    emma.goto(f"{url}{naechster_termin}")
    assert emma.url != erster_termin
    uebertragen = emma.locator("#uebertragene-aufgaben")
    expect(uebertragen).to_contain_text(AUFGABE)
    expect(uebertragen).to_contain_text("Emma Ahornhof")
    expect(uebertragen).to_contain_text(f"fällig am {faellig:%d.%m.%Y}")
    _passt_aufs_telefon(emma)
    assert telefon.fremde_anfragen == []
