"""Ten applications accepted at the same moment into a need with two places: the row lock on
the need lets exactly two through, and the others hear why (PostgreSQL)."""

import pytest

from freiwillige import services
from freiwillige.models import Einsatz
from konten import roles
from tests.factories import (
    BedarfFactory,
    BewerbungFactory,
    UnterkunftFactory,
    UserFactory,
    freiwillige_bereit,
)
from tests.gleichzeitig import gleichzeitig
from unterkuenfte.models import Bedarf

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_accepting_ten_at_once_fills_two_places_and_refuses_the_rest():
    unterkunft = UnterkunftFactory()
    koordination = UserFactory(email="ek-wettlauf@test.invalid")
    roles.rolle("ehrenamtskoordination").grant(koordination, unterkunft)
    bedarf = BedarfFactory(unterkunft=unterkunft, anzahl_helfende=2)
    bewerbungen = []
    for nummer in range(10):
        person = UserFactory(email=f"wettlauf-{nummer}@test.invalid")
        freiwillige_bereit(person)
        bewerbungen.append(BewerbungFactory(bedarf=bedarf, person=person))

    ergebnisse, fehler = gleichzeitig(
        [
            lambda bewerbung=bewerbung: services.bewerbung_annehmen(bewerbung, koordination)
            for bewerbung in bewerbungen
        ]
    )

    bedarf = Bedarf.objects.get(pk=bedarf.pk)
    assert Einsatz.objects.filter(bedarf=bedarf).count() == 2
    assert (bedarf.anzahl_besetzt, bedarf.status) == (2, "besetzt")
    assert len([e for e in ergebnisse if e is not None]) == 2
    assert len(fehler) == 8
    assert all("Alle 2 Plätze dieses Bedarfs sind schon besetzt." in f for f in fehler), fehler
