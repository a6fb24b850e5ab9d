"""The region dashboard: what needs the regional coordination's attention, in few queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from konten import roles
from regionen import services
from tests.factories import (
    AufgabeFactory,
    BedarfFactory,
    UnterkunftFactory,
    UserFactory,
    jourfixe_serie,
)
from unterkuenfte.models import Bedarf

pytestmark = pytest.mark.django_db


def _dashboard(client, welt):
    response = client.get(reverse("regionen:detail", args=[welt.nord.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_dashboard_shows_waiting_needs_fill_rate_and_shelters_without_coordination(
    welt, client_als
):
    Bedarf.objects.filter(pk=welt.bedarf_a.pk).update(
        created_at=timezone.now() - timedelta(days=21), anzahl_helfende=4, anzahl_besetzt=1
    )
    verwaist = UnterkunftFactory(
        name="Unterkunft Ohnekoordination", bezirk=welt.unterkunft_a.bezirk
    )
    BedarfFactory(unterkunft=verwaist, anzahl_helfende=4, anzahl_besetzt=3)
    body = _dashboard(client_als(welt.rk_nord), welt)
    assert "Unterkunft Ahornhof" in body
    assert "3\xa0Wochen" in body  # the oldest open need waits for three weeks
    assert "50 %" in body  # 4 of 8 wanted helpers are accepted across the region
    assert "1 Unterkunft ohne aktive Ehrenamtskoordination" in body
    assert "Unterkunft Ohnekoordination" in body
    assert "Birkenhain" not in body  # Südost's shelter is not Nord's business


def test_coordinators_not_seen_for_60_days_are_named(welt, client_als):
    welt.ek_a.last_login = timezone.now() - timedelta(days=61)
    welt.ek_a.save(update_fields=["last_login"])
    aktiv = UserFactory(anzeigename="Anna Aktiv", last_login=timezone.now())
    roles.rolle("ehrenamtskoordination").grant(aktiv, welt.unterkunft_a)
    body = _dashboard(client_als(welt.rk_nord), welt)
    assert "1 Koordination seit 60 Tagen nicht angemeldet" in body
    assert "Emma Ahornhof" in body
    assert "Anna Aktiv ·" not in body


def test_upcoming_jours_fixes_with_answers_and_open_action_items(welt, client_als):
    serie = jourfixe_serie(welt, titel="Jour fixe Montag", regel="FREQ=WEEKLY;BYDAY=MO")
    termin = serie.termine.first()
    services.teilnahme_antworten(termin, welt.ek_a, "ja")
    AufgabeFactory(termin=termin, titel="Spendenlager klären", verantwortlich=welt.ek_a)
    body = _dashboard(client_als(welt.rk_nord), welt)
    assert "Jour fixe Montag" in body
    assert "1 Zusagen" in body
    assert "2 offene Aufgaben" in body  # this one and the fixture's item for ek_a
    assert "Spendenlager klären" in body


def _anzahl_abfragen(client, welt):
    with CaptureQueriesContext(connection) as captured:
        _dashboard(client, welt)
    return len(captured)


def test_the_dashboard_costs_as_many_queries_for_50_shelters_as_for_5(welt, client_als):
    client = client_als(welt.rk_nord)

    def fuellen(n):
        for unterkunft in UnterkunftFactory.create_batch(n, bezirk=welt.unterkunft_a.bezirk):
            BedarfFactory(unterkunft=unterkunft)
            roles.rolle("ehrenamtskoordination").grant(UserFactory(), unterkunft)

    fuellen(5)
    wenige = _anzahl_abfragen(client, welt)
    fuellen(45)
    assert _anzahl_abfragen(client, welt) == wenige


def test_the_dashboard_is_the_regions_coordination_only(welt, client_als):
    for persona in ("rk_suedost", "ek_a", "verwaltung", "freiwillig"):
        response = client_als(welt.personas[persona]).get(
            reverse("regionen:detail", args=[welt.nord.pk])
        )
        # the administration's role reads figures only: 403 before any object is looked up
        assert response.status_code == (403 if persona == "verwaltung" else 404), persona
