"""Volunteer figures per region, without names: what regional coordination and the
administration see of volunteering (never profiles, applications or hours of a person)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, OuterRef
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from common.aggregate import subquery_anzahl, subquery_summe
from regionen.models import Region
from unterkuenfte.models import Bedarf

from .models import Bewerbung, Einsatz, Profil, Stundeneintrag

#: counts of people below this are shown as "fewer than", so nobody can be singled out
KLEINSTE_ZAHL = 3


#: the period of the hours column: the last 90 days up to today
STUNDEN_TAGE = 90


def regionen_mit_kennzahlen(user):
    """Figures as they stand now, per region with the regions below it. Each is counted by
    the definition its app keeps (``Profil.objects.aktiv()``, ``Bedarf.objects.offen()``,
    ``Bewerbung.objects.wartend()``, ``Einsatz.objects.aktiv()``,
    ``Stundeneintrag.objects.bestaetigt()``); the region reports count the same rows, per
    month, quarter or year."""
    im_gebiet = OuterRef("pfad")
    seit = timezone.localdate() - timedelta(days=STUNDEN_TAGE)
    return (
        Region.objects.for_user(user, "report")
        .annotate(
            freiwillige=subquery_anzahl(
                Profil.objects.aktiv().filter(heimatbezirk__region__pfad__startswith=im_gebiet)
            ),
            bedarfe_offen=subquery_anzahl(
                Bedarf.objects.offen().filter(region__pfad__startswith=im_gebiet)
            ),
            bewerbungen_wartend=subquery_anzahl(
                Bewerbung.objects.wartend().filter(bedarf__region__pfad__startswith=im_gebiet)
            ),
            einsaetze_aktiv=subquery_anzahl(
                Einsatz.objects.aktiv().filter(bedarf__region__pfad__startswith=im_gebiet)
            ),
            stunden_90_tage=subquery_summe(
                Stundeneintrag.objects.bestaetigt().filter(
                    datum__gte=seit, einsatz__bedarf__region__pfad__startswith=im_gebiet
                ),
                "stunden",
                DecimalField(max_digits=12, decimal_places=2),
            ),
        )
        .order_by("pfad")
    )


def kennzahlen(request):
    regionen = list(regionen_mit_kennzahlen(request.user))
    if not regionen and not request.user.is_staff:
        raise PermissionDenied
    for region in regionen:
        region.spalten = [
            _vergroebert(region.freiwillige),
            region.bedarfe_offen,
            _vergroebert(region.bewerbungen_wartend),
            _vergroebert(region.einsaetze_aktiv),
            number_format(region.stunden_90_tage, decimal_pos=0),
        ]
    return render(
        request,
        "freiwillige/kennzahlen.html",
        {"regionen": regionen, "kleinste_zahl": KLEINSTE_ZAHL, "stunden_tage": STUNDEN_TAGE},
    )


def _vergroebert(anzahl: int):
    if 0 < anzahl < KLEINSTE_ZAHL:
        return _("unter %(n)s") % {"n": KLEINSTE_ZAHL}
    return anzahl
