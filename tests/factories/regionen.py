"""Regions, districts and jours fixes: series, Termine, topics, votes, answers, action items.

The factories write rows directly: a series made by ``JourFixeSerieFactory`` has no
Termine until a test makes them (``TerminFactory``) or materialises them; ``jourfixe_serie``
goes through the service as the regional coordination would."""

from datetime import time, timedelta

import factory
from django.utils import timezone

from regionen import services
from regionen.models import (
    Aufgabe,
    Bezirk,
    JourFixeSerie,
    Region,
    Stimme,
    Teilnahme,
    Termin,
    Thema,
)

from .konten import UserFactory


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    art = Region.Art.REGION


class BezirkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bezirk

    name = factory.Sequence(lambda n: f"Bezirk {n}")
    slug = factory.Sequence(lambda n: f"bezirk-{n}")
    region = factory.SubFactory(RegionFactory)


class JourFixeSerieFactory(factory.django.DjangoModelFactory):
    """A monthly jour fixe from today, 10 to 12, inviting its region's shelter coordinators."""

    class Meta:
        model = JourFixeSerie

    region = factory.SubFactory(RegionFactory)
    titel = factory.Sequence(lambda n: f"Jour fixe {n}")
    regel = "FREQ=MONTHLY;BYDAY=2WE"
    erster_tag = factory.LazyFunction(timezone.localdate)
    beginn = time(10)
    ende = time(12)
    kreis = "ehrenamtskoordination"


class TerminFactory(factory.django.DjangoModelFactory):
    """A Termin of two hours a week from now, where its rule put it (``vorgesehen``)."""

    class Meta:
        model = Termin

    serie = factory.SubFactory(JourFixeSerieFactory)
    beginn = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ende = factory.LazyAttribute(lambda termin: termin.beginn + timedelta(hours=2))
    vorgesehen = factory.SelfAttribute("beginn")


class ThemaFactory(factory.django.DjangoModelFactory):
    """A proposed topic, not yet on the agenda."""

    class Meta:
        model = Thema

    termin = factory.SubFactory(TerminFactory)
    titel = factory.Sequence(lambda n: f"Thema {n}")


class StimmeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stimme

    thema = factory.SubFactory(ThemaFactory)
    person = factory.SubFactory(UserFactory)


class TeilnahmeFactory(factory.django.DjangoModelFactory):
    """A person's row at a Termin; without ``antwort`` or ``anwesend`` it says nothing yet."""

    class Meta:
        model = Teilnahme

    termin = factory.SubFactory(TerminFactory)
    person = factory.SubFactory(UserFactory)


class AufgabeFactory(factory.django.DjangoModelFactory):
    """An open action item without an owner or a due date."""

    class Meta:
        model = Aufgabe

    termin = factory.SubFactory(TerminFactory)
    titel = factory.Sequence(lambda n: f"Aufgabe {n}")


def jourfixe_serie(
    welt, regel="FREQ=MONTHLY;BYDAY=2WE", frist=3, region=None, akteur=None, jetzt=None, **daten
):
    """A jour fixe (of Nord unless ``region`` says otherwise) created through the service,
    as its regional coordination would: its Termine for the coming months exist, its circle
    is the region's shelter coordinators.

    Unless ``erster_tag`` is given, the series starts the day after its first Termin's topic
    deadline could still lie before ``jetzt`` (default: now), so topics and votes are open on
    it at any moment of the month.
    """
    heute = timezone.localtime(jetzt).date()
    serie = JourFixeSerie(
        region=region or welt.nord,
        titel=daten.pop("titel", "Jour fixe Pankow"),
        regel=regel,
        erster_tag=daten.pop("erster_tag", heute + timedelta(days=frist + 1)),
        beginn=time(10),
        ende=daten.pop("ende", time(12)),
        ort="Rathaus Pankow",
        kreis="ehrenamtskoordination",
        themenfrist_tage=frist,
        **daten,
    )
    return services.serie_anlegen(serie, akteur or welt.rk_nord)


def termin_heute(welt):
    """The first Termin of a new series, moved to an hour from now: topics and votes are
    still open (deadline 0 days before), attendance and minutes are possible (its day).

    The test must leave that hour inside its day: ``@pytest.mark.uhr(uhrzeit="10:00")``.
    """
    termin = jourfixe_serie(welt, frist=0).termine.order_by("beginn").first()
    beginn = timezone.now() + timedelta(hours=1)
    assert timezone.localtime(beginn).date() == timezone.localdate(), (
        "termin_heute needs a test clock before 23:00 in Berlin: mark the test "
        '@pytest.mark.uhr(uhrzeit="10:00")'
    )
    services.termin_verschieben(termin, welt.rk_nord, beginn, beginn + timedelta(hours=1))
    termin.refresh_from_db()
    return termin
