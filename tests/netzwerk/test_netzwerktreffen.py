"""Network meetings run as a jour-fixe series whose circle is everyone on the region's lists:
members propose topics, the event page shows the agenda, attending counts as activity."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from netzwerk import services as netzwerk
from netzwerk.jourfixe_kreis import KEY
from netzwerk.models import Mitgliedschaft, Veranstaltung, Verteiler
from regionen import services as jourfixe
from regionen.models import JourFixeSerie, Termin
from tests.factories import VerteilerFactory


@pytest.fixture
def treffen(welt):
    """Nord's list with Träger Alpha (Olga's organisation) on it, inactive for over a year,
    and the network meetings of Nord as a jour-fixe series of the network's circle."""
    verteiler = VerteilerFactory(name="MSO-Netzwerk Nord", region=welt.nord)
    mitglied = netzwerk.mitglied_aufnehmen(verteiler, welt.rk_nord, organisation=welt.traeger_a)
    vor_langem = timezone.now() - timedelta(days=400)
    Mitgliedschaft.objects.filter(pk=mitglied.pk).update(
        status=Mitgliedschaft.Status.INAKTIV, letzte_aktivitaet=vor_langem, gewarnt_am=vor_langem
    )
    serie = jourfixe.serie_anlegen(
        JourFixeSerie(
            region=welt.nord,
            titel="Netzwerktreffen Nord",
            regel="FREQ=MONTHLY;BYDAY=2WE",
            erster_tag=timezone.localdate(),
            beginn=time(17),
            ende=time(19),
            ort="Rathaus Pankow",
            kreis=KEY,
            themenfrist_tage=0,
        ),
        welt.rk_nord,
    )
    return serie, mitglied


def test_everyone_on_the_regions_lists_is_invited_to_the_network_meetings(welt, treffen):
    serie, _mitglied = treffen
    termin = serie.termine.order_by("beginn").first()

    assert Termin.objects.for_user(welt.org_a).filter(pk=termin.pk).exists()
    assert not Termin.objects.for_user(welt.org_b).filter(pk=termin.pk).exists()
    thema = jourfixe.thema_vorschlagen(termin, welt.org_a, "Räume für Vereinstreffen")
    assert thema.vorgeschlagen_von == welt.org_a


def test_the_meetings_event_page_shows_the_agenda_to_members(client, welt, treffen):
    serie, _mitglied = treffen
    termin = serie.termine.order_by("beginn").first()
    thema = jourfixe.thema_vorschlagen(termin, welt.org_a, "Räume für Vereinstreffen")
    jourfixe.tagesordnung_festlegen(termin, welt.rk_nord, [thema.pk])
    veranstaltung = netzwerk.veranstaltung_speichern(
        Veranstaltung(
            art=Veranstaltung.Art.NETZWERKTREFFEN,
            titel="Netzwerktreffen",
            region=welt.nord,
            beginn=termin.beginn,
            ende=termin.ende,
            ort=serie.ort,
            oeffentlich=False,
            verteiler=Verteiler.objects.get(),
            termin=termin,
            veroeffentlicht=True,
        ),
        welt.rk_nord,
    )

    client.force_login(welt.org_a)
    seite = client.get(reverse("netzwerk:veranstaltung", args=[veranstaltung.pk]))

    assert seite.status_code == 200
    assert "Räume für Vereinstreffen" in seite.content.decode()
    client.force_login(welt.org_b)
    assert client.get(reverse("netzwerk:veranstaltung", args=[veranstaltung.pk])).status_code == 404


def test_attending_a_network_meeting_makes_an_inactive_member_active_again(welt, treffen):
    serie, mitglied = treffen
    termin = serie.termine.order_by("beginn").first()
    beginn = timezone.now() - timedelta(minutes=5)
    Termin.objects.filter(pk=termin.pk).update(beginn=beginn, ende=beginn + timedelta(hours=2))
    termin.refresh_from_db()

    jourfixe.anwesenheit_erfassen(termin, welt.rk_nord, {welt.org_a.pk})

    mitglied.refresh_from_db()
    assert mitglied.status == Mitgliedschaft.Status.AKTIV
    assert mitglied.letzte_aktivitaet_art == Mitgliedschaft.Aktivitaet.TREFFEN
    assert mitglied.gewarnt_am is None
    assert mitglied.ereignisse.filter(art="aktiv").exists()
