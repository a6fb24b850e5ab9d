"""One answer per network meeting: the event registration and the jour-fixe answer on its
Termin are the same answer, whichever page (or API) it is given on, and count once; the
seat at the meeting follows it; each page leads to the other."""

import html
import re
from dataclasses import dataclass
from datetime import time

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from konten.models import User
from netzwerk import services as netzwerk
from netzwerk.jourfixe_kreis import KEY
from netzwerk.models import Veranstaltung, Veranstaltungsanmeldung
from regionen import services as jourfixe
from regionen.models import JourFixeSerie, Teilnahme, Termin
from tests.bestaetigung import BESTAETIGT
from tests.factories import (
    TeilnahmeFactory,
    UserFactory,
    VeranstaltungsanmeldungFactory,
    VerteilerFactory,
)
from tests.welten.grundlage import zusammensetzen
from tests.welten.jourfixe import Jourfixe


@dataclass(kw_only=True)
class Treffen(Jourfixe):
    mia: User
    noah: User
    termin_treffen: Termin
    treffen: Veranstaltung


@pytest.fixture
def treffen(welt_jourfixe) -> Treffen:
    """Nord's network meetings as a jour-fixe series of the network's circle; the next one
    is a published event for the members of Nord's list with two seats. Olga (org_a, for
    Träger Alpha), Mia and Noah are on the list."""
    welt, mitglieder = welt_jourfixe, {}
    verteiler = VerteilerFactory(name="MSO-Netzwerk Nord", region=welt.nord)
    netzwerk.mitglied_aufnehmen(verteiler, welt.rk_nord, organisation=welt.traeger_a)
    for email, name in (("mia@test.invalid", "Mia Mitglied"), ("noah@test.invalid", "Noah Neu")):
        person = UserFactory(email=email, anzeigename=name)
        netzwerk.mitglied_aufnehmen(verteiler, welt.rk_nord, person=person)
        mitglieder[name.split()[0].lower()] = person
    serie = jourfixe.serie_anlegen(
        JourFixeSerie(
            region=welt.nord,
            titel="Netzwerktreffen Nord",
            regel="FREQ=MONTHLY;BYDAY=2WE",
            erster_tag=welt.termin_nord.beginn.date(),
            beginn=time(17),
            ende=time(19),
            ort="Rathaus Pankow",
            kreis=KEY,
        ),
        welt.rk_nord,
    )
    termin = serie.termine.order_by("beginn").first()
    veranstaltung = netzwerk.veranstaltung_speichern(
        Veranstaltung(
            art=Veranstaltung.Art.NETZWERKTREFFEN,
            titel="Netzwerktreffen im Rathaus",
            region=welt.nord,
            beginn=termin.beginn,
            ende=termin.ende,
            ort=serie.ort,
            oeffentlich=False,
            verteiler=verteiler,
            termin=termin,
            anmeldung_erforderlich=True,
            plaetze=2,
            veroeffentlicht=True,
        ),
        welt.rk_nord,
    )
    return zusammensetzen(Treffen, welt, **mitglieder, termin_treffen=termin, treffen=veranstaltung)


def _text(antwort) -> str:
    assert antwort.status_code == 200, antwort.status_code
    return html.unescape(antwort.content.decode())


def _termin_seite(client, welt) -> str:
    return _text(client.get(reverse("regionen:termin", args=[welt.termin_treffen.pk])))


def _veranstaltung_seite(client, welt) -> str:
    return _text(client.get(reverse("netzwerk:veranstaltung", args=[welt.treffen.pk])))


def _gewaehlt(seite: str) -> list[str]:
    """The answer buttons shown as pressed."""
    return re.findall(r'value="(ja|vielleicht|nein)"[^>]*aria-pressed="true"', seite)


def _zaehler(seite: str) -> str:
    return re.search(r"\d+ Zusagen, \d+ vielleicht, \d+ Absagen", seite)[0]


