"""Notification settings and the digest ledger."""

import factory
from django.utils import timezone

from benachrichtigungen.models import Einstellung, Versand

from .konten import UserFactory


class EinstellungFactory(factory.django.DjangoModelFactory):
    """The settings as a person who never chose has them: a weekly digest on Mondays."""

    class Meta:
        model = Einstellung

    person = factory.SubFactory(UserFactory)


class VersandFactory(factory.django.DjangoModelFactory):
    """An open ledger row of today's daily digest."""

    class Meta:
        model = Versand

    empfaenger = factory.SubFactory(UserFactory)
    art = "digest"
    periode = factory.LazyFunction(lambda: f"T{timezone.localdate().isoformat()}")
