"""Ending an access ban and closing a need ask first, naming whom and what; only the
confirmed POST acts (common/bestaetigung.py)."""

import pytest
from django.urls import reverse

from tests.bestaetigung import BESTAETIGT, frage
from unterkuenfte.models import Bedarf, Hausverbot
from unterkuenfte.services import hausverbot_besteht

pytestmark = pytest.mark.django_db


def _zustand():
    return (
        list(Hausverbot.objects.order_by("pk").values_list("pk", "beendet_am")),
        list(Bedarf.objects.order_by("pk").values_list("pk", "status")),
    )


# --- ending an access ban ---------------------------------------------------------------------


def test_ending_a_ban_asks_first_naming_the_person_and_the_shelter(welt, client_als):
    url = reverse("unterkuenfte:hausverbot_beenden", args=[welt.hausverbot_a.pk])
    vorher = _zustand()
    text = frage(client_als(welt.ek_a).post(url))
    assert "Das Hausverbot für Finn Freiwillig in Unterkunft Ahornhof beenden?" in text
    assert (
        "Finn Freiwillig kann sich ab heute wieder auf Bedarfe dieser Unterkunft bewerben." in text
    )
    assert _zustand() == vorher
    assert hausverbot_besteht(welt.freiwillig, welt.unterkunft_a)


def test_the_confirmed_end_lets_the_person_in_again(welt, client_als):
    url = reverse("unterkuenfte:hausverbot_beenden", args=[welt.hausverbot_a.pk])
    antwort = client_als(welt.ek_a).post(url, BESTAETIGT)
    assert antwort["Location"] == reverse("unterkuenfte:hausverbote", args=[welt.unterkunft_a.pk])
    assert not hausverbot_besteht(welt.freiwillig, welt.unterkunft_a)


def test_ending_a_ban_is_not_asked_of_others(welt, client_als):
    url = reverse("unterkuenfte:hausverbot_beenden", args=[welt.hausverbot_a.pk])
    assert client_als(welt.ek_b).post(url).status_code == 404
    assert client_als(welt.rk_nord).post(url).status_code == 403
    assert hausverbot_besteht(welt.freiwillig, welt.unterkunft_a)


def test_the_ban_list_swaps_the_question_in_with_htmx(welt, client_als):
    seite = client_als(welt.ek_a).get(
        reverse("unterkuenfte:hausverbote", args=[welt.unterkunft_a.pk])
    )
    ziel = reverse("unterkuenfte:hausverbot_beenden", args=[welt.hausverbot_a.pk])
    assert f'hx-post="{ziel}" hx-target="closest form"' in seite.content.decode()


# --- closing a need ---------------------------------------------------------------------------


def test_closing_a_need_asks_first_and_pausing_does_not(welt, client_als):
    url = reverse("unterkuenfte:bedarf_status", args=[welt.bedarf_a.pk])
    vorher = _zustand()
    text = frage(client_als(welt.ek_a).post(url, {"status": "geschlossen"}))
    assert "Den Bedarf „Deutsch am Abend“ von Unterkunft Ahornhof schließen?" in text
    assert "Er verschwindet von der Bedarfsbörse" in text
    assert _zustand() == vorher
    assert client_als(welt.ek_a).post(url, {"status": "pausiert"}).status_code == 302
    assert Bedarf.objects.get(pk=welt.bedarf_a.pk).status == "pausiert"


def test_the_confirmed_close_closes_the_need(welt, client_als):
    url = reverse("unterkuenfte:bedarf_status", args=[welt.bedarf_a.pk])
    antwort = client_als(welt.ek_a).post(url, {**BESTAETIGT, "status": "geschlossen"})
    assert antwort["Location"] == welt.bedarf_a.get_absolute_url()
    assert Bedarf.objects.get(pk=welt.bedarf_a.pk).status == "geschlossen"


def test_a_hidden_need_answers_not_found_before_any_question(welt, client_als):
    url = reverse("unterkuenfte:bedarf_status", args=[welt.bedarf_a_pausiert.pk])
    assert client_als(welt.ek_b).post(url, {"status": "geschlossen"}).status_code == 404
    assert Bedarf.objects.get(pk=welt.bedarf_a_pausiert.pk).status == "pausiert"
