import factory
from django.contrib.auth.hashers import make_password

from konten.models import User
from netzwerk.models import Organisation
from regionen.models import Bezirk, Region
from unterkuenfte.models import Bedarf, Taetigkeitsfeld, Unterkunft, Unterkunftsart

PASSWORT = "Sehr-geheimes-Testpasswort-1"
# Hashing once keeps factories fast; every test account shares this password.
_PASSWORT_HASH = make_password(PASSWORT)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"person{n}@test.invalid")
    anzeigename = factory.Faker("name", locale="de_DE")
    password = _PASSWORT_HASH


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


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Träger {n}")


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
        from datetime import time

        if create and not self.einmalig_am:
            self.zeitfenster.create(wochentag=2, von=time(16), bis=time(18))
