"""Fifty coordinators registering for ten seats at the same moment, and three people leaving
at once: the row lock on the course keeps seats and the waiting list exact (PostgreSQL)."""

import threading

import pytest
from django.test import Client
from django.urls import reverse

from common.models import Notice
from fortbildung import services
from fortbildung.models import Anmeldung, Kurs
from konten import roles
from tests.factories import ReiheFactory, UnterkunftFactory, UserFactory, fortbildungskurs
from tests.gleichzeitig import WARTEZEIT, gleichzeitig

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PLAETZE = 10
PERSONEN = 50


@pytest.fixture
def andrang(transactional_db):
    """A coordinators' course with ten seats and fifty shelter coordinators."""
    unterkunft = UnterkunftFactory()
    reihe = ReiheFactory(
        titel="Freiwilligenkoordination – Basis", stufe="basis", zielgruppe="koordination"
    )
    kurs = fortbildungskurs(reihe, "Basiskurs Andrang", plaetze=PLAETZE)
    personen = [UserFactory(email=f"ek-{n:02d}@test.invalid") for n in range(PERSONEN)]
    for person in personen:
        roles.rolle("ehrenamtskoordination").grant(person, unterkunft)
    return kurs, personen


def _alle_melden_sich_an(kurs, personen):
    """Every person presses "Anmelden" on the course page at once, each in a browser of
    their own; returns the responses and the exceptions the threads raised."""
    url = reverse("fortbildung:anmelden", args=[kurs.pk])
    browser = []
    for person in personen:
        client = Client()
        client.force_login(person)
        browser.append(client)
    return gleichzeitig([lambda client=client: client.post(url) for client in browser])


def _stati(kurs):
    return list(Anmeldung.objects.filter(kurs=kurs).values_list("status", flat=True))


def _warteliste(kurs):
    """(person id, waiting position) of everyone waiting, in the order they registered."""
    return list(
        Anmeldung.objects.filter(kurs=kurs, status=Anmeldung.Status.WARTEND)
        .mit_warteposition()
        .order_by("pk")
        .values_list("person", "warteposition")
    )


def test_fifty_people_registering_at_once_fill_ten_seats_and_queue_forty_in_order(andrang):
    kurs, personen = andrang

    antworten, fehler = _alle_melden_sich_an(kurs, personen)

    assert fehler == []
    assert [(a.status_code, a.url) for a in antworten] == [(302, kurs.get_absolute_url())] * 50
    stati = _stati(kurs)
    assert len(stati) == PERSONEN
    assert stati.count("angemeldet") == PLAETZE
    assert stati.count("wartend") == PERSONEN - PLAETZE
    assert [position for _person, position in _warteliste(kurs)] == list(range(1, 41))
    assert set(Anmeldung.objects.filter(kurs=kurs).values_list("person", flat=True)) == {
        person.pk for person in personen
    }


def test_without_the_row_lock_the_same_rush_overbooks_the_course(andrang, monkeypatch):
    """The fault the lock prevents: everyone counts the seats before anyone takes one."""
    kurs, personen = andrang
    alle_haben_gelesen = threading.Barrier(PERSONEN)

    def ohne_sperre(kurs_pk):
        gelesen = Kurs.objects.get(pk=kurs_pk)
        alle_haben_gelesen.wait(WARTEZEIT)
        return gelesen

    monkeypatch.setattr(services, "_kurs_sperren", ohne_sperre)

    _antworten, fehler = _alle_melden_sich_an(kurs, personen)

    assert fehler == []
    assert _stati(kurs).count("angemeldet") > PLAETZE


def test_three_people_leaving_at_once_promote_the_first_three_waiting_exactly_once(andrang):
    kurs, personen = andrang
    anmeldungen = [services.anmeldung_anlegen(kurs, person) for person in personen]
    gehen = [anmeldungen[1], anmeldungen[4], anmeldungen[8]]
    nachruecker = anmeldungen[PLAETZE : PLAETZE + 3]
    bleiben_wartend = anmeldungen[PLAETZE + 3 :]
    assert {a.status for a in gehen} == {"angemeldet"}
    assert {a.status for a in nachruecker + bleiben_wartend} == {"wartend"}

    _ergebnisse, fehler = gleichzeitig(
        [
            lambda anmeldung=anmeldung: services.anmeldung_stornieren(anmeldung, anmeldung.person)
            for anmeldung in gehen
        ]
    )

    assert fehler == []
    assert _stati(kurs).count("angemeldet") == PLAETZE
    assert set(
        Anmeldung.objects.filter(pk__in=[a.pk for a in gehen]).values_list("status", flat=True)
    ) == {"abgemeldet"}
    for anmeldung in nachruecker:
        anmeldung.refresh_from_db()
        assert anmeldung.status == "angemeldet" and anmeldung.nachgerueckt_am is not None
    assert _warteliste(kurs) == [
        (anmeldung.person_id, position)
        for position, anmeldung in enumerate(bleiben_wartend, start=1)
    ]
    benachrichtigt = list(
        Notice.objects.filter(art="fortbildung_nachgerueckt").values_list("empfaenger", flat=True)
    )
    assert sorted(benachrichtigt) == sorted(a.person_id for a in nachruecker)
