"""The network: organisations and their admission, distribution lists with members,
history, messages and deliveries, events and registrations."""

from datetime import timedelta

import factory
from django.utils import timezone

from netzwerk.models import (
    Arbeitsfeld,
    Aufnahmeschritt,
    Mitgliedschaft,
    Organisation,
    Veranstaltung,
    Veranstaltungsanmeldung,
    Verteiler,
    Verteilerereignis,
    Verteilernachricht,
    Zustellung,
)

from .konten import UserFactory
from .regionen import RegionFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A shelter operator without region, district or published Steckbrief."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Träger {n}")


class ArbeitsfeldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Arbeitsfeld
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Arbeitsfeld {n}")


class AufnahmeschrittFactory(factory.django.DjangoModelFactory):
    """The first admission step, taken today."""

    class Meta:
        model = Aufnahmeschritt

    organisation = factory.SubFactory(OrganisationFactory)
    schritt = Aufnahmeschritt.Schritt.ERSTKONTAKT
    datum = factory.LazyFunction(timezone.localdate)


class VerteilerFactory(factory.django.DjangoModelFactory):
    """A list run by its region's network coordination, with the default periods."""

    class Meta:
        model = Verteiler

    name = factory.Sequence(lambda n: f"Verteiler {n}")
    region = factory.SubFactory(RegionFactory)


class MitgliedschaftFactory(factory.django.DjangoModelFactory):
    """An active member, last active now: a new person unless ``organisation`` is given."""

    class Meta:
        model = Mitgliedschaft

    verteiler = factory.SubFactory(VerteilerFactory)
    organisation = None
    person = factory.Maybe("organisation", None, factory.SubFactory(UserFactory))
    letzte_aktivitaet = factory.LazyFunction(timezone.now)


class VerteilerereignisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verteilerereignis

    mitgliedschaft = factory.SubFactory(MitgliedschaftFactory)
    art = Verteilerereignis.Art.AUFGENOMMEN


class VerteilernachrichtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verteilernachricht

    verteiler = factory.SubFactory(VerteilerFactory)
    betreff = factory.Sequence(lambda n: f"Nachricht {n}")
    text = "Liebe Mitglieder, …"


class ZustellungFactory(factory.django.DjangoModelFactory):
    """An unsent delivery of a message to its list's member (of a warning: no message)."""

    class Meta:
        model = Zustellung

    mitgliedschaft = factory.SubFactory(MitgliedschaftFactory)
    art = Zustellung.Art.NACHRICHT
    nachricht = factory.Maybe(
        factory.LazyAttribute(lambda zustellung: zustellung.art == Zustellung.Art.NACHRICHT),
        factory.SubFactory(
            VerteilernachrichtFactory, verteiler=factory.SelfAttribute("..mitgliedschaft.verteiler")
        ),
        None,
    )


class VeranstaltungFactory(factory.django.DjangoModelFactory):
    """A public workshop of two hours in ten days, unpublished, without registration."""

    class Meta:
        model = Veranstaltung

    art = Veranstaltung.Art.WERKSTATT
    titel = factory.Sequence(lambda n: f"Veranstaltung {n}")
    region = factory.SubFactory(RegionFactory)
    beginn = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    ende = factory.LazyAttribute(lambda veranstaltung: veranstaltung.beginn + timedelta(hours=2))
    ort = "Nachbarschaftshaus Pankow"


class VeranstaltungsanmeldungFactory(factory.django.DjangoModelFactory):
    """A taken seat (``status="wartend"``: a place on the waiting list)."""

    class Meta:
        model = Veranstaltungsanmeldung

    veranstaltung = factory.SubFactory(VeranstaltungFactory)
    person = factory.SubFactory(UserFactory)
    status = Veranstaltungsanmeldung.Status.ANGEMELDET
