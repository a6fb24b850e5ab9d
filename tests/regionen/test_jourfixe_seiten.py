"""The jour-fixe pages: series form, Termin page, answers, agenda, attendance, calendar page."""

import html
import re
from datetime import time, timedelta

import pytest
from django.template.defaultfilters import date as datum_filter
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from common.models import Notice
from konten import roles
from konten.models import Kalenderschluessel
from regionen import services
from regionen.models import JourFixeSerie, Stimme, Teilnahme, Termin, Thema
from tests.bestaetigung import BESTAETIGT
from tests.factories import UnterkunftFactory, UserFactory, jourfixe_serie

pytestmark = pytest.mark.django_db


@pytest.fixture
def welt(welt_jourfixe):
    """These tests read only the jour fixe (and the Grundlage beneath it)."""
    return welt_jourfixe


def _serie(welt, **daten):
    return jourfixe_serie(welt, **daten)


def _spaeterer_termin(serie):
    """The second Termin: weeks away, so answers and topics are open whatever today is."""
    return serie.termine.order_by("beginn")[1]


def _text(antwort) -> str:
    return html.unescape(antwort.content.decode())


def _formulardaten(**aenderungen):
    daten = {
        "region": "",
        "titel": "Jour fixe Pankow",
        "rhythmus": "monatlich",
        "woche_im_monat": "2",
        "wochentag": "WE",
        "regel": "",
        "erster_tag": timezone.localdate().isoformat(),
        "beginn": "10:00",
        "ende": "12:00",
        "ort": "Rathaus Pankow",
        "kreis": "ehrenamtskoordination",
        "themenfrist_tage": "3",
    }
    daten.update(aenderungen)
    return daten


def _bestand() -> tuple:
    return JourFixeSerie.objects.count(), Termin.objects.count()


def _zaehler(ja, vielleicht, nein) -> str:
    return f"{ja} Zusagen, {vielleicht} vielleicht, {nein} Absagen"


def _karte(seite: str, termin) -> str:
    """The list card of one Termin: from its link to the end of its list item."""
    anfang = seite.index(f'href="{termin.get_absolute_url()}"')
    return seite[anfang : seite.index("</li>", anfang)]


# --- creating a series -----------------------------------------------------------------------


def test_a_coordinator_creates_a_monthly_series_on_the_second_wednesday_and_sees_its_termine(
    welt, client_als
):
    client = client_als(welt.rk_nord)
    antwort = client.post(
        reverse("regionen:serie_erstellen"),
        _formulardaten(region=welt.nord.pk, titel="Jour fixe Pankow"),
        follow=True,
    )
    serie = JourFixeSerie.objects.get(titel="Jour fixe Pankow")
    assert antwort.redirect_chain[-1][0] == serie.get_absolute_url()
    seite = _text(antwort)
    assert "Die Reihe ist angelegt; die Termine stehen im Kalender." in seite
    assert "Jour fixe Pankow" in seite
    assert "jeden zweiten Mittwoch im Monat" in seite
    termine = list(serie.termine.order_by("beginn"))
    assert 5 <= len(termine) <= 7
    for termin in termine:
        lokal = timezone.localtime(termin.beginn)
        assert (lokal.weekday(), lokal.time()) == (2, time(10))
        assert 8 <= lokal.day <= 14
        assert datum_filter(lokal, "D, j. F Y, H:i") in seite
        assert termin.get_absolute_url() in seite


def test_an_own_rule_that_yields_no_date_is_refused_with_a_clear_message_and_saves_nothing(
    welt, client_als
):
    vorher = _bestand()
    client = client_als(welt.rk_nord)
    antwort = client.post(
        reverse("regionen:serie_erstellen"),
        _formulardaten(
            region=welt.nord.pk, rhythmus="eigene", regel="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"
        ),
    )
    assert antwort.status_code == 200
    assert "Diese Regel ergibt ab dem ersten Tag keinen einzigen Termin." in _text(antwort)
    assert _bestand() == vorher
    assert not Notice.objects.filter(art="jourfixe_eingeladen").exists()


