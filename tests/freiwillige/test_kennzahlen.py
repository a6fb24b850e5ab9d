"""Volunteer figures per region: regional coordination sees its regions as numbers only,
and small numbers of people are hidden by the reports' rule (common/kleinzahlen.py)."""

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from freiwillige.kennzahlen import regionen_mit_kennzahlen
from tests.berichte.hilfen import einsaetze, stunden

#: the columns of the page that count people, and the hours that belong to people
PERSONEN_SPALTEN = (0, 2, 3)
STUNDEN = 4


def _zeilen(client) -> dict:
    """Per region shown, its cells as the page renders them."""
    antwort = client.get(reverse("freiwillige:kennzahlen"))
    assert antwort.status_code == 200
    seite = html.unescape(antwort.content.decode())
    zeilen = re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', seite, re.S)
    return {
        name: [z.strip() for z in re.findall(r"<td[^>]*>(.*?)</td>", zellen)]
        for name, zellen in zeilen
    }


def test_regional_coordination_sees_figures_of_its_own_regions_only(welt, client_als):
    seite = client_als(welt.rk_suedost).get(reverse("freiwillige:kennzahlen")).content.decode()
    assert "Berlin-Südost" in seite
    assert "Berlin-Nord" not in seite
    # figures, never people
    for name in ("Hanna Helferin", "Bea Bewerberin", "Finn Freiwillig"):
        assert name not in seite


def test_small_counts_of_people_are_hidden(welt, client_als):
    # Südost: Hanna lives in Neukölln and works at shelter B, Finn applied there
    suedost = next(r for r in regionen_mit_kennzahlen(welt.rk_suedost) if r.pk == welt.suedost.pk)
    assert (suedost.freiwillige, suedost.einsaetze_aktiv, suedost.bewerbungen_wartend) == (1, 1, 1)
    zellen = _zeilen(client_als(welt.rk_suedost))["Berlin-Südost"]
    assert [zellen[i] for i in PERSONEN_SPALTEN] == ["< 5", "< 5", "< 5"]


@pytest.mark.parametrize("gruppe", range(1, 7))
def test_a_group_below_five_is_hidden_with_its_hours_and_the_total_above_it(
    gruppe, welt, client_als
):
    """Südost: ``gruppe`` volunteers at work (Hanna and more), three confirmed hours each;
    Nord: seven, so that Berlin's total minus Nord's would give Südost's group away."""
    tag = timezone.localdate() - timedelta(days=5)
    for einsatz in [welt.einsatz_b, *einsaetze(welt.bedarf_b, gruppe - 1, praefix="s")]:
        stunden(einsatz, "3", tag)
    for einsatz in einsaetze(welt.bedarf_a, 7, praefix="n"):
        stunden(einsatz, "3", tag)

    for persona in (welt.verwaltung, welt.admin):
        zeilen = _zeilen(client_als(persona))
        nord, suedost, berlin = zeilen["Berlin-Nord"], zeilen["Berlin-Südost"], zeilen["Berlin"]
        assert (nord[3], nord[STUNDEN]) == ("7", "21")
        if gruppe < 5:
            assert (suedost[3], suedost[STUNDEN]) == ("< 5", "< 5")
            assert (berlin[3], berlin[STUNDEN]) == ("verborgen", "verborgen")
        else:
            assert (suedost[3], suedost[STUNDEN]) == (str(gruppe), str(3 * gruppe))
            assert (berlin[3], berlin[STUNDEN]) == (str(7 + gruppe), str(21 + 3 * gruppe))
        for zellen in zeilen.values():
            for spalte in PERSONEN_SPALTEN:
                assert zellen[spalte] not in {"1", "2", "3", "4"}


def test_people_without_a_region_to_report_on_are_refused(welt, client_als):
    for persona in (welt.freiwillig, welt.ek_a, welt.org_a):
        assert client_als(persona).get(reverse("freiwillige:kennzahlen")).status_code == 403
