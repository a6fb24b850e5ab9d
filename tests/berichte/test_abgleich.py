"""Figures that agree: where two pages count the same thing they show the same number for
the same data, and where they deliberately count something else, their labels say what.

Each test builds the data, renders both places as their readers would, and compares."""

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from netzwerk.models import Mitgliedschaft
from tests.factories import (
    BedarfFactory,
    BewerbungFactory,
    MitgliedschaftFactory,
    OrganisationFactory,
    UserFactory,
    VerteilerFactory,
    freiwillige_bereit,
)

from .hilfen import einsaetze, monat


def zeitraum_abfrage() -> str:
    return f"?zeitraum={monat().schluessel}"


def _text(antwort) -> str:
    assert antwort.status_code == 200
    return html.unescape(antwort.content.decode())


def _kennzahlen(client) -> tuple[list[str], dict]:
    """ "Freiwillige in Zahlen": the column headings and, per region, its figures."""
    seite = _text(client.get(reverse("freiwillige:kennzahlen")))
    kopf = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', seite)[1:]
    zeilen = re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', seite, re.S)
    return kopf, {
        name: [z.strip() for z in re.findall(r"<td[^>]*>(.*?)</td>", zellen)]
        for name, zellen in zeilen
    }


def _bericht(client) -> tuple[list[str], dict]:
    """The running month's report of Berlin: the column titles, and per row label its cells."""
    seite = _text(client.get(reverse("berichte:uebersicht") + zeitraum_abfrage()))
    tabelle = re.split(r"<caption[^>]*>", seite)[1].split("</table>")[0]
    spalten = re.findall(r'<th scope="col" class="text-end">(?:<a[^>]*>)?([^<]+)', tabelle)
    zeilen = re.findall(r'<th scope="row" class="fw-normal">(.*?)</th>(.*?)</tr>', tabelle, re.S)
    return spalten, {
        label: [z.strip() for z in re.findall(r"<td[^>]*>(.*?)</td>", zellen)]
        for label, zellen in zeilen
    }


def _offene_bedarfe(welt):
    """Nord: shelter A's open need and six more, two of them closed since; Südost: shelter
    B's open need and two more."""
    for nummer in range(6):
        BedarfFactory(unterkunft=welt.unterkunft_a, status="geschlossen" if nummer < 2 else "offen")
    BedarfFactory.create_batch(2, unterkunft=welt.unterkunft_b)


def test_open_needs_in_the_figures_and_in_the_running_months_report_agree(welt, client_als):
    _offene_bedarfe(welt)
    client = client_als(welt.verwaltung)

    kopf, kennzahlen = _kennzahlen(client)
    spalten, bericht = _bericht(client)

    spalte = kopf.index("offene Bedarfe (jetzt)")
    offen = bericht["Offene Bedarfe zum Berichtsstand"]
    je_region = dict(zip(spalten, offen, strict=True))
    assert (kennzahlen["Berlin-Nord"][spalte], je_region["Berlin-Nord"]) == ("5", "5")
    assert (kennzahlen["Berlin-Südost"][spalte], je_region["Berlin-Südost"]) == ("3", "3")
    assert (kennzahlen["Berlin"][spalte], je_region["Berlin gesamt"]) == ("8", "8")


def test_waiting_applications_in_the_figures_and_on_the_shelters_start_page_agree(welt, client_als):
    """Nord has one shelter (A): its figure is that shelter's inbox, Bea's open application
    and four asked back (five: fewer would be hidden)."""
    for nummer in range(4):
        person = UserFactory(email=f"rueckfrage{nummer}@test.invalid")
        freiwillige_bereit(person)
        BewerbungFactory(bedarf=welt.bedarf_a, person=person, status="rueckfrage")

    kopf, kennzahlen = _kennzahlen(client_als(welt.admin))
    start = _text(client_als(welt.ek_a).get(reverse("start")))

    auf_der_startseite = re.search(r"(\d+) Bewerbungen warten auf Entscheidung", start)[1]
    spalte = kopf.index("Bewerbungen, die auf Entscheidung warten (jetzt)")
    assert kennzahlen["Berlin-Nord"][spalte] == auf_der_startseite == "5"