def test_a_series_ending_before_it_starts_is_refused_with_a_clear_message_and_saves_nothing(
    welt, client_als
):
    vorher = _bestand()
    client = client_als(welt.rk_nord)
    antwort = client.post(
        reverse("regionen:serie_erstellen"),
        _formulardaten(region=welt.nord.pk, beginn="12:00", ende="10:00"),
    )
    assert antwort.status_code == 200
    assert "Das Ende muss nach dem Beginn liegen." in _text(antwort)
    assert _bestand() == vorher


# --- topics and votes ------------------------------------------------------------------------


def test_a_vote_after_the_deadline_is_refused_with_the_deadline_and_counts_nothing(
    welt, client_als
):
    termin = _spaeterer_termin(_serie(welt, frist=3))
    thema = services.thema_vorschlagen(termin, welt.ek_a, "Dolmetschpool")
    morgen = timezone.now() + timedelta(days=1)
    Termin.objects.filter(pk=termin.pk).update(beginn=morgen, ende=morgen + timedelta(hours=2))
    client = client_als(welt.ek_a)
    antwort = client.post(
        reverse("regionen:thema_stimme", args=[thema.pk]), {"aktion": "abstimmen"}, follow=True
    )
    seite = _text(antwort)
    assert "Die Frist für Themen und Stimmen endete am" in seite
    assert "Ihre Stimme ist gezählt." not in seite
    assert "0 Stimmen" in seite
    assert not Stimme.objects.exists()


# --- moving a Termin -------------------------------------------------------------------------


def test_moving_a_termin_with_its_end_before_its_start_is_refused_and_changes_nothing(
    welt, client_als
):
    termin = _spaeterer_termin(_serie(welt))
    vorher = (termin.beginn, termin.ende, termin.sequenz)
    client = client_als(welt.rk_nord)
    antwort = client.post(
        reverse("regionen:termin_verschieben", args=[termin.pk]),
        {
            "datum": timezone.localtime(termin.beginn).date().isoformat(),
            "beginn": "14:00",
            "ende": "13:00",
        },
    )
    assert antwort.status_code == 200
    assert "Das Ende muss nach dem Beginn liegen." in _text(antwort)
    termin.refresh_from_db()
    assert (termin.beginn, termin.ende, termin.sequenz) == vorher
    assert not Notice.objects.filter(art="termin_verschoben").exists()


# --- answers ---------------------------------------------------------------------------------


def test_answering_yes_maybe_and_no_from_the_list_page_changes_the_counts_there(welt, client_als):
    serie = _serie(welt)
    termin = _spaeterer_termin(serie)
    anderer = serie.termine.order_by("beginn").last()
    client = client_als(welt.ek_a)
    url = reverse("regionen:termin_antworten", args=[termin.pk])
    for antwort_wert, zaehler in [
        ("ja", _zaehler(1, 0, 0)),
        ("vielleicht", _zaehler(0, 1, 0)),
        ("nein", _zaehler(0, 0, 1)),
    ]:
        antwort = client.post(url, {"antwort": antwort_wert, "weiter": "liste"}, follow=True)
        assert antwort.redirect_chain[-1][0] == reverse("regionen:termine")
        seite = _text(antwort)
        assert "Ihre Antwort ist gespeichert." in seite
        karte = _karte(seite, termin)
        assert zaehler in karte
        assert f'value="{antwort_wert}" class="btn btn-sm btn-primary" aria-pressed="true"' in karte
        assert _zaehler(0, 0, 0) in _karte(seite, anderer)
    assert Teilnahme.objects.get(termin=termin, person=welt.ek_a).antwort == "nein"


