"""Volunteer figures per region, without names: what regional coordination and the
administration see of volunteering (never profiles, applications or hours of a person).
Small numbers of people are hidden by the reports' rule (common/kleinzahlen.py): a region's
figure is the total of the regions below it, so one hidden region hides the one above."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import DecimalField, OuterRef
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from common.aggregate import subquery_anzahl, subquery_summe
from common.kleinzahlen import KLEINSTE_ZAHL, WENIGER, im_baum_verborgen, zu_klein
from regionen.models import Region
from unterkuenfte.models import Bedarf

from .models import Bewerbung, Einsatz, Profil, Stundeneintrag

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
            # the hours are hidden with the people they belong to
            stunden_personen=subquery_anzahl(
                Stundeneintrag.objects.bestaetigt().filter(
                    datum__gte=seit, einsatz__bedarf__region__pfad__startswith=im_gebiet
                ),
                verschieden="einsatz__person",
            ),
        )
        .order_by("pfad")
    )


#: the columns of the page: (figure, number of people behind it; None: counts no people)
SPALTEN = (
    ("freiwillige", "freiwillige"),
    ("bedarfe_offen", None),
    ("bewerbungen_wartend", "bewerbungen_wartend"),
    ("einsaetze_aktiv", "einsaetze_aktiv"),
    ("stunden_90_tage", "stunden_personen"),
)


def kennzahlen(request):
    regionen = list(regionen_mit_kennzahlen(request.user))
    if not regionen and not request.user.is_staff:
        raise PermissionDenied
    kinder = _kinder(regionen)
    verborgen = {
        figur: im_baum_verborgen({r.pk: getattr(r, personen) for r in regionen}, kinder)
        for figur, personen in SPALTEN
        if personen
    }
    for region in regionen:
        region.spalten = [
            _zelle(region, figur, personen, region.pk in verborgen.get(figur, ()))
            for figur, personen in SPALTEN
        ]
    return render(
        request,
        "freiwillige/kennzahlen.html",
        {"regionen": regionen, "kleinste_zahl": KLEINSTE_ZAHL, "stunden_tage": STUNDEN_TAGE},
    )


def _kinder(regionen) -> dict:
    """Each shown region's key -> the keys of the shown regions directly below it."""
    kinder = {region.pk: [] for region in regionen}
    for region in regionen:
        if region.oberregion_id in kinder:
            kinder[region.oberregion_id].append(region.pk)
    return kinder


def _zelle(region, figur: str, personen: str | None, versteckt: bool):
    if versteckt:
        # small itself, or hidden so that the region above does not give a small one away
        return WENIGER if zu_klein(getattr(region, personen)) else _("verborgen")
    wert = getattr(region, figur)
    return number_format(wert, decimal_pos=0) if figur == "stunden_90_tage" else wert
