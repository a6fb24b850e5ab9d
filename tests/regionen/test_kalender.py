"""The jour-fixe Termine in calendar programs: the personal feed and the single download."""

import re
from datetime import time, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from konten.models import Kalenderschluessel
from regionen import services
from regionen.models import JourFixeSerie, Termin
from tests.bestaetigung import BESTAETIGT
from tests.factories import TerminFactory

pytestmark = pytest.mark.django_db


def _serie(welt, region=None, akteur=None, titel="Jour fixe Pankow"):
    serie = JourFixeSerie(
        region=region or welt.nord,
        titel=titel,
        regel="FREQ=MONTHLY;BYDAY=2WE",
        erster_tag=timezone.localdate(),
        beginn=time(10),
        ende=time(12),
        ort="Rathaus",
        kreis="ehrenamtskoordination",
        themenfrist_tage=0,
    )
    return services.serie_anlegen(serie, akteur or welt.rk_nord)


def _uid(termin) -> str:
    return f"termin-{termin.uid}@{settings.KALENDER_UID_DOMAIN}"


def _uids(termine) -> set:
    return {_uid(termin) for termin in termine}


def _feed_pfad(client_als, person) -> str:
    """The person's feed path, as the calendar page hands it out after "create address"."""
    client = client_als(person)
    client.post(reverse("konten:kalender"), {**BESTAETIGT, "aktion": "erneuern"})
    seite = client.get(reverse("konten:kalender")).content.decode()
    adresse = re.search(r'id="adresse" type="text" readonly value="([^"]+)"', seite).group(1)
    client.logout()
    return adresse.removeprefix("http://testserver")


def _laden(pfad) -> Calendar:
    """Fetches the feed the way a calendar program does: no login, then parses it."""
    antwort = Client().get(pfad)
    assert antwort.status_code == 200
    assert antwort["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(antwort.content)


def _eintraege(kalender) -> dict:
    return {str(event["UID"]): event for event in kalender.walk("VEVENT")}


def _stand(event) -> tuple:
    return event["DTSTART"].dt, int(event["SEQUENCE"])


def test_the_feed_lists_every_termin_the_person_is_invited_to_and_none_of_another_region(
    welt, client_als
):
    nord = _serie(welt, titel="Jour fixe Pankow")
    suedost = _serie(welt, welt.suedost, welt.rk_suedost, titel="Jour fixe Neukölln")
    eintraege = set(_eintraege(_laden(_feed_pfad(client_als, welt.ek_a))))
    assert _uids(nord.termine.all()) <= eintraege
    # the feed also carries ek_a's training sessions (tests/fortbildung/test_kalender_feed.py)
    termine = {uid for uid in eintraege if uid.startswith("termin-")}
    assert termine <= _uids(Termin.objects.filter(serie__region=welt.nord))
    assert not _uids(Termin.objects.filter(serie__region=welt.suedost)) & eintraege
    eintraege_b = set(_eintraege(_laden(_feed_pfad(client_als, welt.ek_b))))
    assert _uids(suedost.termine.all()) <= eintraege_b
    assert not _uids(Termin.objects.filter(serie__region=welt.nord)) & eintraege_b


def test_the_feed_gives_the_times_in_berlin_time_with_the_berlin_timezone(welt, client_als):
    serie = _serie(welt)
    pfad = _feed_pfad(client_als, welt.ek_a)
    kalender = _laden(pfad)
    zonen = kalender.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zonen] == ["Europe/Berlin"]
    assert b"DTSTART;TZID=Europe/Berlin:" in Client().get(pfad).content
    eintraege = _eintraege(kalender)
    for event in eintraege.values():
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert event["DTEND"].params["TZID"] == "Europe/Berlin"
    # six months of Termine span winter and summer time: each still says 10:00 Berlin time
    for termin in serie.termine.all():
        event = eintraege[_uid(termin)]
        assert event["DTSTART"].dt == termin.beginn
        assert event["DTSTART"].dt.time() == time(10)
        assert event["DTEND"].dt == termin.ende


def test_moving_one_termin_changes_only_its_entry_keeping_its_uid_and_raising_its_sequence(
    welt, client_als
):
    serie = _serie(welt)
    pfad = _feed_pfad(client_als, welt.ek_a)
    vorher = _eintraege(_laden(pfad))
    termin = serie.termine.order_by("beginn")[1]
    neu = timezone.localtime(termin.beginn) + timedelta(days=1, hours=4)
    services.termin_verschieben(termin, welt.rk_nord, neu, neu + timedelta(hours=1))
    nachher = _eintraege(_laden(pfad))

    assert set(nachher) == set(vorher)
    verschoben = nachher[_uid(termin)]
    assert verschoben["DTSTART"].dt == neu
    assert verschoben["DTEND"].dt == neu + timedelta(hours=1)
    assert int(verschoben["SEQUENCE"]) == int(vorher[_uid(termin)]["SEQUENCE"]) + 1
    andere = set(vorher) - {_uid(termin)}
    assert len(andere) >= 4
    for uid in andere:
        assert _stand(nachher[uid]) == _stand(vorher[uid]), uid


