"""The network of Berlin-Nord on top of ``welt``: its distribution list, a migrant
organisation with its contact person, and helpers to put members on the list and to
create events.

The network coordination of Nord is ``welt.rk_nord`` (Regionalkoordination of the region);
``welt.rk_suedost`` is its outsider.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from netzwerk import services
from netzwerk.models import Mitgliedschaft, Organisation, Veranstaltung
from regionen.models import Bezirk
from tests.conftest import persona
from tests.factories import OrganisationFactory, VerteilerFactory


@pytest.fixture
def pankow(welt):
    return Bezirk.objects.get(slug="pankow")


@pytest.fixture
def verteiler_nord(welt):
    """The network list of Berlin-Nord, run by its coordination (defaults: 12 months, 60 days)."""
    return VerteilerFactory(name="Netzwerk Nord", region=welt.nord)


@pytest.fixture
def mso(welt, pankow):
    """A migrant self-organisation in Pankow, not yet published, with a contact address."""
    return OrganisationFactory(
        name="Al-Nour e. V.",
        art=Organisation.Art.MSO,
        region=welt.nord,
        bezirk=pankow,
        kontakt_name="Amal Haddad",
        kontakt_email="kontakt@al-nour.invalid",
    )


@pytest.fixture
def mso_kontakt(mso):
    """The contact person of the migrant organisation (Organisationskontakt)."""
    return persona("amal@al-nour.invalid", "Amal Haddad", "organisationskontakt", mso)


@pytest.fixture
def aufnehmen(welt):
    """aufnehmen(verteiler, organisation=…|person=…, zuletzt_aktiv_vor=timedelta|None): puts
    the member on the list through the service (as Nord's coordination) and, if asked,
    moves its last activity back in time."""

    def aufnehmen(verteiler, zuletzt_aktiv_vor=None, **mitglied):
        mitgliedschaft = services.mitglied_aufnehmen(verteiler, welt.rk_nord, **mitglied)
        if zuletzt_aktiv_vor is not None:
            Mitgliedschaft.objects.filter(pk=mitgliedschaft.pk).update(
                letzte_aktivitaet=timezone.now() - zuletzt_aktiv_vor
            )
            mitgliedschaft.refresh_from_db()
        return mitgliedschaft

    return aufnehmen


@pytest.fixture
def veranstaltung_anlegen(welt):
    """veranstaltung_anlegen(**daten): a published public workshop of Nord in ten days,
    created through the service by Nord's coordination; ``daten`` override the defaults."""

    def anlegen(**daten):
        beginn = daten.pop("beginn", timezone.now() + timedelta(days=10))
        werte = {
            "art": Veranstaltung.Art.WERKSTATT,
            "titel": "Werkstatt Vereinsgründung",
            "region": welt.nord,
            "beginn": beginn,
            "ende": beginn + timedelta(hours=2),
            "ort": "Nachbarschaftshaus Pankow",
            "veroeffentlicht": True,
            **daten,
        }
        return services.veranstaltung_speichern(Veranstaltung(**werte), welt.rk_nord)

    return anlegen
