"""Volunteer figures per region: regional coordination sees its regions as numbers only."""

from django.urls import reverse

from freiwillige.kennzahlen import regionen_mit_kennzahlen


def test_regional_coordination_sees_figures_of_its_own_regions_only(welt, client_als):
    seite = client_als(welt.rk_suedost).get(reverse("freiwillige:kennzahlen")).content.decode()
    assert "Berlin-Südost" in seite
    assert "Berlin-Nord" not in seite
    # figures, never people
    for name in ("Hanna Helferin", "Bea Bewerberin", "Finn Freiwillig"):
        assert name not in seite


def test_small_counts_of_people_are_coarsened(welt, client_als):
    # Südost: Hanna lives in Neukölln and works at shelter B, Finn applied there
    suedost = next(r for r in regionen_mit_kennzahlen(welt.rk_suedost) if r.pk == welt.suedost.pk)
    assert (suedost.freiwillige, suedost.einsaetze_aktiv, suedost.bewerbungen_wartend) == (1, 1, 1)
    seite = client_als(welt.rk_suedost).get(reverse("freiwillige:kennzahlen")).content.decode()
    assert "unter 3" in seite


def test_people_without_a_region_to_report_on_are_refused(welt, client_als):
    for persona in (welt.freiwillig, welt.ek_a, welt.org_a):
        assert client_als(persona).get(reverse("freiwillige:kennzahlen")).status_code == 403
