"""Region reports: the figures, the protection of small numbers, periods and frozen months."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from berichte.bericht import GESAMT, bericht_erstellen
from berichte.models import Berichtsstand
from berichte.tasks import berichte_einfrieren, einfrieren
from berichte.zeitraum import Periode
from tests.factories import (
    AnmeldungFactory,
    BedarfFactory,
    BezirkFactory,
    RegionFactory,
    TeilnahmeFactory,
    UnterkunftFactory,
)

from .hilfen import einsaetze, monat, stunden, vor_dem_monat


def _zellen(bericht, key=None):
    spalte = bericht.spalten[0] if key is None else next(s for s in bericht.spalten if s.key == key)
    return spalte.zellen


def _werte(bericht, zeile):
    return {s.titel: s.zellen[zeile].text for s in bericht.spalten}


# --- what is counted ---------------------------------------------------------------------


def test_a_region_counts_its_shelters_volunteers_assignments_and_confirmed_hours(welt):
    nord = einsaetze(welt.bedarf_a, 6)
    for einsatz in nord[:5]:
        stunden(einsatz, "2.5")
    stunden(nord[5], "9")
    nord[5].stunden.update(bestaetigt_am=None)  # not confirmed: not counted

    zellen = _zellen(bericht_erstellen(welt.nord, monat()))

    assert zellen["unterkuenfte"].wert == 1
    assert zellen["freiwillige_aktiv"].wert == 6
    assert zellen["freiwillige_neu"].wert == 6
    assert zellen["einsaetze"].wert == 6
    assert zellen["stunden"].wert == 12.5
    assert zellen["stunden"].text == "12,5"
    assert zellen["bedarfe_offen"].wert == 1  # the paused need is not open


def test_someone_who_helped_before_is_active_but_not_new(welt):
    einsaetze(welt.bedarf_a, 5, beginn=vor_dem_monat(), praefix="alt")  # still running
    einsaetze(welt.bedarf_a, 5, praefix="neu")

    zellen = _zellen(bericht_erstellen(welt.nord, monat()))

    assert zellen["freiwillige_aktiv"].wert == 10
    assert zellen["freiwillige_neu"].wert == 5


def test_an_assignment_that_ended_before_the_period_is_not_counted(welt):
    beendet = einsaetze(welt.bedarf_a, 5, beginn=vor_dem_monat(90))
    for einsatz in beendet:
        einsatz.ende = vor_dem_monat(30)
        einsatz.save()

    assert _zellen(bericht_erstellen(welt.nord, monat()))["freiwillige_aktiv"].wert == 0
    frueher = bericht_erstellen(welt.nord, Periode.monat_von(vor_dem_monat(60)))
    assert _zellen(frueher)["freiwillige_aktiv"].wert == 5


def test_assignments_are_counted_per_field_of_activity(welt):
    einsaetze(welt.bedarf_a, 7)

    felder = dict(bericht_erstellen(welt.nord, monat()).spalten[0].je_feld)

    assert felder["Deutschkurs"].text == "7"


def test_a_region_above_counts_the_regions_below_it(welt):
    einsaetze(welt.bedarf_a, 6)
    einsaetze(welt.bedarf_b, 4)  # with Hanna, already working at shelter B: 5

    bericht = bericht_erstellen(welt.berlin, monat(), nebeneinander=True)

    assert _werte(bericht, "freiwillige_aktiv") == {
        "Berlin-Nord": "6",
        "Berlin-Südost": "5",
        "Berlin gesamt": "11",
    }


def test_the_whole_platform_is_one_column_for_the_administration(welt):
    einsaetze(welt.bedarf_a, 6)
    einsaetze(welt.bedarf_b, 4)  # with Hanna: 5
    anderswo = UnterkunftFactory()  # in a region of its own, beside Berlin
    einsaetze(BedarfFactory(unterkunft=anderswo), 5)

    bericht = bericht_erstellen(None, monat(), nebeneinander=True)

    assert bericht.spalten[-1].key == GESAMT
    assert bericht.spalten[-1].zellen["freiwillige_aktiv"].text == "16"


def test_the_jour_fixe_rate_is_the_share_of_shelters_represented(welt):
    from django.utils import timezone

    termin = welt.termin_nord
    termin.beginn = timezone.now() - timedelta(hours=3)
    termin.ende = timezone.now() - timedelta(hours=1)
    termin.save()
    TeilnahmeFactory(termin=termin, person=welt.ek_a, anwesend=True)
    UnterkunftFactory(bezirk=welt.unterkunft_a.bezirk)  # a second shelter in Nord, not there

    zellen = _zellen(bericht_erstellen(welt.nord, Periode.monat_von(termin.beginn.date())))

    assert zellen["jourfixe"].wert == 1
    assert zellen["jourfixe_quote"].text == "50 %"


# --- small numbers ------------------------------------------------------------------------


def test_three_volunteers_show_as_fewer_than_five(welt):
    einsaetze(welt.bedarf_b, 2)  # with Hanna: 3

    zellen = _zellen(bericht_erstellen(welt.suedost, monat()))

    assert zellen["freiwillige_aktiv"].text == "< 5"
    assert zellen["freiwillige_aktiv"].wert is None
    assert zellen["unterkuenfte"].text == "1"  # shelters are no people


def test_a_total_that_would_give_a_hidden_region_away_is_hidden_too(welt):
    einsaetze(welt.bedarf_a, 6)
    einsaetze(welt.bedarf_b, 2)  # Südost: 3

    bericht = bericht_erstellen(welt.berlin, monat(), nebeneinander=True)

    assert _werte(bericht, "freiwillige_aktiv") == {
        "Berlin-Nord": "6",
        "Berlin-Südost": "< 5",
        "Berlin gesamt": "verborgen",
    }
    # and the same region reads the same on its own page
    assert _zellen(bericht_erstellen(welt.berlin, monat()))["freiwillige_aktiv"].text == "verborgen"


def test_two_hidden_regions_leave_the_total_visible(welt):
    west = RegionFactory(name="Berlin-West", oberregion=welt.berlin)
    spandau = BezirkFactory(name="Spandau", region=west)
    einsaetze(welt.bedarf_a, 6)
    einsaetze(welt.bedarf_b, 2)
    einsaetze(BedarfFactory(unterkunft=UnterkunftFactory(bezirk=spandau)), 2)

    bericht = bericht_erstellen(welt.berlin, monat(), nebeneinander=True)

    werte = _werte(bericht, "freiwillige_aktiv")
    assert werte["Berlin-Südost"] == werte["Berlin-West"] == "< 5"
    assert werte["Berlin gesamt"] == "11"


def test_hours_of_fewer_than_five_people_are_hidden(welt):
    for einsatz in einsaetze(welt.bedarf_a, 2):
        stunden(einsatz, "4")

    assert _zellen(bericht_erstellen(welt.nord, monat()))["stunden"].text == "< 5"


def test_one_small_field_of_activity_hides_the_next_smallest_as_well(welt):
    einsaetze(welt.bedarf_a, 9)
    kueche = BedarfFactory(
        unterkunft=welt.unterkunft_a, taetigkeitsfeld=_feld("kueche"), titel="Küche"
    )
    einsaetze(kueche, 2, praefix="k")
    sport = BedarfFactory(unterkunft=welt.unterkunft_a, taetigkeitsfeld=_feld("freizeit-sport"))
    einsaetze(sport, 6, praefix="s")

    felder = {
        name: zelle.text for name, zelle in bericht_erstellen(welt.nord, monat()).spalten[0].je_feld
    }

    assert felder["Küche"] == "< 5"
    assert felder["Freizeit und Sport"] == "verborgen"  # else 17 − 9 − 6 gives Küche away
    assert felder["Deutschkurs"] == "9"


def _feld(slug):
    from unterkuenfte.models import Taetigkeitsfeld

    return Taetigkeitsfeld.objects.get(slug=slug)


def test_registrations_count_coordinators_and_volunteers_of_the_region(welt):
    from tests.factories import UserFactory, freiwillige_bereit

    for nummer in range(5):
        person = UserFactory(email=f"lernt{nummer}@test.invalid")
        freiwillige_bereit(person, heimatbezirk=welt.unterkunft_a.bezirk)
        AnmeldungFactory(kurs=welt.kurs_freiwillige, person=person)

    zellen = _zellen(bericht_erstellen(welt.nord, monat()))

    # ek_a (a coordinator of Nord) registered twice in the fixture, this month too
    assert zellen["anmeldungen"].text == "7"


# --- periods ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schluessel", "von", "bis", "vorher"),
    [
        ("2026-11", date(2026, 11, 1), date(2026, 12, 1), "2026-10"),
        ("2026-01", date(2026, 1, 1), date(2026, 2, 1), "2025-12"),
        ("2026-Q1", date(2026, 1, 1), date(2026, 4, 1), "2025-Q4"),
        ("2026", date(2026, 1, 1), date(2027, 1, 1), "2025"),
    ],
)
def test_a_period_knows_its_days_and_the_one_before(schluessel, von, bis, vorher):
    periode = Periode.aus_schluessel(schluessel)
    assert (periode.von, periode.bis, periode.vorige().schluessel) == (von, bis, vorher)


@pytest.mark.parametrize("falsch", ["2026-13", "2026-Q5", "November", "", "1999"])
def test_anything_else_is_refused_with_a_sentence(falsch):
    with pytest.raises(ValueError, match="Zeitraum|Monat"):
        Periode.aus_schluessel(falsch)


# --- frozen periods -----------------------------------------------------------------------


def test_a_frozen_month_keeps_its_figures_after_the_volunteers_are_deleted(welt, client_als):
    from konten.models import User

    letzter = monat().vorige()
    einsaetze(welt.bedarf_a, 6, beginn=letzter.von)
    erledigt = berichte_einfrieren(monat().von.isoformat())
    assert erledigt[letzter.schluessel] > 0
    assert Berichtsstand.objects.filter(region=welt.nord, periode=letzter.schluessel).exists()

    from freiwillige.models import Bewerbung, Einsatz

    personen = User.objects.filter(email__startswith=f"p{welt.bedarf_a.pk}-")
    Einsatz.objects.filter(person__in=personen).delete()
    Bewerbung.objects.filter(person__in=personen).delete()
    personen.delete()

    seite = client_als(welt.verwaltung).get(
        reverse("berichte:region", args=[welt.nord.pk]) + f"?zeitraum={letzter.schluessel}"
    )
    html = seite.content.decode()
    assert "Berichtsstand eingefroren am" in html
    assert _zellen(bericht_erstellen(welt.nord, letzter))["freiwillige_aktiv"].text == "6"
    # the live figures have changed: only the frozen month kept them
    Berichtsstand.objects.all().delete()
    assert _zellen(bericht_erstellen(welt.nord, letzter))["freiwillige_aktiv"].wert == 0


def test_freezing_twice_keeps_the_first_figures(welt):
    einsaetze(welt.bedarf_a, 6)
    assert einfrieren(monat()) > 0
    einsaetze(welt.bedarf_a, 5, praefix="spaeter")

    assert einfrieren(monat()) == 0
    assert _zellen(bericht_erstellen(welt.nord, monat()))["freiwillige_aktiv"].wert == 6


def test_the_job_freezes_the_last_month_quarter_and_year(welt):
    assert set(berichte_einfrieren("2027-01-01")) == {"2026-12", "2026-Q4", "2026"}
    assert Berichtsstand.objects.filter(region__isnull=True, periode="2026").count() == 1


def test_the_command_freezes_a_closed_period_and_refuses_an_open_one(welt, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("berichte_einfrieren", "--zeitraum", monat().vorige().schluessel)
    assert "frozen" in capsys.readouterr().out
    assert Berichtsstand.objects.filter(periode=monat().vorige().schluessel).exists()
    for falsch in (monat().schluessel, "2026-13"):
        with pytest.raises(CommandError):
            call_command("berichte_einfrieren", "--zeitraum", falsch)


def test_running_periods_are_stored_provisionally_and_refreshed(welt, client_als):
    from berichte.tasks import zwischenstaende_berechnen

    einsaetze(welt.bedarf_a, 6)
    zwischenstaende_berechnen()
    stand = Berichtsstand.objects.get(region=welt.nord, periode=monat().schluessel)
    assert stand.vorlaeufig and stand.zahlen["freiwillige_aktiv"] == 6

    einsaetze(welt.bedarf_a, 5, praefix="spaeter")
    bericht = bericht_erstellen(welt.nord, monat())
    assert bericht.vorlaeufig
    assert _zellen(bericht)["freiwillige_aktiv"].wert == 6  # the stored figures are read
    html = client_als(welt.verwaltung).get(
        reverse("berichte:region", args=[welt.nord.pk]) + f"?zeitraum={monat().schluessel}"
    )
    assert "Vorläufiger Stand vom" in html.content.decode()

    zwischenstaende_berechnen()  # the next hour
    assert _zellen(bericht_erstellen(welt.nord, monat()))["freiwillige_aktiv"].wert == 11
    assert Berichtsstand.objects.filter(region=welt.nord, periode=monat().schluessel).count() == 1


def test_freezing_a_closed_period_replaces_its_provisional_figures(welt):
    letzter = monat().vorige()
    einfrieren(letzter, vorlaeufig=True)
    einsaetze(welt.bedarf_a, 6, beginn=letzter.von)

    assert einfrieren(letzter) > 0
    stand = Berichtsstand.objects.get(region=welt.nord, periode=letzter.schluessel)
    assert not stand.vorlaeufig and stand.zahlen["freiwillige_aktiv"] == 6