def _sequenzen(pfad) -> dict:
    return {uid: int(event["SEQUENCE"]) for uid, event in _eintraege(_laden(pfad)).items()}


def test_saving_a_series_unchanged_through_the_api_leaves_every_sequence_as_it_was(
    welt, client_als
):
    serie = _serie(welt)
    pfad = _feed_pfad(client_als, welt.ek_a)
    vorher = _sequenzen(pfad)
    client = client_als(welt.rk_nord)
    url = reverse("api:jourfixe-serie-detail", args=[serie.pk])
    gleich = {
        feld: client.get(url).json()[feld] for feld in ("titel", "ort", "kreis", "beschreibung")
    }
    assert client.patch(url, gleich, content_type="application/json").status_code == 200
    client.logout()
    assert _sequenzen(pfad) == vorher

    client = client_als(welt.rk_nord)
    geaendert = client.patch(url, {"ort": "Bezirksamt"}, content_type="application/json")
    assert geaendert.status_code == 200
    client.logout()
    eigene = _uids(serie.termine.all())
    assert _sequenzen(pfad) == {uid: sequenz + (uid in eigene) for uid, sequenz in vorher.items()}


def test_moving_a_termin_to_where_and_when_it_already_is_changes_nothing(welt, client_als):
    from common.models import Notice

    serie = _serie(welt)
    pfad = _feed_pfad(client_als, welt.ek_a)
    vorher = _sequenzen(pfad)
    termin = serie.termine.order_by("beginn")[1]
    client = client_als(welt.rk_nord)
    url = reverse("api:termin-verschieben", args=[termin.pk])
    gleich = {
        "beginn": termin.beginn.isoformat(),
        "ende": termin.ende.isoformat(),
        "ort": termin.ort,
        "online_link": termin.online_link,
    }
    assert client.post(url, gleich, content_type="application/json").status_code == 200
    client.logout()
    assert _sequenzen(pfad) == vorher
    assert not Notice.objects.filter(art="termin_verschoben").exists()

    client = client_als(welt.rk_nord)
    anders = {**gleich, "ort": "Bezirksamt"}
    assert client.post(url, anders, content_type="application/json").status_code == 200
    client.logout()
    assert _sequenzen(pfad)[_uid(termin)] == vorher[_uid(termin)] + 1
    assert Notice.objects.filter(art="termin_verschoben").exists()


def test_a_cancelled_termin_stays_in_the_feed_marked_cancelled(welt, client_als):
    serie = _serie(welt)
    pfad = _feed_pfad(client_als, welt.ek_a)
    vorher = _eintraege(_laden(pfad))
    termin = serie.termine.order_by("beginn")[1]
    services.termin_absagen(termin, welt.rk_nord, "Krankheit")
    nachher = _eintraege(_laden(pfad))

    assert set(nachher) == set(vorher)
    abgesagt = nachher[_uid(termin)]
    assert str(abgesagt["STATUS"]) == "CANCELLED"
    assert int(abgesagt["SEQUENCE"]) == int(vorher[_uid(termin)]["SEQUENCE"]) + 1
    assert "Abgesagt: Krankheit" in str(abgesagt["DESCRIPTION"])
    for uid in set(nachher) - {_uid(termin)}:
        assert str(nachher[uid]["STATUS"]) == "CONFIRMED"


def _agenda_veroeffentlicht(welt, termin, pfad):
    """Three topics proposed, two published in reverse order; the feed entry before/after."""
    erstes = services.thema_vorschlagen(termin, welt.ek_a, "Ehrenamtspauschale")
    services.thema_vorschlagen(termin, welt.ek_a, "Sommerfest")
    zweites = services.thema_vorschlagen(termin, welt.ek_a, "Dolmetschpool")
    vorher = _eintraege(_laden(pfad))[_uid(termin)]
    services.tagesordnung_festlegen(termin, welt.rk_nord, [zweites.pk, erstes.pk])
    services.tagesordnung_veroeffentlichen(termin, welt.rk_nord)
    return vorher, _eintraege(_laden(pfad))[_uid(termin)]