def test_volunteers_are_counted_two_ways_and_both_pages_say_which(welt, client_als):
    """Nord: six people at work on shelter A's need, living nowhere in particular; the
    profiles of Finn and Bea name Pankow (Nord) as their home."""
    einsaetze(welt.bedarf_a, 6)
    client = client_als(welt.verwaltung)

    kopf, kennzahlen = _kennzahlen(client)
    spalten, bericht = _bericht(client)

    profile = kennzahlen["Berlin-Nord"][
        kopf.index("Freiwillige mit aktivem Profil (nach Wohnbezirk)")
    ]
    im_einsatz = dict(zip(spalten, bericht["Freiwillige im Einsatz"], strict=True))
    assert (profile, im_einsatz["Berlin-Nord"]) == ("< 5", "6")
    seite = _text(client.get(reverse("freiwillige:kennzahlen")))
    assert "dort sind „Freiwillige im Einsatz“ alle Personen mit einem Einsatz" in seite
    bericht_seite = _text(client.get(reverse("berichte:uebersicht") + zeitraum_abfrage()))
    assert "gezählt am Ort des Bedarfs" in bericht_seite
    assert "Freiwilligen mit aktivem Profil nach ihrem Wohnbezirk" in bericht_seite


def test_the_figures_page_says_it_counts_now_and_the_last_90_days(welt, client_als):
    kopf, _zeilen = _kennzahlen(client_als(welt.verwaltung))

    assert kopf == [
        "Freiwillige mit aktivem Profil (nach Wohnbezirk)",
        "offene Bedarfe (jetzt)",
        "Bewerbungen, die auf Entscheidung warten (jetzt)",
        "aktive Einsätze (jetzt, ohne pausierte)",
        "bestätigte Stunden der letzten 90 Tage",
    ]


@pytest.fixture
def netzwerk_berlin(welt):
    """Berlin's list (of the city, not of a region): three organisations working in Nord,
    two in Südost, one naming only Berlin, one inactive in Nord."""
    verteiler = VerteilerFactory(name="MSO-Netzwerk Berlin", region=welt.berlin)
    pankow, neukoelln = welt.unterkunft_a.bezirk, welt.unterkunft_b.bezirk
    orte = [(welt.berlin, pankow)] * 3 + [(welt.berlin, neukoelln)] * 2 + [(welt.berlin, None)]
    for region, bezirk in orte:
        organisation = OrganisationFactory(region=region, bezirk=bezirk)
        MitgliedschaftFactory(verteiler=verteiler, organisation=organisation)
    ruhend = OrganisationFactory(region=welt.nord)
    MitgliedschaftFactory(
        verteiler=verteiler,
        organisation=ruhend,
        status=Mitgliedschaft.Status.INAKTIV,
        letzte_aktivitaet=timezone.now() - timedelta(days=400),
    )
    return welt


def test_member_organisations_count_in_the_region_they_work_in_and_in_the_total(
    netzwerk_berlin, client_als
):
    spalten, bericht = _bericht(client_als(netzwerk_berlin.verwaltung))

    assert spalten == ["Berlin-Nord", "Berlin-Südost", "Berlin gesamt"]
    assert bericht["Aktive Mitgliedsorganisationen"] == ["3", "2", "6"]
    assert bericht["Inaktive Mitgliedsorganisationen"] == ["1", "0", "1"]


def test_a_list_of_a_region_does_not_count_its_members_elsewhere(netzwerk_berlin, client_als):
    """Nord's own list with an organisation working in Südost: it counts in Nord (its
    list's region) and in the total, and not in Südost, which the list does not cover."""
    welt = netzwerk_berlin
    verteiler = VerteilerFactory(name="Netzwerk Nord", region=welt.nord)
    gast = OrganisationFactory(region=welt.suedost, bezirk=welt.unterkunft_b.bezirk)
    MitgliedschaftFactory(verteiler=verteiler, organisation=gast)

    _spalten, bericht = _bericht(client_als(welt.verwaltung))

    assert bericht["Aktive Mitgliedsorganisationen"] == ["4", "2", "7"]


def test_the_region_dashboard_and_its_digest_give_the_same_fill_rate(welt, client_als):
    """Nord's open needs: shelter A's (none of 2 places taken) and an organisation's call
    for helpers (1 of 2 taken): a quarter of the places, on both pages."""
    welt.traeger_a.region = welt.nord
    welt.traeger_a.save(update_fields=["region"])
    BedarfFactory(unterkunft=None, organisation=welt.traeger_a, anzahl_besetzt=1)

    dashboard = _text(client_als(welt.rk_nord).get(reverse("regionen:detail", args=[welt.nord.pk])))
    digest = _text(
        client_als(welt.admin).get(
            reverse("benachrichtigungen:vorschau", args=[welt.rk_nord.pk]) + "?rhythmus=taeglich"
        )
    )

    assert "offene Bedarfe zu 25 % besetzt" in dashboard
    assert "Füllgrad der offenen Bedarfe: 25 %" in digest
