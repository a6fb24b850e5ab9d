import factory
from django.contrib.auth.hashers import make_password

from konten.models import User
from regionen.models import Bezirk, Region

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
