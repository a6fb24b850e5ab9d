"""What the apps share: languages, immediate notices, import jobs, the access log."""

import factory

from common.models import Importauftrag, Notice, Sprache, Zugriffsprotokoll

from .konten import UserFactory


class SpracheFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sprache

    code = factory.Sequence(lambda n: f"x{n:02}")
    name = factory.Sequence(lambda n: f"Sprache {n}")


class NoticeFactory(factory.django.DjangoModelFactory):
    """An undelivered notice about nothing in particular."""

    class Meta:
        model = Notice

    empfaenger = factory.SubFactory(UserFactory)
    art = "test"


class ImportauftragFactory(factory.django.DjangoModelFactory):
    """A waiting dry run of a distribution list import (no file behind it)."""

    class Meta:
        model = Importauftrag

    erstellt_von = factory.SubFactory(UserFactory)
    art = "netzwerk.verteiler"
    dateiname = factory.Sequence(lambda n: f"liste-{n}.csv")
    datei = factory.Sequence(lambda n: f"liste-{n}")
    format = "csv"


class ZugriffsprotokollFactory(factory.django.DjangoModelFactory):
    """Someone read the person's inspection records on the person's page, now."""

    class Meta:
        model = Zugriffsprotokoll

    person = factory.SubFactory(UserFactory)
    art = Zugriffsprotokoll.Art.NACHWEISE
    ansicht = "freiwillige:person"
