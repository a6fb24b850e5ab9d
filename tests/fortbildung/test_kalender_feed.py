"""Training sessions in the personal calendar feed: the sessions of courses the person
holds a seat in, one entry per session whose UID survives every move."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from fortbildung import services
from fortbildung.models import Anmeldung
from tests.bestaetigung import BESTAETIGT
from tests.factories import AnmeldungFactory, fortbildungskurs

pytestmark = pytest.mark.django_db


def _sekunden(wert):
    """iCalendar times carry whole seconds."""
    return wert.replace(microsecond=0)


def _uid(sitzung) -> str:
    return f"sitzung-{sitzung.uid}@{settings.KALENDER_UID_DOMAIN}"


def _uids(kurs) -> set[str]:
    return {_uid(sitzung) for sitzung in kurs.sitzungen.all()}


def _feed(welt) -> dict:
    """ek_a's feed fetched as a calendar program does (no login): entries by UID."""
    antwort = Client().get(reverse("kalender_feed", args=[welt.kalender_ek_a.schluessel]))
    assert antwort.status_code == 200
    assert antwort["Content-Type"].startswith("text/calendar")
    kalender = Calendar.from_ical(antwort.content)
    return {str(event["UID"]): event for event in kalender.walk("VEVENT")}


def _sitzungs_eintraege(feed: dict) -> set[str]:
    return {uid for uid in feed if uid.startswith("sitzung-")}


def _voller_kurs(welt, titel):
    """A course of one seat, taken by ek_b."""
    kurs = fortbildungskurs(welt.reihe_basis, titel, plaetze=1, sitzungen=2)
    AnmeldungFactory(kurs=kurs, person=welt.ek_b)
    return kurs


def test_the_feed_carries_the_three_sessions_of_the_registered_course(welt):
    feed = _feed(welt)
    kurs = welt.kurs_basis
    assert len(_uids(kurs)) == 3
    assert _uids(kurs) <= set(feed)
    for nummer, sitzung in enumerate(kurs.sitzungen.order_by("beginn"), start=1):
        event = feed[_uid(sitzung)]
        assert event["DTSTART"].dt == _sekunden(sitzung.beginn), nummer
        assert event["DTEND"].dt == _sekunden(sitzung.ende), nummer
        assert str(event["SUMMARY"]) == "Basiskurs Frühjahr"
        assert str(event["LOCATION"]) == "Raum 1"
        assert welt.reihe_basis.titel in str(event["DESCRIPTION"])
        assert str(event["URL"]).endswith(kurs.get_absolute_url())


def test_the_sessions_keep_their_uids_from_one_fetch_to_the_next(welt):
    assert _sitzungs_eintraege(_feed(welt)) == _sitzungs_eintraege(_feed(welt))


def test_the_feed_leaves_out_courses_the_person_waits_for_or_cancelled(welt, client_als):
    wartet = _voller_kurs(welt, "Basiskurs kompakt")
    client = client_als(welt.ek_a)
    client.post(reverse("fortbildung:anmelden", args=[wartet.pk]))
    assert Anmeldung.objects.get(kurs=wartet, person=welt.ek_a).status == "wartend"
    storniert = fortbildungskurs(welt.reihe_basis, "Basiskurs abgesagt", sitzungen=2)
    client.post(reverse("fortbildung:anmelden", args=[storniert.pk]))
    anmeldung = Anmeldung.objects.get(kurs=storniert, person=welt.ek_a)
    client.post(reverse("fortbildung:abmelden", args=[anmeldung.pk]), BESTAETIGT)
    anmeldung.refresh_from_db()
    assert anmeldung.status == "abgemeldet"

    eintraege = _sitzungs_eintraege(_feed(welt))
    assert _uids(welt.kurs_basis) <= eintraege
    assert not _uids(wartet) & eintraege
    assert not _uids(storniert) & eintraege
    assert not _uids(welt.kurs_aufbau) & eintraege
    assert not _uids(welt.kurs_entwurf) & eintraege


def test_a_person_moving_up_from_the_waiting_list_gets_the_sessions(welt, client_als):
    kurs = _voller_kurs(welt, "Basiskurs kompakt")
    client_als(welt.ek_a).post(reverse("fortbildung:anmelden", args=[kurs.pk]))
    assert not _uids(kurs) & set(_feed(welt))
    sitz_b = Anmeldung.objects.get(kurs=kurs, person=welt.ek_b)
    client_als(welt.ek_b).post(reverse("fortbildung:abmelden", args=[sitz_b.pk]), BESTAETIGT)
    assert _uids(kurs) <= set(_feed(welt))


def _verschieben(welt, kurs, sitzung, um):
    """The team moves one session; the others stay as they are."""
    sitzungen = list(kurs.sitzungen.order_by("beginn"))
    for eintrag in sitzungen:
        if eintrag.pk == sitzung.pk:
            eintrag.beginn += um
            eintrag.ende += um
    services.kurs_speichern(kurs, welt.fortbildung, sitzungen)


def test_a_moved_session_keeps_its_uid_and_shows_the_new_time(welt):
    kurs = welt.kurs_basis
    letzte = kurs.sitzungen.order_by("beginn").last()
    kurs.sitzungen.update(updated_at=timezone.now() - timedelta(days=1))
    vorher = _feed(welt)
    _verschieben(welt, kurs, letzte, timedelta(days=2, hours=1))
    nachher = _feed(welt)

    assert _sitzungs_eintraege(nachher) == _sitzungs_eintraege(vorher)
    letzte.refresh_from_db()
    event = nachher[_uid(letzte)]
    assert event["DTSTART"].dt == _sekunden(letzte.beginn)
    assert event["DTSTART"].dt == vorher[_uid(letzte)]["DTSTART"].dt + timedelta(days=2, hours=1)
    assert event["LAST-MODIFIED"].dt > vorher[_uid(letzte)]["LAST-MODIFIED"].dt
    for sitzung in kurs.sitzungen.exclude(pk=letzte.pk):
        assert nachher[_uid(sitzung)]["DTSTART"].dt == vorher[_uid(sitzung)]["DTSTART"].dt


def test_a_moved_session_raises_its_sequence_like_a_moved_jour_fixe_termin(welt):
    """common/kalender.py: "SEQUENCE grows with every change" – calendar programs rely on
    it to take the new time instead of keeping their copy."""
    kurs = welt.kurs_basis
    letzte = kurs.sitzungen.order_by("beginn").last()
    vorher = int(_feed(welt)[_uid(letzte)]["SEQUENCE"])
    _verschieben(welt, kurs, letzte, timedelta(days=2))
    assert int(_feed(welt)[_uid(letzte)]["SEQUENCE"]) == vorher + 1
