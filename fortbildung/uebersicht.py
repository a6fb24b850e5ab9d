"""The training section of the region dashboard (regionen/uebersicht.py): which courses
the region's shelter coordinators completed in the last twelve months, as counts."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.scoping import holders
from regionen.uebersicht import Uebersichtsteil
from unterkuenfte.models import Unterkunft
from unterkuenfte.permissions import KOORDINIEREN

from .models import Anmeldung

ZEITRAUM = timedelta(days=365)


def _kontext(region, user) -> dict:
    unterkuenfte = Unterkunft.objects.for_user(user).filter(region__pfad__startswith=region.pfad)
    koordination = holders(Unterkunft, KOORDINIEREN, unterkuenfte).filter(is_active=True)
    abschluesse = (
        Anmeldung.objects.filter(
            person__in=koordination,
            abgeschlossen_am__gte=timezone.now() - ZEITRAUM,
        )
        .values("kurs__titel", "kurs__reihe__titel")
        .annotate(personen=Count("person", distinct=True))
        .order_by("-personen", "kurs__titel")
    )
    return {
        "abschluesse": abschluesse[:10],
        "anzahl_koordination": koordination.count(),
        "anzahl_fortgebildet": Anmeldung.objects.filter(
            person__in=koordination, abgeschlossen_am__gte=timezone.now() - ZEITRAUM
        )
        .values("person")
        .distinct()
        .count(),
    }


FORTBILDUNG = Uebersichtsteil(
    key="fortbildung",
    titel=_("Fortbildungen der Ehrenamtskoordination"),
    template="fortbildung/uebersicht.html",
    kontext=_kontext,
    reihenfolge=30,
)
