"""The demo data: Berlin, its regions and districts, and a persona per role that can log in."""

import io

import pytest
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from common.demo_kontext import DEMO_PASSWORT_STANDARD
from konten import roles
from konten.models import User
from regionen.models import Bezirk, Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def eingebettet(settings):
    """The demo belongs to the embedded mode, whichever database the tests run on."""
    settings.EINGEBETTET = True


PERSONAS = {
    "admin@demo.invalid": "plattform_admin",
    "verwaltung@demo.invalid": "verwaltung",
    "fortbildung@demo.invalid": "fortbildungsteam",
    "rk-nord@demo.invalid": "regionalkoordination",
    "rk-suedost@demo.invalid": "regionalkoordination",
    "freiwillig@demo.invalid": "freiwillige",
    "ek@demo.invalid": "ehrenamtskoordination",
    "organisation@demo.invalid": "organisationskontakt",
}


def _laden():
    out = io.StringIO()
    call_command("demo_daten", stdout=out)
    return out.getvalue()


def test_berlin_has_three_regions_and_twelve_districts():
    _laden()
    berlin = Region.objects.get(slug="berlin")
    assert sorted(r.name for r in berlin.unterregionen.all()) == ["Nord", "Südost", "West"]
    assert Bezirk.objects.count() == 12
    assert Bezirk.objects.get(name="Neukölln").region.name == "Südost"


def test_running_it_twice_changes_nothing():
    _laden()
    counts = (Region.objects.count(), Bezirk.objects.count(), User.objects.count())
    _laden()
    assert (Region.objects.count(), Bezirk.objects.count(), User.objects.count()) == counts


def test_the_command_prints_the_password_and_every_persona():
    ausgabe = _laden()
    assert DEMO_PASSWORT_STANDARD in ausgabe
    for email in PERSONAS:
        assert email in ausgabe


def test_every_persona_logs_in_with_the_demo_password_and_holds_its_role(client):
    _laden()
    for email, rolle in PERSONAS.items():
        client.logout()
        response = client.post(
            reverse("konten:login"), {"username": email, "password": DEMO_PASSWORT_STANDARD}
        )
        assert response.status_code == 302 and "_auth_user_id" in client.session, email
        user = User.objects.get(email=email)
        assert rolle in [r.key for r in roles.rollen_von(user)], email


def test_the_regional_coordinator_of_nord_sees_nord_only():
    _laden()
    user = User.objects.get(email="rk-nord@demo.invalid")
    assert [r.name for r in Region.objects.for_user(user)] == ["Nord"]


def test_about_a_hundred_shelters_with_needs_in_every_state():
    from unterkuenfte.models import Bedarf, Unterkunft

    _laden()
    assert 90 <= Unterkunft.objects.count() <= 110
    assert set(Bedarf.objects.values_list("status", flat=True)) == {
        "offen",
        "besetzt",
        "pausiert",
        "geschlossen",
    }
    # every shelter lies in a district of its own region
    assert not Unterkunft.objects.exclude(bezirk__region=models.F("region")).exists()
    # no closed shelter shows an open need
    assert not Bedarf.objects.filter(status="offen", unterkunft__status="geschlossen").exists()


def test_elif_finds_nords_jour_fixe_with_topics_and_last_months_open_action_item(client):
    from regionen.models import Aufgabe, JourFixeSerie, Termin

    _laden()
    _laden()  # the jours fixes are not created twice either
    # Nord's and Südost's jours fixes and the MSO network's meetings
    assert JourFixeSerie.objects.count() == 3
    elif_ = User.objects.get(email="ek@demo.invalid")
    naechster = Termin.objects.for_user(elif_).kommend().first()
    assert naechster.serie.region.name == "Nord"
    assert naechster.themen.count() == 3
    uebertragen = Aufgabe.objects.offen_bei(naechster)
    assert [aufgabe.verantwortlich for aufgabe in uebertragen] == [elif_]
    assert not Termin.objects.for_user(elif_).filter(serie__region__name="Südost").exists()


def test_the_mso_network_has_its_list_profiles_events_and_the_next_meetings_agenda():
    from netzwerk.models import Mitgliedschaft, Organisation, Veranstaltung, Verteiler

    _laden()
    _laden()  # nothing of the network is created twice
    verteiler = Verteiler.objects.get()
    assert verteiler.mitgliedschaften.count() == 75
    assert verteiler.mitgliedschaften.filter(status=Mitgliedschaft.Status.INAKTIV).count() == 2
    assert Organisation.objects.veroeffentlicht().filter(uebersetzungen__has_key="ar").exists()
    olga = User.objects.get(email="organisation@demo.invalid")
    treffen = Veranstaltung.objects.for_user(olga).get(art="netzwerktreffen")
    assert treffen.termin.themen.count() == 2
    assert not Veranstaltung.objects.for_user(None).filter(art="netzwerktreffen").exists()


def test_last_months_frozen_report_finds_the_needs_and_member_organisations_of_then():
    """The demo's needs were posted over the past months (not all at the moment it ran),
    so the report of last month, frozen as the worker would have done, has open needs;
    the network's members count in the regions they work in, not only in Berlin's total;
    and no need holds more people than it looks for."""
    from django.utils import timezone

    from berichte.bericht import bericht_erstellen
    from berichte.zeitraum import Periode
    from unterkuenfte.models import Bedarf

    _laden()
    berlin = Region.objects.get(slug="berlin")
    letzter = Periode.monat_von(timezone.localdate()).vorige()

    bericht = bericht_erstellen(berlin, letzter, nebeneinander=True)

    assert bericht.eingefroren_am
    for spalte in bericht.spalten:
        assert spalte.zellen["bedarfe_offen"].wert > 0, spalte.titel
        assert spalte.zellen["organisationen_aktiv"].wert > 0, spalte.titel
    assert not Bedarf.objects.filter(anzahl_besetzt__gt=models.F("anzahl_helfende")).exists()