def test_answering_yes_maybe_and_no_on_the_termin_page_changes_the_counts_there(welt, client_als):
    termin = _spaeterer_termin(_serie(welt))
    services.teilnahme_antworten(termin, welt.rk_nord, "ja")
    client = client_als(welt.ek_a)
    url = reverse("regionen:termin_antworten", args=[termin.pk])
    assert _zaehler(1, 0, 0) in _text(client.get(termin.get_absolute_url()))
    for antwort_wert, zaehler in [
        ("ja", _zaehler(2, 0, 0)),
        ("vielleicht", _zaehler(1, 1, 0)),
        ("nein", _zaehler(1, 0, 1)),
    ]:
        antwort = client.post(url, {"antwort": antwort_wert}, follow=True)
        assert antwort.redirect_chain[-1][0] == termin.get_absolute_url()
        seite = _text(antwort)
        assert "Ihre Antwort ist gespeichert." in seite
        assert zaehler in seite


# --- who may see and change what -------------------------------------------------------------


@pytest.mark.parametrize("aussen", ["ek_b", "rk_suedost"])
@pytest.mark.parametrize("seite", ["serie", "termin", "termin_ics"])
def test_people_of_another_region_find_nords_series_termin_and_calendar_file_not_there(
    welt, client_als, aussen, seite
):
    serie = _serie(welt)
    termin = _spaeterer_termin(serie)
    pk = serie.pk if seite == "serie" else termin.pk
    assert client_als(welt.ek_a).get(reverse(f"regionen:{seite}", args=[pk])).status_code == 200
    antwort = client_als(welt.personas[aussen]).get(reverse(f"regionen:{seite}", args=[pk]))
    assert antwort.status_code == 404
    assert "Jour fixe Pankow" not in antwort.content.decode()


@pytest.mark.parametrize("seite", ["termin_verschieben", "anwesenheit", "protokoll"])
def test_an_invited_shelter_coordinator_may_not_move_take_attendance_or_write_minutes(
    welt, client_als, seite
):
    termin = _spaeterer_termin(_serie(welt))
    client = client_als(welt.ek_a)
    assert client.get(termin.get_absolute_url()).status_code == 200
    assert client.get(reverse(f"regionen:{seite}", args=[termin.pk])).status_code == 403
    assert client.post(reverse(f"regionen:{seite}", args=[termin.pk]), {}).status_code == 403
    termin_danach = Termin.objects.get(pk=termin.pk)
    assert (termin_danach.beginn, termin_danach.sequenz) == (termin.beginn, termin.sequenz)
    assert not termin.teilnahmen.exists()


# --- agenda ----------------------------------------------------------------------------------