def _stand(welt):
    """(answers on the Termin, active registrations at the event) by person name."""
    antworten = {
        t.person.anzeigename: t.antwort
        for t in Teilnahme.objects.filter(termin=welt.termin_treffen).select_related("person")
    }
    plaetze = {
        a.person.anzeigename: a.status
        for a in Veranstaltungsanmeldung.objects.filter(veranstaltung=welt.treffen)
        .aktiv()
        .select_related("person")
    }
    return antworten, plaetze


def test_registering_on_the_event_page_is_the_yes_on_the_termin_page(treffen, client_als):
    client = client_als(treffen.org_a)

    client.post(reverse("netzwerk:anmelden", args=[treffen.treffen.pk]), follow=True)

    termin = _termin_seite(client, treffen)
    assert _gewaehlt(termin) == ["ja"]
    assert _zaehler(termin) == "1 Zusagen, 0 vielleicht, 0 Absagen"
    assert _stand(treffen) == ({"Olga Alpha": "ja"}, {"Olga Alpha": "angemeldet"})


def test_the_yes_on_the_termin_page_takes_a_seat_shown_on_the_event_page(treffen, client_als):
    client = client_als(treffen.org_a)

    client.post(
        reverse("regionen:termin_antworten", args=[treffen.termin_treffen.pk]), {"antwort": "ja"}
    )

    veranstaltung = _veranstaltung_seite(client, treffen)
    assert _gewaehlt(veranstaltung) == ["ja"]
    assert "Sie haben einen Platz." in veranstaltung
    assert _zaehler(veranstaltung) == "1 Zusagen, 0 vielleicht, 0 Absagen"


def test_answering_on_both_pages_is_one_answer_counted_once(treffen, client_als):
    client = client_als(treffen.org_a)
    client.post(
        reverse("regionen:termin_antworten", args=[treffen.termin_treffen.pk]), {"antwort": "ja"}
    )
    client.post(reverse("netzwerk:anmelden", args=[treffen.treffen.pk]), {"antwort": "ja"})

    assert _stand(treffen) == ({"Olga Alpha": "ja"}, {"Olga Alpha": "angemeldet"})
    zaehler = "1 Zusagen, 0 vielleicht, 0 Absagen"
    assert _zaehler(_termin_seite(client, treffen)) == zaehler
    assert _zaehler(_veranstaltung_seite(client, treffen)) == zaehler
    teilnehmende = _text(
        client_als(treffen.rk_nord).get(reverse("netzwerk:teilnehmende", args=[treffen.treffen.pk]))
    )
    assert teilnehmende.count("Olga Alpha") == 1


def test_maybe_on_the_event_page_is_maybe_on_the_termin_and_holds_no_seat(treffen, client_als):
    client = client_als(treffen.mia)
    client.post(reverse("netzwerk:anmelden", args=[treffen.treffen.pk]), {"antwort": "ja"})

    client.post(reverse("netzwerk:anmelden", args=[treffen.treffen.pk]), {"antwort": "vielleicht"})

    assert _gewaehlt(_termin_seite(client, treffen)) == ["vielleicht"]
    assert _stand(treffen) == ({"Mia Mitglied": "vielleicht"}, {})


def test_no_on_the_termin_page_frees_the_seat_for_the_first_waiting(treffen, client_als):
    """Two seats: Olga and Mia hold them, Noah waits; Olga says no on the Termin."""
    for person in (treffen.org_a, treffen.mia, treffen.noah):
        jourfixe.teilnahme_antworten(treffen.termin_treffen, person, "ja")
    assert _stand(treffen)[1]["Noah Neu"] == "wartend"

    client_als(treffen.org_a).post(
        reverse("regionen:termin_antworten", args=[treffen.termin_treffen.pk]), {"antwort": "nein"}
    )

    antworten, plaetze = _stand(treffen)
    assert antworten == {"Olga Alpha": "nein", "Mia Mitglied": "ja", "Noah Neu": "ja"}
    assert plaetze == {"Mia Mitglied": "angemeldet", "Noah Neu": "angemeldet"}
    assert "Sie haben einen Platz." in _veranstaltung_seite(client_als(treffen.noah), treffen)


