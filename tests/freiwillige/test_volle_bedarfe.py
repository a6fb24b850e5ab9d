"""A need whose places are all taken takes nobody more: acceptance is refused with a
sentence (service, page and API alike) and nothing changes; the places are raised on the
need first, never by accepting."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from freiwillige import services
from freiwillige.models import Bewerbung, Einsatz, Verlaufseintrag
from unterkuenfte.models import Bedarf

VOLL = (
    "Der Bedarf sucht 1 Person, und dieser Platz ist schon besetzt. Wer mehr Helfer*innen "
    "einsetzen will, erhöht zuerst im Bedarf die Zahl der gesuchten Helfer*innen."
)


@pytest.fixture
def voll(welt):
    """Shelter B's need looks for one helper, and Hanna holds that place; Finn waits."""
    Bedarf.objects.filter(pk=welt.bedarf_b.pk).update(anzahl_helfende=1, anzahl_besetzt=1)
    return welt


def _stand(welt):
    bedarf = Bedarf.objects.get(pk=welt.bedarf_b.pk)
    return (
        Bewerbung.objects.get(pk=welt.bewerbung_b.pk).status,
        Einsatz.objects.filter(bedarf=bedarf).count(),
        Verlaufseintrag.objects.count(),
        bedarf.anzahl_besetzt,
        bedarf.anzahl_helfende,
        bedarf.status,
    )


def test_the_service_refuses_to_accept_into_a_full_need_and_changes_nothing(voll):
    vorher = _stand(voll)

    with pytest.raises(services.NichtMoeglich) as fehler:
        services.bewerbung_annehmen(voll.bewerbung_b, voll.ek_b)

    assert fehler.value.gruende == [VOLL]
    assert _stand(voll) == vorher


def test_the_page_says_the_need_is_full_and_offers_no_acceptance(voll, client_als):
    client = client_als(voll.ek_b)
    url = reverse("freiwillige:bewerbung", args=[voll.bewerbung_b.pk])
    annehmen = reverse("freiwillige:bewerbung_aktion", args=[voll.bewerbung_b.pk, "annehmen"])

    seite = client.get(url).content.decode()
    assert "1 von 1 besetzt" in seite
    assert "Alle Plätze dieses Bedarfs sind besetzt." in seite
    assert f'action="{annehmen}"' not in seite
    assert reverse("unterkuenfte:bedarf_bearbeiten", args=[voll.bedarf_b.pk]) in seite

    vorher = _stand(voll)
    antwort = client.post(annehmen, follow=True)
    assert VOLL in antwort.content.decode()
    assert _stand(voll) == vorher


def test_the_api_refuses_to_accept_into_a_full_need_and_changes_nothing(voll):
    api = APIClient()
    api.force_authenticate(voll.ek_b)
    vorher = _stand(voll)

    antwort = api.post(reverse("api:bewerbung-annehmen", args=[voll.bewerbung_b.pk]), format="json")

    assert antwort.status_code == 400
    assert antwort.json()["non_field_errors"] == [VOLL]
    assert _stand(voll) == vorher


def test_with_one_more_place_the_same_acceptance_goes_through(voll):
    Bedarf.objects.filter(pk=voll.bedarf_b.pk).update(anzahl_helfende=2)

    services.bewerbung_annehmen(voll.bewerbung_b, voll.ek_b)

    bedarf = Bedarf.objects.get(pk=voll.bedarf_b.pk)
    assert (bedarf.anzahl_besetzt, bedarf.anzahl_helfende, bedarf.status) == (2, 2, "besetzt")


def test_the_places_of_a_need_cannot_be_lowered_below_those_taken(voll, client_als):
    from unterkuenfte.models import Bedarf as Modell

    bedarf = Modell.objects.get(pk=voll.bedarf_b.pk)
    Modell.objects.filter(pk=bedarf.pk).update(anzahl_helfende=3, anzahl_besetzt=2)
    api = APIClient()
    api.force_authenticate(voll.ek_b)

    antwort = api.patch(
        reverse("api:bedarf-detail", args=[bedarf.pk]), {"anzahl_helfende": 1}, format="json"
    )

    assert antwort.status_code == 400
    assert "2 Plätze sind schon besetzt" in antwort.content.decode()
    assert Modell.objects.get(pk=bedarf.pk).anzahl_helfende == 3
