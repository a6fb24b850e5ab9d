"""The rules of a jour fixe's minutes, on the page and in the API alike: an action item is
not due before its meeting and not recorded twice; no topic is proposed once the meeting
is over; and past meetings are found on the jour-fixe list with their minutes."""

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from regionen import services
from regionen.models import Aufgabe, Thema
from tests.factories import TerminFactory, termin_heute

#: termin_heute moves the day's Termin to an hour from now: it must stay on that day
pytestmark = pytest.mark.uhr(uhrzeit="10:00")


@pytest.fixture
def welt(welt_jourfixe):
    """These tests read only the jour fixe (and the Grundlage beneath it)."""
    return welt_jourfixe


def _gestern() -> str:
    return (timezone.localdate() - timedelta(days=1)).isoformat()


def _seite_aufgabe(client, termin, **daten):
    return client.post(reverse("regionen:aufgabe_erstellen", args=[termin.pk]), daten, follow=True)


def _api_aufgabe(client, termin, **daten):
    return client.post(
        reverse("api:aufgabe-list"), {"termin": termin.pk, **daten}, content_type="application/json"
    )


def _vorher_faellig(termin) -> str:
    tag = date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    return (
        f"Eine Aufgabe aus dem Termin vom {tag} kann nicht vorher fällig sein: wählen Sie den "
        f"{tag} oder einen späteren Tag."
    )


DOPPELT = "Diese Aufgabe steht für diese Person schon im Protokoll dieses Termins."


def test_the_minutes_page_refuses_an_item_due_before_the_meeting(welt, client_als):
    termin = termin_heute(welt)

    antwort = _seite_aufgabe(
        client_als(welt.rk_nord), termin, titel="Raum buchen", faellig_am=_gestern()
    )

    assert _vorher_faellig(termin) in html.unescape(antwort.content.decode())
    assert not Aufgabe.objects.filter(termin=termin).exists()


def test_the_api_refuses_an_item_due_before_the_meeting(welt, client_als):
    termin = termin_heute(welt)

    antwort = _api_aufgabe(
        client_als(welt.rk_nord), termin, titel="Raum buchen", faellig_am=_gestern()
    )

    assert antwort.status_code == 400
    assert antwort.json()["non_field_errors"] == [_vorher_faellig(termin)]
    assert not Aufgabe.objects.filter(termin=termin).exists()


def test_an_item_due_on_the_meetings_day_is_recorded(welt, client_als):
    termin = termin_heute(welt)

    antwort = _api_aufgabe(
        client_als(welt.rk_nord),
        termin,
        titel="Raum buchen",
        faellig_am=timezone.localdate().isoformat(),
    )

    assert antwort.status_code == 201
    assert Aufgabe.objects.filter(termin=termin).count() == 1


def test_the_minutes_page_refuses_the_same_item_for_the_same_owner_twice(welt, client_als):
    termin = termin_heute(welt)
    client = client_als(welt.rk_nord)
    _seite_aufgabe(client, termin, titel="Flyer drucken", verantwortlich=welt.ek_a.pk)

    antwort = _seite_aufgabe(client, termin, titel=" flyer drucken ", verantwortlich=welt.ek_a.pk)

    assert DOPPELT in html.unescape(antwort.content.decode())
    assert Aufgabe.objects.filter(termin=termin).count() == 1


def test_the_api_refuses_the_same_item_for_the_same_owner_twice(welt, client_als):
    termin = termin_heute(welt)
    client = client_als(welt.rk_nord)
    assert (
        _api_aufgabe(client, termin, titel="Flyer drucken", verantwortlich=welt.ek_a.pk).status_code
        == 201
    )

    antwort = _api_aufgabe(client, termin, titel="Flyer drucken", verantwortlich=welt.ek_a.pk)

    assert antwort.status_code == 400
    assert antwort.json()["non_field_errors"] == [DOPPELT]
    assert Aufgabe.objects.filter(termin=termin).count() == 1


def test_the_same_title_for_another_owner_or_at_another_meeting_is_a_new_item(welt):
    termin = termin_heute(welt)
    naechster = termin.serie.termine.exclude(pk=termin.pk).order_by("beginn").first()
    services.aufgabe_anlegen(termin, welt.rk_nord, "Flyer drucken", welt.ek_a)

    services.aufgabe_anlegen(termin, welt.rk_nord, "Flyer drucken", welt.rk_nord)
    services.aufgabe_anlegen(naechster, welt.rk_nord, "Flyer drucken", welt.ek_a)

    assert Aufgabe.objects.filter(titel="Flyer drucken").count() == 3


