"""Jour-fixe Termine in the calendar feeds (common/kalender.py)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from common.kalender import Kalendereintrag

from .models import Termin, Thema

#: how far back a feed still lists past Termine
RUECKBLICK = timedelta(days=90)


def termin_eintrag(termin: Termin) -> Kalendereintrag:
    """The Termin as a calendar entry; its agenda joins the description once published."""
    zeilen = [termin.serie.region.name]
    if termin.abgesagt and termin.absagegrund:
        zeilen.append(_("Abgesagt: %(grund)s") % {"grund": termin.absagegrund})
    if termin.tagesordnung_veroeffentlicht_am:
        zeilen.append(_("Tagesordnung:"))
        tagesordnung = [thema for thema in termin.themen.all() if thema.auf_tagesordnung]
        zeilen += [f"{nummer}. {thema.titel}" for nummer, thema in enumerate(tagesordnung, start=1)]
    if termin.link_angezeigt:
        zeilen.append(termin.link_angezeigt)
    adresse = settings.SITE_URL + termin.get_absolute_url()
    return Kalendereintrag(
        uid=f"termin-{termin.uid}@{settings.KALENDER_UID_DOMAIN}",
        beginn=termin.beginn,
        ende=termin.ende,
        titel=termin.serie.titel,
        sequenz=termin.kalender_sequenz,
        abgesagt=termin.abgesagt,
        ort=termin.ort_angezeigt or termin.link_angezeigt,
        beschreibung="\n".join(zeilen),
        url=adresse,
        geaendert=max(termin.updated_at, termin.serie.updated_at),
    )


def termine_im_kalender(user):
    """Every Termin the person is invited to (or manages), from three months back."""
    termine = (
        Termin.objects.for_user(user)
        .filter(ende__gte=timezone.now() - RUECKBLICK)
        .select_related("serie__region")
        .prefetch_related(Prefetch("themen", queryset=Thema.objects.order_by("position")))
    )
    return [termin_eintrag(termin) for termin in termine]
