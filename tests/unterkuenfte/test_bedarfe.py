"""Posting, pausing and closing needs, and finding them on the public board."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from common.models import Sprache
from tests.bestaetigung import BESTAETIGT
from unterkuenfte.models import Bedarf
from unterkuenfte.services import abgelaufene_bedarfe_schliessen
from unterkuenfte.tasks import bedarfe_abgelaufen_schliessen


def _formular(**werte):
    daten = {
        "titel": "Kochen mit Kindern",
        "taetigkeitsfeld": "",
        "beschreibung": "Wir kochen jeden Mittwoch.",
        "anzahl_helfende": "3",
        "beginn": timezone.localdate().isoformat(),
        "ende": "",
        "einmalig_am": "",
        "sprachen": [],
        "zeitfenster-TOTAL_FORMS": "1",
        "zeitfenster-INITIAL_FORMS": "0",
        "zeitfenster-MIN_NUM_FORMS": "0",
        "zeitfenster-MAX_NUM_FORMS": "14",
        "zeitfenster-0-wochentag": "2",
        "zeitfenster-0-von": "16:00",
        "zeitfenster-0-bis": "18:00",
    }
    daten.update(werte)
    return daten


def _feld(slug):
    from unterkuenfte.models import Taetigkeitsfeld

    return str(Taetigkeitsfeld.objects.get(slug=slug).pk)


def test_a_coordinator_posts_a_need_and_it_appears_on_the_board(welt, client_als):
    client = client_als(welt.ek_a)
    url = reverse("unterkuenfte:bedarf_erstellen", args=[welt.unterkunft_a.pk])
    arabisch = Sprache.objects.get(code="ar")
    response = client.post(url, _formular(taetigkeitsfeld=_feld("kueche"), sprachen=[arabisch.pk]))
    assert response.status_code == 302
    bedarf = Bedarf.objects.get(titel="Kochen mit Kindern")
    assert bedarf.zeitfenster.get().wochentag == 2
    board = client_als(None).get(reverse("unterkuenfte:board"), {"sprache": "ar", "wochentag": 2})
    assert "Kochen mit Kindern" in board.content.decode()
    seite = client_als(None).get(reverse("unterkuenfte:bedarf", args=[bedarf.pk])).content.decode()
    # the kitchen field brings the food-hygiene instruction (§ 43 IfSG) along
    assert "Belehrung Lebensmittelhygiene" in seite


def test_a_need_without_times_is_refused_with_a_reason(welt, client_als):
    response = client_als(welt.ek_a).post(
        reverse("unterkuenfte:bedarf_erstellen", args=[welt.unterkunft_a.pk]),
        _formular(
            taetigkeitsfeld=_feld("deutschkurs"),
            **{"zeitfenster-0-wochentag": "", "zeitfenster-0-von": "", "zeitfenster-0-bis": ""},
        ),
    )
    assert "mindestens ein wöchentliches Zeitfenster" in response.content.decode()
    assert not Bedarf.objects.filter(titel="Kochen mit Kindern").exists()


def test_an_end_before_the_start_is_refused_and_nothing_is_saved(welt, client_als):
    response = client_als(welt.ek_a).post(
        reverse("unterkuenfte:bedarf_erstellen", args=[welt.unterkunft_a.pk]),
        _formular(
            taetigkeitsfeld=_feld("deutschkurs"),
            ende=(timezone.localdate() - timedelta(days=3)).isoformat(),
        ),
    )
    assert response.status_code == 200
    assert "Das Ende kann nicht vor dem Beginn liegen." in response.content.decode()
    assert not Bedarf.objects.filter(titel="Kochen mit Kindern").exists()


def test_a_time_slot_ending_before_it_starts_is_refused_in_english_too(welt, client_als):
    client = client_als(welt.ek_a)
    client.cookies["django_language"] = "en"
    welt.ek_a.sprache = "en"
    welt.ek_a.save()
    response = client.post(
        reverse("unterkuenfte:bedarf_erstellen", args=[welt.unterkunft_a.pk]),
        _formular(taetigkeitsfeld=_feld("deutschkurs"), **{"zeitfenster-0-bis": "15:00"}),
    )
    assert "The end must be after the start." in response.content.decode()
    assert not Bedarf.objects.filter(titel="Kochen mit Kindern").exists()


def test_pausing_takes_a_need_off_the_board_and_reopening_brings_it_back(welt, client_als):
    status_url = reverse("unterkuenfte:bedarf_status", args=[welt.bedarf_a.pk])
    link = reverse("unterkuenfte:bedarf", args=[welt.bedarf_a.pk])

    def auf_dem_board():
        return link in client_als(None).get(reverse("unterkuenfte:board")).content.decode()

    client_als(welt.ek_a).post(status_url, {"status": "pausiert"})
    assert not auf_dem_board()
    assert client_als(None).get(link).status_code == 404
    client_als(welt.ek_a).post(status_url, {"status": "offen"})
    assert auf_dem_board()


@pytest.mark.parametrize(
    ("persona", "status"), [("rk_nord", 403), ("ek_b", 403), ("freiwillig", 403)]
)
def test_only_the_shelters_coordination_changes_its_needs(persona, status, welt, client_als):
    client = client_als(welt.personas[persona])
    response = client.post(
        reverse("unterkuenfte:bedarf_status", args=[welt.bedarf_a.pk]),
        {**BESTAETIGT, "status": "geschlossen"},
    )
    assert response.status_code == status
    welt.bedarf_a.refresh_from_db()
    assert welt.bedarf_a.status == "offen"


def test_a_regional_coordinator_reads_every_shelter_of_its_region_and_no_other(welt, client_als):
    client = client_als(welt.rk_nord)
    page = client.get(reverse("unterkuenfte:detail", args=[welt.unterkunft_a.pk])).content.decode()
    assert "Pausierte Hausaufgabenhilfe" in page  # the workspace shows paused needs too
    assert "Bedarf veröffentlichen" not in page
    assert (
        client.get(reverse("unterkuenfte:detail", args=[welt.unterkunft_b.pk])).status_code == 404
    )
    liste = client.get(reverse("unterkuenfte:liste")).content.decode()
    assert "Emma Ahornhof" in liste and "Birkenhain" not in liste


def test_the_overview_filters_and_sorts(welt, client_als):
    client = client_als(welt.admin)
    nur_nord = client.get(reverse("unterkuenfte:liste"), {"region": welt.nord.pk}).content.decode()
    assert "Ahornhof" in nur_nord and "Birkenhain" not in nur_nord
    sortiert = client.get(reverse("unterkuenfte:liste"), {"sortierung": "-offene_bedarfe"})
    assert sortiert.status_code == 200
    fremde_region = client_als(welt.rk_nord).get(
        reverse("unterkuenfte:liste"), {"region": welt.suedost.pk}
    )
    assert "Birkenhain" not in fremde_region.content.decode()


def test_needs_past_their_end_close_by_themselves(welt):
    Bedarf.objects.filter(pk=welt.bedarf_a.pk).update(
        beginn=timezone.localdate() - timedelta(days=30),
        ende=timezone.localdate() - timedelta(days=1),
    )
    assert bedarfe_abgelaufen_schliessen() == 1
    welt.bedarf_a.refresh_from_db()
    assert welt.bedarf_a.status == "geschlossen"
    assert abgelaufene_bedarfe_schliessen() == 0


def test_a_need_of_a_closed_shelter_leaves_the_board(welt, client):
    welt.unterkunft_b.status = "geschlossen"
    welt.unterkunft_b.save()
    assert "Fußball am Samstag" not in client.get(reverse("unterkuenfte:board")).content.decode()


def test_an_unknown_language_on_the_board_says_so(welt, client):
    response = client.get(reverse("unterkuenfte:board"), {"sprache": "xx"})
    body = response.content.decode()
    assert "Deutsch am Abend" not in body
    assert "Dies ist keine gültige Auswahl." in body


def test_the_api_keeps_the_rules_of_the_form(welt):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(welt.ek_a)
    url = reverse("api:bedarf-detail", args=[welt.bedarf_a.pk])
    vor_beginn = client.patch(url, {"einmalig_am": "2000-01-01"}, format="json")
    assert vor_beginn.status_code == 400
    welt.bedarf_a.zeitfenster.all().delete()
    ohne_zeit = client.patch(url, {"einmalig_am": None}, format="json")
    assert ohne_zeit.status_code == 400
    assert "Zeitfenster" in str(ohne_zeit.json())


def test_a_coordinator_of_another_shelter_may_see_an_open_need_but_not_edit_it(welt, client_als):
    client = client_als(welt.ek_b)
    assert (
        client.get(reverse("unterkuenfte:bedarf_bearbeiten", args=[welt.bedarf_a.pk])).status_code
        == 403
    )
    assert (
        client.get(
            reverse("unterkuenfte:bedarf_bearbeiten", args=[welt.bedarf_a_pausiert.pk])
        ).status_code
        == 404
    )


def test_a_title_that_looks_like_a_formula_stays_text_in_the_export(welt, client):
    Bedarf.objects.filter(pk=welt.bedarf_a.pk).update(titel='=HYPERLINK("http://x.invalid")')
    text = client.get(reverse("unterkuenfte:board"), {"format": "csv"}).content.decode()
    assert "'=HYPERLINK" in text
