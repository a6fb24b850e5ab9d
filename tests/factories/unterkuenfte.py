"""Catalogues, shelters, needs and access bans."""

from datetime import time, timedelta

import factory
from django.utils import timezone

from unterkuenfte.models import (
    Anforderungsart,
    Bedarf,
    Hausverbot,
    Taetigkeitsfeld,
    Unterkunft,
    Unterkunftsart,
)

from .konten import UserFactory
from .netzwerk import OrganisationFactory
from .regionen import BezirkFactory


class UnterkunftsartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unterkunftsart

    name = factory.Sequence(lambda n: f"Unterkunftsart {n}")
    slug = factory.Sequence(lambda n: f"unterkunftsart-{n}")


class AnforderungsartFactory(factory.django.DjangoModelFactory):
    """A kind of check without rules of age or validity."""

    class Meta:
        model = Anforderungsart

    name = factory.Sequence(lambda n: f"Anforderung {n}")
    slug = factory.Sequence(lambda n: f"anforderung-{n}")


class TaetigkeitsfeldFactory(factory.django.DjangoModelFactory):
    """A field of activity without requirements."""

    class Meta:
        model = Taetigkeitsfeld

    name = factory.Sequence(lambda n: f"Tätigkeitsfeld {n}")
    slug = factory.Sequence(lambda n: f"taetigkeitsfeld-{n}")


class UnterkunftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unterkunft

    name = factory.Sequence(lambda n: f"Unterkunft {n}")
    betreiber = factory.SubFactory(OrganisationFactory)
    bezirk = factory.SubFactory(BezirkFactory)
    region = factory.SelfAttribute("bezirk.region")
    art = factory.LazyFunction(lambda: Unterkunftsart.objects.get(slug="gemeinschaftsunterkunft"))
    kapazitaet = 200
    belegung = 150
    strasse = factory.Sequence(lambda n: f"Teststraße {n}")
    plz = "10115"


class BedarfFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bedarf
        skip_postgeneration_save = True

    unterkunft = factory.SubFactory(UnterkunftFactory)
    titel = factory.Sequence(lambda n: f"Bedarf {n}")
    taetigkeitsfeld = factory.LazyFunction(lambda: Taetigkeitsfeld.objects.get(slug="deutschkurs"))
    anzahl_helfende = 2

    @factory.post_generation
    def zeitfenster(self, create, extracted, **kwargs):
        if create and not self.einmalig_am:
            self.zeitfenster.create(wochentag=2, von=time(16), bis=time(18))


class HausverbotFactory(factory.django.DjangoModelFactory):
    """A ban from today for thirty days."""

    class Meta:
        model = Hausverbot

    unterkunft = factory.SubFactory(UnterkunftFactory)
    person = factory.SubFactory(UserFactory)
    bis = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    grund = "Vertraulicher Grund"
