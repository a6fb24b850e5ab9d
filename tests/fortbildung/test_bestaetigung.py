"""Cancelling a course registration, one's own or someone's as the team, asks first; only
the confirmed POST acts (common/bestaetigung.py)."""

import pytest
from django.urls import reverse

from common.models import Notice
from fortbildung.models import Anmeldung
from tests.bestaetigung import BESTAETIGT, frage
from tests.factories import AnmeldungFactory, fortbildungskurs

pytestmark = pytest.mark.django_db


@pytest.fixture
def welt(welt_fortbildung):
    """These tests read only the training courses (and the Grundlage beneath them)."""
    return welt_fortbildung


def _zustand():
    return (
        list(Anmeldung.objects.order_by("pk").values_list("pk", "status")),
        Notice.objects.count(),
    )


def test_cancelling_ones_seat_asks_first_and_cancel_leads_back(welt, client_als):
    meine = reverse("fortbildung:meine")
    vorher = _zustand()
    antwort = client_als(welt.ek_a).post(
        reverse("fortbildung:abmelden", args=[welt.anmeldung_ek_a.pk]), {"weiter": meine}
    )
    text = frage(antwort)
    assert "Ihre Anmeldung zum Kurs „Basiskurs Frühjahr“ stornieren?" in text
    assert f'href="{meine}">Abbrechen</a>' in antwort.content.decode()
    assert _zustand() == vorher


def test_the_team_is_asked_with_the_persons_name(welt, client_als):
    teilnehmende = reverse("fortbildung:teilnehmende", args=[welt.kurs_basis.pk])
    text = frage(
        client_als(welt.fortbildung).post(
            reverse("fortbildung:abmelden", args=[welt.anmeldung_ek_a.pk]),
            {"weiter": teilnehmende},
        )
    )
    assert "Emma Ahornhof vom Kurs „Basiskurs Frühjahr“ abmelden?" in text


def test_the_confirmed_cancellation_frees_the_seat_for_the_first_waiting(welt, client_als):
    kurs = fortbildungskurs(welt.reihe_basis, "Basiskurs kompakt", plaetze=1)
    sitz = AnmeldungFactory(kurs=kurs, person=welt.ek_a)
    wartend = AnmeldungFactory(kurs=kurs, person=welt.ek_b, status="wartend")
    url = reverse("fortbildung:abmelden", args=[sitz.pk])
    frage(client_als(welt.ek_a).post(url))
    assert Anmeldung.objects.get(pk=wartend.pk).status == "wartend"
    client_als(welt.ek_a).post(url, BESTAETIGT)
    assert Anmeldung.objects.get(pk=sitz.pk).status == "abgemeldet"
    assert Anmeldung.objects.get(pk=wartend.pk).status == "angemeldet"
    assert Notice.objects.filter(art="fortbildung_nachgerueckt", empfaenger=welt.ek_b).exists()


def test_leaving_the_waiting_list_asks_as_such(welt, client_als):
    kurs = fortbildungskurs(welt.reihe_basis, "Basiskurs kompakt", plaetze=1)
    AnmeldungFactory(kurs=kurs, person=welt.ek_a)
    wartend = AnmeldungFactory(kurs=kurs, person=welt.ek_b, status="wartend")
    text = frage(client_als(welt.ek_b).post(reverse("fortbildung:abmelden", args=[wartend.pk])))
    assert "Von der Warteliste für den Kurs „Basiskurs kompakt“ gehen?" in text


def test_someone_elses_registration_answers_not_found_before_any_question(welt, client_als):
    vorher = _zustand()
    url = reverse("fortbildung:abmelden", args=[welt.anmeldung_ek_a.pk])
    assert client_als(welt.ek_b).post(url).status_code == 404
    assert _zustand() == vorher