def test_the_agenda_form_publishes_the_ticked_topics_in_the_chosen_order(welt, client_als):
    termin = _spaeterer_termin(_serie(welt))
    erstes = services.thema_vorschlagen(termin, welt.ek_a, "Ehrenamtspauschale")
    ohne = services.thema_vorschlagen(termin, welt.ek_a, "Sommerfest")
    drittes = services.thema_vorschlagen(termin, welt.ek_a, "Dolmetschpool")
    antwort = client_als(welt.rk_nord).post(
        reverse("regionen:tagesordnung", args=[termin.pk]),
        {
            "auf_tagesordnung": [erstes.pk, drittes.pk],
            f"position_{erstes.pk}": "2",
            f"position_{ohne.pk}": "1",
            f"position_{drittes.pk}": "1",
            "veroeffentlichen": "1",
        },
        follow=True,
    )
    assert "Die Tagesordnung ist veröffentlicht" in _text(antwort)
    seite = _text(client_als(welt.ek_a).get(termin.get_absolute_url()))
    tagesordnung = re.search(r'id="tagesordnung".*?<ol>(.*?)</ol>', seite, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", tagesordnung) == ["Dolmetschpool", "Ehrenamtspauschale"]
    assert "Veröffentlicht am" in seite
    assert not Thema.objects.get(pk=ohne.pk).auf_tagesordnung
    assert Notice.objects.filter(art="tagesordnung_veroeffentlicht", empfaenger=welt.ek_a).exists()


# --- attendance ------------------------------------------------------------------------------


def test_the_attendance_list_shows_the_invited_coordinators_and_saves_the_ticks(welt, client_als):
    zweite = UnterkunftFactory(bezirk=welt.unterkunft_a.bezirk)
    zora = UserFactory(email="zora@test.invalid", anzeigename="Zora Zweite")
    roles.rolle("ehrenamtskoordination").grant(zora, zweite)
    termin = _serie(welt).termine.order_by("beginn").first()
    jetzt = timezone.now()
    Termin.objects.filter(pk=termin.pk).update(
        beginn=jetzt - timedelta(minutes=30), ende=jetzt + timedelta(minutes=90)
    )
    client = client_als(welt.rk_nord)
    url = reverse("regionen:anwesenheit", args=[termin.pk])
    seite = _text(client.get(url))
    assert "Emma Ahornhof" in seite
    assert "Zora Zweite" in seite
    assert "Ben Birkenhain" not in seite
    assert not re.search(r'name="anwesend"[^>]*checked', seite)

    antwort = client.post(url, {"anwesend": [welt.ek_a.pk]}, follow=True)
    assert antwort.redirect_chain[-1][0] == termin.get_absolute_url()
    assert "Die Anwesenheit ist gespeichert." in _text(antwort)
    assert Teilnahme.objects.get(termin=termin, person=welt.ek_a).anwesend is True
    assert Teilnahme.objects.get(termin=termin, person=zora).anwesend is False
    seite = _text(client.get(url))
    assert f'id="anwesend-{welt.ek_a.pk}" checked' in seite
    assert f'id="anwesend-{zora.pk}">' in seite


# --- the calendar page -----------------------------------------------------------------------


def _adresse(seite: str) -> str:
    treffer = re.search(r'id="adresse" type="text" readonly value="([^"]+)"', seite)
    return treffer.group(1) if treffer else ""


def _pfad(adresse: str) -> str:
    return adresse.removeprefix("http://testserver")


def test_the_calendar_page_creates_renews_and_revokes_the_secret_feed_address(welt, client_als):
    _serie(welt)
    Kalenderschluessel.objects.filter(person=welt.ek_a).delete()  # no address yet
    client = client_als(welt.ek_a)
    kalender = reverse("konten:kalender")
    leer = _text(client.get(kalender))
    assert _adresse(leer) == ""
    assert "Kalender-Adresse erstellen" in leer

    seite = _text(client.post(kalender, {"aktion": "erneuern"}, follow=True))
    assert "Ihre Kalender-Adresse ist neu erstellt." in seite
    erste = _adresse(seite)
    assert erste.endswith(".ics")
    programm = Client()  # a calendar program: no login
    assert programm.get(_pfad(erste)).status_code == 200

    seite = _text(client.post(kalender, {**BESTAETIGT, "aktion": "erneuern"}, follow=True))
    zweite = _adresse(seite)
    assert zweite and zweite != erste
    assert programm.get(_pfad(erste)).status_code == 404
    assert programm.get(_pfad(zweite)).status_code == 200

    seite = _text(client.post(kalender, {**BESTAETIGT, "aktion": "widerrufen"}, follow=True))
    assert "Ihre Kalender-Adresse ist gelöscht; sie gilt nicht mehr." in seite
    assert _adresse(seite) == ""
    assert programm.get(_pfad(zweite)).status_code == 404


def test_the_start_page_offers_the_next_jour_fixe_to_answer(welt, client_als):
    client = client_als(welt.ek_a)
    seite = _text(client.get(reverse("start")))
    assert "Nächster Jour fixe" in seite
    assert "Jour fixe Nord" in seite
    client.post(
        reverse("regionen:termin_antworten", args=[welt.termin_nord.pk]),
        {"antwort": "ja", "weiter": "liste"},
    )
    assert Teilnahme.objects.get(termin=welt.termin_nord, person=welt.ek_a).antwort == "ja"
    andere = _text(client_als(welt.ek_b).get(reverse("start")))
    assert "Jour fixe Südost" in andere
    assert "Jour fixe Nord" not in andere
