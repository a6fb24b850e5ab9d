"""Revoking or renewing the secret calendar address asks first: calendars subscribed to it
stop showing the person's dates. Creating the first one asks nothing."""

import pytest
from django.urls import reverse

from konten.models import Kalenderschluessel
from tests.bestaetigung import BESTAETIGT, frage

pytestmark = pytest.mark.django_db


def _schluessel(person):
    return list(Kalenderschluessel.objects.filter(person=person).values_list("schluessel"))


@pytest.mark.parametrize(
    ("aktion", "satz"),
    [
        ("widerrufen", "Ihre Kalender-Adresse löschen?"),
        ("erneuern", "Eine neue Kalender-Adresse erstellen?"),
    ],
)
def test_changing_an_address_in_use_asks_first(welt, client_als, aktion, satz):
    vorher = _schluessel(welt.ek_a)
    text = frage(client_als(welt.ek_a).post(reverse("konten:kalender"), {"aktion": aktion}))
    assert satz in text
    assert _schluessel(welt.ek_a) == vorher


def test_the_confirmed_revocation_deletes_the_address(welt, client_als):
    client_als(welt.ek_a).post(reverse("konten:kalender"), {**BESTAETIGT, "aktion": "widerrufen"})
    assert not Kalenderschluessel.objects.filter(person=welt.ek_a).exists()


def test_the_first_address_is_created_without_a_question(welt, client_als):
    antwort = client_als(welt.ek_b).post(reverse("konten:kalender"), {"aktion": "erneuern"})
    assert antwort.status_code == 302
    assert Kalenderschluessel.objects.filter(person=welt.ek_b).exists()
