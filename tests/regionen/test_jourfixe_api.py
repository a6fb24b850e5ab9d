"""The jour-fixe API: scoped to the region like the pages, acting through the same services."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regionen import services
from regionen.models import Aufgabe, JourFixeSerie, Stimme, Teilnahme, Termin, Thema
from tests.factories import (
    AufgabeFactory,
    StimmeFactory,
    TeilnahmeFactory,
    TerminFactory,
    ThemaFactory,
    jourfixe_serie,
    termin_heute,
)

pytestmark = pytest.mark.django_db


def _serie(welt, **daten):
    return jourfixe_serie(welt, titel=daten.pop("titel", "Jour fixe Nord"), **daten)


def _termin(welt, frist=3):
    return _serie(welt, frist=frist).termine.order_by("beginn").first()


def _post(client, name, pk=None, daten=None):
    url = reverse(name, args=[pk] if pk is not None else [])
    return client.post(url, daten or {}, content_type="application/json")


def _fehler(response):
    return " ".join(response.json()["non_field_errors"])


# --- who sees and does what -------------------------------------------------------------------


def test_a_shelter_coordinator_of_nord_sees_and_answers_its_termine(welt, client_als):
    termin = _termin(welt)
    client = client_als(welt.ek_a)
    liste = client.get(reverse("api:termin-list")).json()
    assert termin.pk in [eintrag["id"] for eintrag in liste["results"]]
    response = _post(client, "api:termin-antworten", termin.pk, {"antwort": "ja"})
    assert response.status_code == 200
    assert (response.json()["zusagen"], response.json()["meine_antwort"]) == (1, "ja")
    _post(client, "api:termin-antworten", termin.pk, {"antwort": "vielleicht"})
    detail = client.get(reverse("api:termin-detail", args=[termin.pk])).json()
    assert (detail["zusagen"], detail["vielleicht"], detail["meine_antwort"]) == (
        0,
        1,
        "vielleicht",
    )
    assert detail["darf_aendern"] is False
    assert Teilnahme.objects.get(termin=termin, person=welt.ek_a).antwort == "vielleicht"


@pytest.mark.parametrize("persona", ["ek_b", "rk_suedost"])
def test_outsiders_of_nord_find_none_of_its_termine(welt, client_als, persona):
    termin = _termin(welt)
    client = client_als(welt.personas[persona])
    sichtbar = [t["id"] for t in client.get(reverse("api:termin-list")).json()["results"]]
    assert termin.pk not in sichtbar
    assert client.get(reverse("api:termin-detail", args=[termin.pk])).status_code == 404
    assert _post(client, "api:termin-antworten", termin.pk, {"antwort": "ja"}).status_code == 404
    assert _post(client, "api:termin-verschieben", termin.pk, {}).status_code == 404
    serie_url = reverse("api:jourfixe-serie-detail", args=[termin.serie_id])
    assert client.get(serie_url).status_code == 404
    assert not Teilnahme.objects.filter(termin=termin).exists()


def test_an_invited_coordinator_may_not_move_or_cancel_a_termin(welt, client_als):
    termin = _termin(welt)
    client = client_als(welt.ek_a)
    neu = termin.beginn + timedelta(days=1)
    daten = {"beginn": neu.isoformat(), "ende": (neu + timedelta(hours=1)).isoformat()}
    assert _post(client, "api:termin-verschieben", termin.pk, daten).status_code == 403
    assert _post(client, "api:termin-absagen", termin.pk).status_code == 403
    assert _post(client, "api:termin-protokoll", termin.pk, {"protokoll": "x"}).status_code == 403
    serie_url = reverse("api:jourfixe-serie-detail", args=[termin.serie_id])
    patch = client.patch(serie_url, {"titel": "X"}, content_type="application/json")
    assert patch.status_code == 403
    assert _post(client, "api:jourfixe-serie-beenden", termin.serie_id).status_code == 403
    termin.refresh_from_db()
    assert (termin.beginn, termin.status, termin.sequenz) == (termin.vorgesehen, "geplant", 0)


def test_the_regional_coordination_moves_a_termin_and_the_end_must_follow_the_start(
    welt, client_als
):
    termin = _termin(welt)
    client = client_als(welt.rk_nord)
    neu = timezone.localtime(termin.beginn) + timedelta(days=1)
    falsch = {"beginn": neu.isoformat(), "ende": (neu - timedelta(hours=1)).isoformat()}
    response = _post(client, "api:termin-verschieben", termin.pk, falsch)
    assert response.status_code == 400
    assert "Das Ende muss nach dem Beginn liegen." in _fehler(response)
    assert Termin.objects.get(pk=termin.pk).sequenz == 0
    richtig = {
        "beginn": neu.isoformat(),
        "ende": (neu + timedelta(hours=1)).isoformat(),
        "ort": "Online",
    }
    response = _post(client, "api:termin-verschieben", termin.pk, richtig)
    assert response.status_code == 200
    assert (response.json()["ort_angezeigt"], response.json()["verschoben"]) == ("Online", True)
    termin.refresh_from_db()
    assert (termin.beginn, termin.sequenz) == (neu, 1)


# --- series -----------------------------------------------------------------------------------


def _neue_serie(welt, **daten):
    return {
        "region": welt.nord.pk,
        "titel": "Jour fixe per API",
        "regel": "FREQ=MONTHLY;BYDAY=2WE",
        "erster_tag": timezone.localdate().isoformat(),
        "beginn": "10:00",
        "ende": "12:00",
        **daten,
    }


def test_the_regional_coordination_creates_a_series_and_its_termine_appear(welt, client_als):
    response = _post(client_als(welt.rk_nord), "api:jourfixe-serie-list", daten=_neue_serie(welt))
    assert response.status_code == 201, response.json()
    serie = JourFixeSerie.objects.get(pk=response.json()["id"])
    assert (serie.kreis, serie.erstellt_von) == ("ehrenamtskoordination", welt.rk_nord)
    assert serie.termine.count() >= 5
    termine = client_als(welt.ek_a).get(reverse("api:termin-list"), {"serie": serie.pk}).json()
    assert termine["count"] == serie.termine.count()


@pytest.mark.parametrize(
    ("regel", "erster_tag", "meldung"),
    [
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", None, "keinen einzigen Termin"),
        ("FREQ=WEEKLY;COUNT=2", "2020-01-01", "keinen Termin"),
    ],
)
def test_a_rule_without_dates_is_refused_with_the_reason_and_nothing_is_saved(
    welt, client_als, regel, erster_tag, meldung
):
    termine_vorher = Termin.objects.count()
    daten = _neue_serie(welt, regel=regel)
    if erster_tag:
        daten["erster_tag"] = erster_tag
    response = _post(client_als(welt.rk_nord), "api:jourfixe-serie-list", daten=daten)
    assert response.status_code == 400
    assert meldung in _fehler(response)
    assert not JourFixeSerie.objects.filter(titel="Jour fixe per API").exists()
    assert Termin.objects.count() == termine_vorher


def test_an_end_before_the_start_of_a_series_is_refused(welt, client_als):
    daten = _neue_serie(welt, beginn="12:00", ende="10:00")
    response = _post(client_als(welt.rk_nord), "api:jourfixe-serie-list", daten=daten)
    assert response.status_code == 400
    assert "Das Ende muss nach dem Beginn liegen." in _fehler(response)
    assert not JourFixeSerie.objects.filter(titel="Jour fixe per API").exists()


def test_only_the_coordination_of_a_region_creates_its_series(welt, client_als):
    daten = _neue_serie(welt)
    assert _post(client_als(welt.ek_a), "api:jourfixe-serie-list", daten=daten).status_code == 403
    fremd = _post(client_als(welt.rk_suedost), "api:jourfixe-serie-list", daten=daten)
    assert fremd.status_code == 400
    assert "region" in fremd.json()
    assert not JourFixeSerie.objects.filter(titel="Jour fixe per API").exists()


def test_changing_a_series_keeps_its_rhythm_and_raises_its_calendar_sequence(welt, client_als):
    serie = _serie(welt)
    response = client_als(welt.rk_nord).patch(
        reverse("api:jourfixe-serie-detail", args=[serie.pk]),
        {"titel": "Neuer Titel", "regel": "FREQ=WEEKLY;BYDAY=MO", "region": welt.suedost.pk},
        content_type="application/json",
    )
    assert response.status_code == 200
    serie.refresh_from_db()
    assert (serie.titel, serie.regel, serie.region, serie.sequenz) == (
        "Neuer Titel",
        "FREQ=MONTHLY;BYDAY=2WE",
        welt.nord,
        1,
    )


def test_ending_a_series_removes_its_future_termine_and_a_second_end_is_refused(welt, client_als):
    serie = _serie(welt)
    client = client_als(welt.rk_nord)
    response = _post(client, "api:jourfixe-serie-beenden", serie.pk)
    assert response.status_code == 200
    assert response.json()["beendet_am"]
    assert not serie.termine.exists()
    wieder = _post(client, "api:jourfixe-serie-beenden", serie.pk)
    assert wieder.status_code == 400
    assert "bereits beendet" in _fehler(wieder)


# --- topics and votes -------------------------------------------------------------------------


def test_an_invited_coordinator_proposes_a_topic_and_votes_once(welt, client_als):
    termin = _termin(welt)
    client = client_als(welt.ek_a)
    response = _post(
        client, "api:thema-list", daten={"termin": termin.pk, "titel": "Ehrenamtspauschale"}
    )
    assert response.status_code == 201
    thema = response.json()
    assert (thema["vorgeschlagen_von"], thema["anzahl_stimmen"]) == ("Emma Ahornhof", 0)
    erste = _post(client, "api:thema-abstimmen", thema["id"])
    assert (erste.status_code, erste.json()["anzahl_stimmen"], erste.json()["meine_stimme"]) == (
        200,
        1,
        True,
    )
    zweite = _post(client, "api:thema-abstimmen", thema["id"])
    assert zweite.status_code == 400
    assert "bereits gestimmt" in _fehler(zweite)
    assert Stimme.objects.filter(thema_id=thema["id"]).count() == 1
    zurueck = _post(client, "api:thema-stimme-zurueckziehen", thema["id"])
    assert (zurueck.status_code, zurueck.json()["anzahl_stimmen"]) == (200, 0)


def test_a_vote_after_the_deadline_is_refused_and_changes_nothing(welt, client_als):
    termin = _termin(welt, frist=3)
    thema = services.thema_vorschlagen(termin, welt.ek_a, "Dolmetschpool")
    morgen = timezone.now() + timedelta(days=1)
    Termin.objects.filter(pk=termin.pk).update(beginn=morgen, ende=morgen + timedelta(hours=2))
    client = client_als(welt.ek_a)
    response = _post(client, "api:thema-abstimmen", thema.pk)
    assert response.status_code == 400
    assert "Frist für Themen und Stimmen endete" in _fehler(response)
    spaet = _post(client, "api:thema-list", daten={"termin": termin.pk, "titel": "Zu spät"})
    assert spaet.status_code == 400
    assert not Stimme.objects.filter(thema__termin=termin).exists()
    assert Thema.objects.filter(termin=termin).count() == 1


def test_topics_of_a_hidden_termin_are_neither_listed_nor_proposed(welt, client_als):
    termin = _termin(welt)
    thema = services.thema_vorschlagen(termin, welt.ek_a, "Intern")
    client = client_als(welt.ek_b)
    sichtbar = [t["id"] for t in client.get(reverse("api:thema-list")).json()["results"]]
    assert thema.pk not in sichtbar
    assert client.get(reverse("api:thema-detail", args=[thema.pk])).status_code == 404
    assert _post(client, "api:thema-abstimmen", thema.pk).status_code == 404
    response = _post(client, "api:thema-list", daten={"termin": termin.pk, "titel": "Von außen"})
    assert response.status_code == 400
    assert Thema.objects.filter(termin=termin).count() == 1


def test_an_empty_agenda_is_not_published_and_the_choice_is_not_kept(welt, client_als):
    termin = _termin(welt)
    thema = services.thema_vorschlagen(termin, welt.ek_a, "Vielleicht")
    client = client_als(welt.rk_nord)
    assert _post(client, "api:termin-tagesordnung", termin.pk, {"themen": []}).status_code == 200
    fremd = _post(client, "api:termin-tagesordnung", termin.pk, {"themen": [thema.pk + 99]})
    assert fremd.status_code == 400
    leer = _post(
        client, "api:termin-tagesordnung", termin.pk, {"themen": [], "veroeffentlichen": True}
    )
    assert leer.status_code == 400
    assert "leer" in _fehler(leer)
    assert Termin.objects.get(pk=termin.pk).tagesordnung_veroeffentlicht_am is None
    agenda = {"themen": [thema.pk], "veroeffentlichen": False}
    assert (
        _post(client_als(welt.ek_a), "api:termin-tagesordnung", termin.pk, agenda).status_code
        == 403
    )
    assert not Thema.objects.get(pk=thema.pk).auf_tagesordnung


# --- the whole meeting ------------------------------------------------------------------------


@pytest.mark.uhr(uhrzeit="10:00")  # the Termin of the day starts an hour later
def test_propose_vote_agenda_attendance_minutes_and_an_item_carried_over(welt, client_als):
    termin = termin_heute(welt)
    naechster = termin.serie.termine.exclude(pk=termin.pk).order_by("beginn").first()

    # the test client is one session: client_als() signs it in as the next person
    ek = client_als(welt.ek_a)
    themen = [
        _post(ek, "api:thema-list", daten={"termin": termin.pk, "titel": titel}).json()["id"]
        for titel in ("Dolmetschpool", "Sommerfest")
    ]
    assert _post(ek, "api:thema-abstimmen", themen[1]).status_code == 200
    assert _post(ek, "api:termin-antworten", termin.pk, {"antwort": "ja"}).status_code == 200
    assert ek.get(reverse("api:termin-detail", args=[termin.pk])).json()["tagesordnung"] == []

    rk = client_als(welt.rk_nord)
    agenda = {"themen": [themen[1], themen[0]], "veroeffentlichen": True}
    response = _post(rk, "api:termin-tagesordnung", termin.pk, agenda)
    assert response.status_code == 200
    assert response.json()["tagesordnung_veroeffentlicht_am"]
    response = _post(rk, "api:termin-anwesenheit", termin.pk, {"anwesende": [welt.ek_a.pk]})
    assert response.status_code == 200
    assert Teilnahme.objects.get(termin=termin, person=welt.ek_a).anwesend is True
    protokoll = {
        "protokoll": "Pool besprochen.",
        "beschluesse": "Pool gründen\nFest im Juli",
        "veroeffentlichen": True,
    }
    assert _post(rk, "api:termin-protokoll", termin.pk, protokoll).status_code == 200
    aufgabe = {
        "termin": termin.pk,
        "titel": "Dolmetschpool anfragen",
        "verantwortlich": welt.ek_a.pk,
        "faellig_am": timezone.localdate().isoformat(),
    }
    response = _post(rk, "api:aufgabe-list", daten=aufgabe)
    assert response.status_code == 201
    assert response.json()["verantwortlich_name"] == "Emma Ahornhof"
    aufgabe_id = response.json()["id"]

    ek = client_als(welt.ek_a)
    detail = ek.get(reverse("api:termin-detail", args=[termin.pk])).json()
    assert [punkt["titel"] for punkt in detail["tagesordnung"]] == ["Sommerfest", "Dolmetschpool"]
    assert detail["protokoll"] == "Pool besprochen."
    assert detail["beschluesse"] == ["Pool gründen", "Fest im Juli"]
    assert [eintrag["id"] for eintrag in detail["aufgaben"]] == [aufgabe_id]
    folgend = ek.get(reverse("api:termin-detail", args=[naechster.pk])).json()
    assert [eintrag["id"] for eintrag in folgend["offene_aufgaben"]] == [aufgabe_id]
    eigene = ek.get(reverse("api:aufgabe-list"), {"termin": termin.pk, "status": "offen"}).json()
    assert [(a["id"], a["darf_aendern"]) for a in eigene["results"]] == [(aufgabe_id, True)]

    erledigt = ek.patch(
        reverse("api:aufgabe-detail", args=[aufgabe_id]),
        {"status": "erledigt", "titel": "Umbenannt"},
        content_type="application/json",
    )
    assert erledigt.status_code == 200
    gespeichert = Aufgabe.objects.get(pk=aufgabe_id)
    assert (gespeichert.status, gespeichert.titel) == ("erledigt", "Dolmetschpool anfragen")
    assert gespeichert.abgeschlossen_am
    folgend = ek.get(reverse("api:termin-detail", args=[naechster.pk])).json()
    assert folgend["offene_aufgaben"] == []


@pytest.mark.uhr(uhrzeit="10:00")  # the Termin of the day starts an hour later
def test_only_the_owner_or_the_management_sets_an_items_state(welt, client_als):
    termin = termin_heute(welt)
    fremde = services.aufgabe_anlegen(termin, welt.rk_nord, "Raum buchen", welt.rk_nord)
    url = reverse("api:aufgabe-detail", args=[fremde.pk])
    assert client_als(welt.ek_b).get(url).status_code == 404
    ek = client_als(welt.ek_a)
    assert ek.get(url).json()["darf_aendern"] is False
    assert (
        ek.patch(url, {"status": "verworfen"}, content_type="application/json").status_code == 403
    )
    neu = {"termin": termin.pk, "titel": "Selbst eingetragen"}
    assert _post(ek, "api:aufgabe-list", daten=neu).status_code == 403
    assert Aufgabe.objects.get(pk=fremde.pk).status == "offen"
    assert Aufgabe.objects.filter(termin=termin).count() == 1
    rk = client_als(welt.rk_nord)
    # the state is all a PATCH changes: a title sent along is read-only, as anywhere in the API
    ohne = rk.patch(url, {"titel": "Nur umbenennen"}, content_type="application/json")
    assert ohne.status_code == 200
    assert ohne.json()["titel"] == "Raum buchen"
    assert ohne.json()["status"] == "offen"
    assert (
        rk.patch(url, {"status": "verworfen"}, content_type="application/json").status_code == 200
    )
    assert Aufgabe.objects.get(pk=fremde.pk).status == "verworfen"


@pytest.mark.uhr(uhrzeit="10:00")  # the Termin of the day starts an hour later
def test_an_owner_outside_the_circle_is_refused(welt, client_als):
    termin = termin_heute(welt)
    daten = {"termin": termin.pk, "titel": "X", "verantwortlich": welt.ek_b.pk}
    response = _post(client_als(welt.rk_nord), "api:aufgabe-list", daten=daten)
    assert response.status_code == 400
    assert "gehört nicht zum Kreis" in " ".join(response.json()["verantwortlich"])
    assert not Aufgabe.objects.filter(termin=termin).exists()


def test_each_sees_their_own_answers_and_the_management_sees_all(welt, client_als):
    termin = _termin(welt)
    services.teilnahme_antworten(termin, welt.ek_a, "ja")
    services.teilnahme_antworten(termin, welt.rk_nord, "nein")
    eigene = client_als(welt.ek_a).get(reverse("api:teilnahme-list")).json()["results"]
    assert [(t["person_name"], t["antwort"]) for t in eigene] == [("Emma Ahornhof", "ja")]
    alle = client_als(welt.rk_nord).get(reverse("api:teilnahme-list"), {"termin": termin.pk})
    assert {t["person_name"] for t in alle.json()["results"]} == {"Emma Ahornhof", "Rana Nord"}
    assert client_als(welt.ek_b).get(reverse("api:teilnahme-list")).json()["count"] == 0


def test_the_list_of_coming_termine_leaves_out_past_ones(welt, client_als):
    serie = _serie(welt)
    vorbei = timezone.now() - timedelta(days=30)
    alt = TerminFactory(serie=serie, beginn=vorbei)
    client = client_als(welt.ek_a)
    kommend = client.get(reverse("api:termin-list"), {"serie": serie.pk, "kommend": "true"}).json()
    assert alt.pk not in [t["id"] for t in kommend["results"]]
    assert kommend["count"] == serie.termine.count() - 1
    vergangen = client.get(
        reverse("api:termin-list"), {"serie": serie.pk, "kommend": "false"}
    ).json()
    assert [t["id"] for t in vergangen["results"]] == [alt.pk]


# --- query counts -----------------------------------------------------------------------------


def _anzahl_abfragen(client, name, params=None):
    with CaptureQueriesContext(connection) as abfragen:
        assert client.get(reverse(name), params or {}).status_code == 200
    return len(abfragen)


def _fuellen(welt, serie, n):
    """n more Termine, each with a topic, a vote, an answer and an action item."""
    schon = serie.termine.count()
    for tag in range(schon, schon + n):
        beginn = timezone.now() + timedelta(days=400 + tag)
        termin = TerminFactory(serie=serie, beginn=beginn)
        thema = ThemaFactory(termin=termin, vorgeschlagen_von=welt.ek_a)
        StimmeFactory(thema=thema, person=welt.ek_a)
        TeilnahmeFactory(termin=termin, person=welt.ek_a, antwort="ja")
        AufgabeFactory(termin=termin, verantwortlich=welt.ek_a)


@pytest.mark.parametrize(
    "name",
    [
        "api:jourfixe-serie-list",
        "api:termin-list",
        "api:thema-list",
        "api:teilnahme-list",
        "api:aufgabe-list",
    ],
)
def test_lists_cost_the_same_number_of_queries_for_few_and_many_rows(welt, client_als, name):
    serie = _serie(welt)
    client = client_als(welt.ek_a)
    _fuellen(welt, serie, 2)
    wenige = _anzahl_abfragen(client, name)
    _fuellen(welt, serie, 20)
    _serie(welt, titel="Zweite Reihe")
    assert _anzahl_abfragen(client, name) == wenige