# --- no topics for a meeting that is over ------------------------------------------------------


VORBEI = "Dieser Termin ist vorbei: Themen lassen sich nur für kommende Termine vorschlagen."


@pytest.fixture
def vergangen(welt):
    """Nord's jour fixe met last week; its agenda was never published."""
    beginn = timezone.now() - timedelta(days=7)
    return TerminFactory(serie=welt.serie_nord, beginn=beginn)


def test_the_management_cannot_propose_a_topic_for_a_meeting_that_is_over(welt, vergangen):
    with pytest.raises(services.NichtMoeglich, match="vorbei"):
        services.thema_vorschlagen(vergangen, welt.rk_nord, "Nachtrag")
    assert not Thema.objects.filter(termin=vergangen).exists()


def test_the_page_of_a_meeting_that_is_over_offers_no_topic_form_and_refuses_one(
    welt, vergangen, client_als
):
    client = client_als(welt.rk_nord)
    url = reverse("regionen:thema_vorschlagen", args=[vergangen.pk])

    seite = client.get(reverse("regionen:termin", args=[vergangen.pk])).content.decode()
    antwort = client.post(url, {"titel": "Nachtrag"}, follow=True)

    assert f'action="{url}"' not in seite
    assert VORBEI in html.unescape(antwort.content.decode())
    assert not Thema.objects.filter(termin=vergangen).exists()


def test_the_api_refuses_a_topic_for_a_meeting_that_is_over(welt, vergangen, client_als):
    antwort = client_als(welt.rk_nord).post(
        reverse("api:thema-list"),
        {"termin": vergangen.pk, "titel": "Nachtrag"},
        content_type="application/json",
    )

    assert antwort.status_code == 400
    assert antwort.json()["non_field_errors"] == [VORBEI]
    assert not Thema.objects.filter(termin=vergangen).exists()


# --- past meetings on the jour-fixe list ---------------------------------------------------------


def _vergangene(welt, serie, anzahl):
    """``anzahl`` past meetings of ``serie``, a week apart, the latest with published minutes."""
    termine = []
    for woche in range(1, anzahl + 1):
        beginn = timezone.now() - timedelta(weeks=woche)
        termine.append(
            TerminFactory(
                serie=serie,
                beginn=beginn,
                protokoll="Besprochen." if woche == 1 else "",
                protokoll_veroeffentlicht_am=beginn + timedelta(hours=3) if woche == 1 else None,
            )
        )
    return termine


def _abschnitt(seite: str) -> str:
    return seite.split('id="vergangene"')[1].split("</section>")[0]


def test_the_jour_fixe_list_shows_past_meetings_with_their_minutes(welt, client_als):
    nord = _vergangene(welt, welt.serie_nord, 2)
    _vergangene(welt, welt.serie_suedost, 1)

    seite = client_als(welt.ek_a).get(reverse("regionen:termine")).content.decode()
    vergangen = _abschnitt(seite)

    links = re.findall(r'href="(/regionen/jourfixe/termine/\d+/)"', vergangen)
    assert links == [reverse("regionen:termin", args=[t.pk]) for t in nord]
    assert f'href="{reverse("regionen:termin", args=[nord[0].pk])}#protokoll"' in vergangen
    assert "Jour fixe Südost" not in vergangen


def test_past_meetings_come_ten_a_page_newest_first(welt, client_als):
    termine = _vergangene(welt, welt.serie_nord, 12)
    client = client_als(welt.ek_a)

    erste = _abschnitt(client.get(reverse("regionen:termine")).content.decode())
    zweite = _abschnitt(client.get(reverse("regionen:termine") + "?vergangen=2").content.decode())

    def gezeigt(abschnitt):
        return [t.pk for t in termine if reverse("regionen:termin", args=[t.pk]) + '"' in abschnitt]

    assert gezeigt(erste) == [t.pk for t in termine[:10]]
    assert gezeigt(zweite) == [t.pk for t in termine[10:]]
    assert "Ältere" in erste and "Neuere" in zweite
