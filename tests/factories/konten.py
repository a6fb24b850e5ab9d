"""Accounts and what hangs on an account alone: invitations, calendar keys, API tokens,
erasure and access requests."""

import factory
from django.contrib.auth.hashers import make_password

from konten.models import (
    ApiZugang,
    Auskunftsauftrag,
    Einladung,
    Kalenderschluessel,
    Loeschantrag,
    User,
)

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


class EinladungFactory(factory.django.DjangoModelFactory):
    """An open invitation into the volunteers' role, without a scope."""

    class Meta:
        model = Einladung

    email = factory.Sequence(lambda n: f"eingeladen{n}@test.invalid")
    rolle = "freiwillige"


class KalenderschluesselFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kalenderschluessel

    person = factory.SubFactory(UserFactory)


class ApiZugangFactory(factory.django.DjangoModelFactory):
    """A token row; its secret is not kept (``konten.services.api_zugang_anlegen`` returns
    one where a test needs to send it)."""

    class Meta:
        model = ApiZugang

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Client {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # knox's manager answers (token, secret)
        zugang, _geheimnis = cls._get_manager(model_class).create(*args, **kwargs)
        return zugang


class LoeschantragFactory(factory.django.DjangoModelFactory):
    """An open erasure request, due after the grace period."""

    class Meta:
        model = Loeschantrag

    person = factory.SubFactory(UserFactory)


class AuskunftsauftragFactory(factory.django.DjangoModelFactory):
    """A waiting request for a copy of one's data."""

    class Meta:
        model = Auskunftsauftrag

    erstellt_von = factory.SubFactory(UserFactory)
