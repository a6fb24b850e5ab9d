"""Volunteering: declarations, inspection records, applications and their history,
assignments and their hours, invitations to apply."""

from datetime import time, timedelta
from decimal import Decimal

import factory
from django.db.models import Max
from django.utils import timezone

from common.models import Sprache
from freiwillige.erklaerungen import aktuelle_erklaerungen
from freiwillige.models import (
    Bewerbung,
    Bewerbungseinladung,
    Einsatz,
    Erklaerung,
    Nachweis,
    Profil,
    Stundeneintrag,
    Verlaufseintrag,
    Zustimmung,
)
from konten import roles
from unterkuenfte.models import Anforderungsart

from .konten import UserFactory
from .unterkuenfte import BedarfFactory


class ErklaerungFactory(factory.django.DjangoModelFactory):
    """The next version of the privacy notice, valid from now: everyone is asked again."""

    class Meta:
        model = Erklaerung

    art = Erklaerung.Art.DATENSCHUTZ
    version = factory.LazyAttribute(
        lambda erklaerung: (
            (
                Erklaerung.objects.filter(art=erklaerung.art).aggregate(Max("version"))[
                    "version__max"
                ]
                or 0
            )
            + 1
        )
    )
    titel = factory.LazyAttribute(lambda erklaerung: f"Fassung {erklaerung.version}")
    text = "Neue Fassung"


class NachweisFactory(factory.django.DjangoModelFactory):
    """A police clearance inspected today with nothing relevant in it, issued five days
    before; a kind of check that sets no maximum age at presentation has no issue date."""

    class Meta:
        model = Nachweis

    person = factory.SubFactory(UserFactory)
    art = factory.LazyFunction(lambda: Anforderungsart.objects.get(slug="fuehrungszeugnis"))
    eingesehen_am = factory.LazyFunction(timezone.localdate)
    ausgestellt_am = factory.LazyAttribute(
        lambda nachweis: (
            nachweis.eingesehen_am - timedelta(days=5)
            if nachweis.art.hoechstalter_bei_vorlage_tage
            else None
        )
    )


class BewerbungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bewerbung

    bedarf = factory.SubFactory(BedarfFactory)
    person = factory.SubFactory(UserFactory)


class EinsatzFactory(factory.django.DjangoModelFactory):
    """An assignment as accepting an application leaves it: the accepted application of the
    same person to the same need, at the need's shelter or organisation."""

    class Meta:
        model = Einsatz

    person = factory.SubFactory(UserFactory)
    bedarf = factory.SubFactory(BedarfFactory)
    bewerbung = factory.SubFactory(
        BewerbungFactory,
        person=factory.SelfAttribute("..person"),
        bedarf=factory.SelfAttribute("..bedarf"),
        status=Bewerbung.Status.ANGENOMMEN,
    )
    unterkunft = factory.SelfAttribute("bedarf.unterkunft")
    organisation = factory.SelfAttribute("bedarf.organisation")


class VerlaufseintragFactory(factory.django.DjangoModelFactory):
    """The step that brought an application to its present state, by nobody in particular."""

    class Meta:
        model = Verlaufseintrag

    bewerbung = factory.SubFactory(BewerbungFactory)
    nach_status = factory.SelfAttribute("bewerbung.status")


class BewerbungseinladungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bewerbungseinladung

    bedarf = factory.SubFactory(BedarfFactory)
    person = factory.SubFactory(UserFactory)


class StundeneintragFactory(factory.django.DjangoModelFactory):
    """Two unconfirmed hours on the assignment's first day."""

    class Meta:
        model = Stundeneintrag

    einsatz = factory.SubFactory(EinsatzFactory)
    datum = factory.SelfAttribute("einsatz.beginn")
    stunden = Decimal(2)


def freiwillige_bereit(user, sprachen=(), zeiten=((2, 16, 18),), **profil):
    """Makes ``user`` a volunteer ready to apply: role, profile, declarations accepted.

    ``sprachen`` are (ISO code, level) pairs, ``zeiten`` (weekday, from hour, until hour).
    """
    roles.rolle("freiwillige").grant(user)
    eintrag, _neu = Profil.objects.update_or_create(person=user, defaults=profil)
    for code, niveau in sprachen:
        eintrag.sprachkenntnisse.create(sprache=Sprache.objects.get(code=code), niveau=niveau)
    for tag, von, bis in zeiten:
        eintrag.verfuegbarkeiten.create(wochentag=tag, von=time(von), bis=time(bis))
    for erklaerung in aktuelle_erklaerungen():
        Zustimmung.objects.get_or_create(person=user, erklaerung=erklaerung)
    return eintrag


def fuehrungszeugnis_vermerken(person, ausgestellt, von=None):
    """A police clearance issued on ``ausgestellt`` and inspected five days later."""
    return NachweisFactory(
        person=person,
        ausgestellt_am=ausgestellt,
        eingesehen_am=ausgestellt + timedelta(days=5),
        eingesehen_von=von,
    )
