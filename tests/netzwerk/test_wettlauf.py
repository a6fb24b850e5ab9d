"""Twenty people registering for five seats of a network event at the same moment, one
person pressing "Anmelden" five times at once, and three people leaving at once: the row
lock on the event keeps seats and the waiting list exact (PostgreSQL)."""

import pytest

from common.models import Notice
from common.workflow import NichtMoeglich
from netzwerk import services
from netzwerk.models import Veranstaltungsanmeldung
from tests.factories import UserFactory, VeranstaltungFactory
from tests.gleichzeitig import gleichzeitig

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PLAETZE = 5
PERSONEN = 20


@pytest.fixture
def werkstatt(transactional_db):
    """A published workshop in ten days with five seats."""
    return VeranstaltungFactory(
        titel="Werkstatt Vereinsgründung",
        veroeffentlicht=True,
        anmeldung_erforderlich=True,
        plaetze=PLAETZE,
    )


def _stati(veranstaltung):
    return list(veranstaltung.anmeldungen.order_by("pk").values_list("status", flat=True))


def _anmelden(veranstaltung, person):
    """The registration step, with a refusal returned as its text."""
    try:
        return services.veranstaltung_anmelden(veranstaltung, person)
    except NichtMoeglich as fehler:
        return str(fehler)


def test_twenty_people_registering_at_once_fill_five_seats_and_queue_fifteen(werkstatt):
    personen = [UserFactory() for _ in range(PERSONEN)]

    _ergebnisse, fehler = gleichzeitig(
        [
            lambda person=person: services.veranstaltung_anmelden(werkstatt, person)
            for person in personen
        ]
    )

    assert fehler == []
    stati = _stati(werkstatt)
    assert (stati.count("angemeldet"), stati.count("wartend")) == (PLAETZE, PERSONEN - PLAETZE)
    assert stati == ["angemeldet"] * PLAETZE + ["wartend"] * (PERSONEN - PLAETZE)


def test_one_person_registering_five_times_at_once_holds_one_seat(werkstatt):
    person = UserFactory()

    ergebnisse, fehler = gleichzeitig([lambda: _anmelden(werkstatt, person)] * 5)

    assert fehler == []
    abgelehnt = [ergebnis for ergebnis in ergebnisse if isinstance(ergebnis, str)]
    assert abgelehnt == ["Sie sind bereits angemeldet."] * 4
    assert _stati(werkstatt) == ["angemeldet"]


def test_three_people_leaving_at_once_promote_the_first_three_waiting_exactly_once(werkstatt):
    anmeldungen = [
        services.veranstaltung_anmelden(werkstatt, UserFactory()) for _ in range(PLAETZE + 5)
    ]
    gehen = [anmeldungen[0], anmeldungen[2], anmeldungen[4]]
    nachruecker = anmeldungen[PLAETZE : PLAETZE + 3]

    _ergebnisse, fehler = gleichzeitig(
        [
            lambda anmeldung=anmeldung: services.veranstaltung_abmelden(anmeldung, anmeldung.person)
            for anmeldung in gehen
        ]
    )

    assert fehler == []
    assert _stati(werkstatt).count("angemeldet") == PLAETZE
    for anmeldung in nachruecker:
        anmeldung.refresh_from_db()
        assert anmeldung.status == "angemeldet" and anmeldung.nachgerueckt_am is not None
    assert list(
        Veranstaltungsanmeldung.objects.filter(veranstaltung=werkstatt, status="wartend")
        .order_by("pk")
        .values_list("pk", flat=True)
    ) == [a.pk for a in anmeldungen[PLAETZE + 3 :]]
    benachrichtigt = Notice.objects.filter(art="veranstaltung_nachgerueckt")
    assert sorted(benachrichtigt.values_list("empfaenger", flat=True)) == sorted(
        a.person_id for a in nachruecker
    )
