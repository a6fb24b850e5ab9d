"""Ending a jour-fixe series, cancelling a Termin and discarding an action item ask first,
naming what and how many; only the confirmed POST acts (common/bestaetigung.py)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format

from common.models import Notice
from konten import roles
from regionen.models import Aufgabe, JourFixeSerie, Termin
from tests.bestaetigung import BESTAETIGT, frage
from tests.factories import UnterkunftFactory, UserFactory, jourfixe_serie

pytestmark = pytest.mark.django_db


@pytest.fixture
def welt(welt_jourfixe):
    """These tests read only the jour fixe (and the Grundlage beneath it)."""
    return welt_jourfixe


@pytest.fixture
def serie(welt):
    """A jour fixe of Nord whose circle has two coordinators: Emma (ek_a) and Zora."""
    zweite = UnterkunftFactory(bezirk=welt.unterkunft_a.bezirk)
    roles.rolle("ehrenamtskoordination").grant(
        UserFactory(email="zora@test.invalid", anzeigename="Zora Zweite"), zweite
    )
    return jourfixe_serie(welt)


def _zustand():
    return (
        list(JourFixeSerie.objects.order_by("pk").values_list("pk", "beendet_am")),
        list(Termin.objects.order_by("pk").values_list("pk", "status", "absagegrund")),
        list(Aufgabe.objects.order_by("pk").values_list("pk", "status")),
        Notice.objects.count(),
    )


def _kuenftige(serie) -> int:
    return Termin.objects.filter(serie=serie, beginn__gt=timezone.now()).count()


# --- ending a series --------------------------------------------------------------------------


def test_ending_a_series_asks_with_its_future_termine_and_the_invited(welt, serie, client_als):
    kuenftig = _kuenftige(serie)
    assert kuenftig > 1
    vorher = _zustand()
    text = frage(client_als(welt.rk_nord).post(reverse("regionen:serie_beenden", args=[serie.pk])))
    assert "Die Reihe „Jour fixe Pankow“ beenden?" in text
    assert f"{kuenftig} künftige Termine entfallen." in text
    assert "2 eingeladene Personen werden benachrichtigt." in text
    assert _zustand() == vorher


def test_the_confirmed_end_removes_the_future_termine_and_tells_the_invited(
    welt, serie, client_als
):
    antwort = client_als(welt.rk_nord).post(
        reverse("regionen:serie_beenden", args=[serie.pk]), BESTAETIGT
    )
    assert antwort["Location"] == serie.get_absolute_url()
    serie.refresh_from_db()
    assert serie.beendet_am is not None
    assert _kuenftige(serie) == 0
    assert Notice.objects.filter(art="jourfixe_beendet").count() == 2


def test_ending_a_series_is_not_asked_of_those_outside_or_only_invited(welt, serie, client_als):
    url = reverse("regionen:serie_beenden", args=[serie.pk])
    vorher = _zustand()
    assert client_als(welt.rk_suedost).post(url).status_code == 404
    assert client_als(welt.ek_a).post(url).status_code == 403
    assert _zustand() == vorher


# --- cancelling a Termin ----------------------------------------------------------------------


def test_cancelling_a_termin_asks_with_its_date_and_the_invited(welt, serie, client_als):
    termin = serie.termine.order_by("beginn")[1]
    vorher = _zustand()
    antwort = client_als(welt.rk_nord).post(
        reverse("regionen:termin_absagen", args=[termin.pk]), {"grund": "Krankheit"}
    )
    text = frage(antwort)
    beginn = timezone.localtime(termin.beginn)
    assert (
        f"Den Termin von „Jour fixe Pankow“ am {date_format(beginn)} um {time_format(beginn)} "
        "absagen?"
    ) in text
    assert "2 eingeladene Personen werden benachrichtigt." in text
    assert 'name="grund" value="Krankheit"' in antwort.content.decode()
    assert _zustand() == vorher


def test_the_confirmed_cancellation_cancels_with_the_reason(welt, serie, client_als):
    termin = serie.termine.order_by("beginn")[1]
    client_als(welt.rk_nord).post(
        reverse("regionen:termin_absagen", args=[termin.pk]), {**BESTAETIGT, "grund": "Krankheit"}
    )
    termin.refresh_from_db()
    assert (termin.status, termin.absagegrund) == ("abgesagt", "Krankheit")
    assert Notice.objects.filter(art="termin_abgesagt").count() == 2


def test_a_reason_with_line_breaks_and_an_override_is_stored_as_one_clean_line(
    welt, serie, client_als
):
    termin = serie.termine.order_by("beginn")[1]
    client_als(welt.rk_nord).post(
        reverse("regionen:termin_absagen", args=[termin.pk]),
        {**BESTAETIGT, "grund": "Krankheit\r\nBcc: x@y\u202e"},
    )
    termin.refresh_from_db()
    assert termin.absagegrund == "Krankheit Bcc: x@y"


def test_a_reason_longer_than_its_field_is_refused_with_a_message_and_nothing_changes(
    welt, serie, client_als
):
    termin = serie.termine.order_by("beginn")[1]
    vorher = _zustand()
    antwort = client_als(welt.rk_nord).post(
        reverse("regionen:termin_absagen", args=[termin.pk]),
        {**BESTAETIGT, "grund": "x" * 301},
        follow=True,
    )
    assert "höchstens 300 Zeichen" in antwort.content.decode()
    termin.refresh_from_db()
    assert termin.status != termin.Status.ABGESAGT
    assert _zustand() == vorher


def test_cancelling_a_termin_is_not_asked_of_those_outside_or_only_invited(welt, serie, client_als):
    url = reverse("regionen:termin_absagen", args=[serie.termine.order_by("beginn")[1].pk])
    vorher = _zustand()
    assert client_als(welt.rk_suedost).post(url).status_code == 404
    assert client_als(welt.ek_a).post(url).status_code == 403
    assert _zustand() == vorher


# --- discarding an action item ------------------------------------------------------------------


def test_discarding_an_action_item_asks_first_and_marking_it_done_does_not(welt, client_als):
    url = reverse("regionen:aufgabe_status", args=[welt.aufgabe_nord.pk])
    vorher = _zustand()
    text = frage(client_als(welt.ek_a).post(url, {"status": "verworfen"}))
    assert "Die Aufgabe „Aufgabe-Nord-vertraulich“ verwerfen?" in text
    assert _zustand() == vorher
    assert client_als(welt.ek_a).post(url, {"status": "erledigt"}).status_code == 302
    assert Aufgabe.objects.get(pk=welt.aufgabe_nord.pk).status == "erledigt"


def test_the_confirmed_discard_discards_and_returns_to_the_list(welt, client_als):
    url = reverse("regionen:aufgabe_status", args=[welt.aufgabe_nord.pk])
    antwort = client_als(welt.rk_nord).post(url, {**BESTAETIGT, "status": "verworfen"})
    assert antwort["Location"] == reverse("regionen:aufgaben")
    assert Aufgabe.objects.get(pk=welt.aufgabe_nord.pk).status == "verworfen"


def test_another_regions_action_item_answers_not_found_before_any_question(welt, client_als):
    url = reverse("regionen:aufgabe_status", args=[welt.aufgabe_nord.pk])
    assert client_als(welt.rk_suedost).post(url, {"status": "verworfen"}).status_code == 404
    assert Aufgabe.objects.get(pk=welt.aufgabe_nord.pk).status == "offen"
