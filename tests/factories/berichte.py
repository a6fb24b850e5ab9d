"""Report exports."""

import factory
from django.utils import timezone

from berichte.models import Exportauftrag

from .konten import UserFactory


class ExportauftragFactory(factory.django.DjangoModelFactory):
    """A waiting CSV export of this month."""

    class Meta:
        model = Exportauftrag

    erstellt_von = factory.SubFactory(UserFactory)
    format = Exportauftrag.Format.CSV
    periode = factory.LazyFunction(lambda: f"{timezone.localdate():%Y-%m}")