def _einzeln_heruntergeladen(welt, termin):
    download = Client()
    download.force_login(welt.ek_a)
    antwort = download.get(reverse("regionen:termin_ics", args=[termin.pk]))
    return Calendar.from_ical(antwort.content).walk("VEVENT")[0]


def test_publishing_the_agenda_puts_its_topics_into_the_entry_and_raises_its_sequence(
    welt, client_als
):
    termin = _serie(welt).termine.order_by("beginn")[1]
    pfad = _feed_pfad(client_als, welt.ek_a)
    vorher, nachher = _agenda_veroeffentlicht(welt, termin, pfad)

    assert "Tagesordnung" not in str(vorher["DESCRIPTION"])
    beschreibung = str(nachher["DESCRIPTION"])
    assert "Tagesordnung:" in beschreibung
    assert beschreibung.index("Dolmetschpool") < beschreibung.index("Ehrenamtspauschale")
    assert "Sommerfest" not in beschreibung
    assert int(nachher["SEQUENCE"]) == int(vorher["SEQUENCE"]) + 1
    assert str(_einzeln_heruntergeladen(welt, termin)["DESCRIPTION"]) == beschreibung


def test_the_agenda_in_the_calendar_is_numbered_from_one_when_a_topic_was_left_off(
    welt, client_als
):
    termin = _serie(welt).termine.order_by("beginn")[1]
    pfad = _feed_pfad(client_als, welt.ek_a)
    _vorher, nachher = _agenda_veroeffentlicht(welt, termin, pfad)

    erwartet = "Tagesordnung:\n1. Dolmetschpool\n2. Ehrenamtspauschale"
    assert erwartet in str(nachher["DESCRIPTION"])
    assert erwartet in str(_einzeln_heruntergeladen(welt, termin)["DESCRIPTION"])


def test_the_single_termin_download_is_the_same_entry_as_in_the_feed(welt, client_als):
    serie = _serie(welt)
    termin = serie.termine.order_by("beginn")[1]
    im_feed = _eintraege(_laden(_feed_pfad(client_als, welt.ek_a)))[_uid(termin)]
    antwort = client_als(welt.ek_a).get(reverse("regionen:termin_ics", args=[termin.pk]))
    assert antwort.status_code == 200
    assert antwort["Content-Type"].startswith("text/calendar")
    kalender = Calendar.from_ical(antwort.content)
    [einzeln] = kalender.walk("VEVENT")
    assert str(einzeln["UID"]) == str(im_feed["UID"]) == _uid(termin)
    assert _stand(einzeln) == _stand(im_feed)
    assert [str(zone["TZID"]) for zone in kalender.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_an_unknown_key_answers_not_found(welt):
    _serie(welt)
    antwort = Client().get(reverse("kalender_feed", args=["gibt-es-nicht-" + "x" * 30]))
    assert antwort.status_code == 404
    assert b"BEGIN:VCALENDAR" not in antwort.content


def test_a_revoked_key_answers_not_found(welt, client_als):
    _serie(welt)
    pfad = _feed_pfad(client_als, welt.ek_a)
    assert Client().get(pfad).status_code == 200
    client_als(welt.ek_a).post(reverse("konten:kalender"), {**BESTAETIGT, "aktion": "widerrufen"})
    assert not Kalenderschluessel.objects.filter(person=welt.ek_a).exists()
    antwort = Client().get(pfad)
    assert antwort.status_code == 404
    assert b"BEGIN:VCALENDAR" not in antwort.content


def test_the_feed_of_a_deactivated_person_answers_not_found(welt, client_als):
    _serie(welt)
    pfad = _feed_pfad(client_als, welt.ek_a)
    assert Client().get(pfad).status_code == 200
    welt.ek_a.is_active = False
    welt.ek_a.save(update_fields=["is_active"])
    antwort = Client().get(pfad)
    assert antwort.status_code == 404
    assert b"Jour fixe Pankow" not in antwort.content


def test_ending_a_series_takes_its_future_termine_out_of_the_feed(welt, client_als):
    serie = _serie(welt)
    vor_zehn_tagen = timezone.now() - timedelta(days=10)
    vergangen = TerminFactory(serie=serie, beginn=vor_zehn_tagen)
    kuenftige = _uids(serie.termine.exclude(pk=vergangen.pk))
    pfad = _feed_pfad(client_als, welt.ek_a)
    vorher = set(_eintraege(_laden(pfad)))
    assert kuenftige | {_uid(vergangen)} <= vorher

    services.serie_beenden(serie, welt.rk_nord)
    nachher = set(_eintraege(_laden(pfad)))
    assert not kuenftige & nachher
    assert _uid(vergangen) in nachher
    assert nachher == vorher - kuenftige  # other series' entries stay
