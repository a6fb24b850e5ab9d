"""An assignment says on which days and hours the work is: the need's weekly slots, or
its one day, on the page and in the API, for the volunteer and for the coordination."""

import re
from datetime import time, timedelta

import pytest
from django.template.defaultfilters import date as datum_filter
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from tests.factories import BedarfFactory, EinsatzFactory


@pytest.fixture
def welt(welt_freiwilligenarbeit):
    """These tests read only the volunteering (and the Grundlage beneath it)."""
    return welt_freiwilligenarbeit


def _zeiten(html: str) -> str:
    """The text of the page's "Wann" line."""
    zeile = html.split('id="einsatzzeiten">')[1].split("</p>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", zeile).split())


def _api(person):
    api = APIClient()
    api.force_authenticate(person)
    return api


@pytest.fixture
def zwei_zeiten(welt):
    """Hanna's need at shelter B is on Wednesdays 16–18 and Saturdays 10–12:30."""
    welt.bedarf_b.zeitfenster.create(wochentag=5, von=time(10), bis=time(12, 30))
    return welt


@pytest.mark.parametrize("wer", ["hanna", "ek_b"])
def test_the_assignment_page_names_the_weekly_days_and_hours(zwei_zeiten, client_als, wer):
    seite = client_als(zwei_zeiten.personas.get(wer) or zwei_zeiten.objekte[wer]).get(
        reverse("freiwillige:einsatz", args=[zwei_zeiten.einsatz_b.pk])
    )

    assert _zeiten(seite.content.decode()) == "Wann: Mittwoch 16:00–18:00, Samstag 10:00–12:30"


def test_a_one_off_assignment_names_its_day(welt, client_als):
    tag = timezone.localdate() + timedelta(days=9)
    bedarf = BedarfFactory(unterkunft=welt.unterkunft_b, einmalig_am=tag, titel="Umzugshilfe")
    einsatz = EinsatzFactory(person=welt.hanna, bedarf=bedarf)

    seite = client_als(welt.hanna).get(reverse("freiwillige:einsatz", args=[einsatz.pk]))

    with translation.override("de"):
        assert (
            _zeiten(seite.content.decode()) == f"Wann: einmalig am {datum_filter(tag, 'l, j. F Y')}"
        )
    antwort = _api(welt.ek_b).get(reverse("api:einsatz-detail", args=[einsatz.pk])).json()
    assert (antwort["einmalig_am"], antwort["zeitfenster"]) == (tag.isoformat(), [])


@pytest.mark.parametrize("wer", ["hanna", "ek_b"])
def test_the_api_gives_the_assignments_weekly_days_and_hours(zwei_zeiten, wer):
    person = zwei_zeiten.personas.get(wer) or zwei_zeiten.objekte[wer]

    liste = _api(person).get(reverse("api:einsatz-list")).json()["results"]

    eintrag = next(e for e in liste if e["id"] == zwei_zeiten.einsatz_b.pk)
    assert eintrag["zeitfenster"] == [
        {"wochentag": 2, "von": "16:00:00", "bis": "18:00:00"},
        {"wochentag": 5, "von": "10:00:00", "bis": "12:30:00"},
    ]
    assert eintrag["einmalig_am"] is None