def test_cancelling_the_registration_is_the_no_on_the_termin(treffen, client_als):
    anmeldung = netzwerk.veranstaltung_anmelden(treffen.treffen, treffen.mia)
    client = client_als(treffen.mia)

    client.post(reverse("netzwerk:veranstaltung_abmelden", args=[anmeldung.pk]), BESTAETIGT)

    assert _gewaehlt(_termin_seite(client, treffen)) == ["nein"]
    assert _stand(treffen) == ({"Mia Mitglied": "nein"}, {})


def test_the_api_answers_are_the_same_answer_too(treffen):
    api = APIClient()
    api.force_authenticate(treffen.mia)

    antwort = api.post(
        reverse("api:termin-antworten", args=[treffen.termin_treffen.pk]),
        {"antwort": "ja"},
        format="json",
    )
    assert antwort.status_code == 200
    assert antwort.json()["zusagen"] == 1
    ereignis = api.get(reverse("api:netzwerk-veranstaltung-detail", args=[treffen.treffen.pk]))
    assert ereignis.json()["belegt"] == 1

    api.force_authenticate(treffen.noah)
    angemeldet = api.post(reverse("api:netzwerk-veranstaltung-anmelden", args=[treffen.treffen.pk]))
    assert angemeldet.status_code == 201
    assert _stand(treffen) == (
        {"Mia Mitglied": "ja", "Noah Neu": "ja"},
        {"Mia Mitglied": "angemeldet", "Noah Neu": "angemeldet"},
    )


def test_the_termin_page_and_the_event_page_lead_to_each_other(treffen, client_als):
    client = client_als(treffen.mia)
    jourfixe.teilnahme_antworten(treffen.termin_treffen, treffen.mia, "ja")

    termin = _termin_seite(client, treffen)
    veranstaltung = _veranstaltung_seite(client, treffen)

    assert f'href="{treffen.treffen.get_absolute_url()}"' in termin
    assert "Zur Veranstaltungsseite: Netzwerktreffen im Rathaus" in termin
    assert "Sie haben einen Platz." in termin
    assert f'href="{treffen.termin_treffen.get_absolute_url()}"' in veranstaltung


def test_linking_an_event_to_its_termin_later_joins_the_answers_given_before(treffen, client_als):
    """Before the link: Mia answered yes on the Termin, Noah registered for the event."""
    welt = treffen
    Veranstaltung.objects.filter(pk=welt.treffen.pk).update(termin=None)
    jourfixe.teilnahme_antworten(welt.termin_treffen, welt.mia, "ja")
    welt.treffen.refresh_from_db()
    netzwerk.veranstaltung_anmelden(welt.treffen, welt.noah)
    assert _stand(welt) == ({"Mia Mitglied": "ja"}, {"Noah Neu": "angemeldet"})

    welt.treffen.termin = welt.termin_treffen
    netzwerk.veranstaltung_speichern(welt.treffen, welt.rk_nord)

    assert _stand(welt) == (
        {"Mia Mitglied": "ja", "Noah Neu": "ja"},
        {"Mia Mitglied": "angemeldet", "Noah Neu": "angemeldet"},
    )


def test_the_migration_joins_the_answers_and_registrations_written_apart_before(treffen):
    """Written apart as before: Mia registered only, Noah answered yes only, Olga
    registered and later answered no on the Termin."""
    from importlib import import_module

    from django.apps import apps

    welt = treffen
    VeranstaltungsanmeldungFactory(veranstaltung=welt.treffen, person=welt.mia)
    VeranstaltungsanmeldungFactory(veranstaltung=welt.treffen, person=welt.org_a)
    TeilnahmeFactory(termin=welt.termin_treffen, person=welt.noah, antwort="ja")
    TeilnahmeFactory(termin=welt.termin_treffen, person=welt.org_a, antwort="nein")

    import_module("netzwerk.migrations.0007_treffen_eine_antwort")._zusammenfuehren(apps, None)

    assert _stand(welt) == (
        {"Mia Mitglied": "ja", "Noah Neu": "ja", "Olga Alpha": "nein"},
        {"Mia Mitglied": "angemeldet", "Noah Neu": "angemeldet"},
    )
