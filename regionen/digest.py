"""Digest sections of the jours fixes: the next meeting of every series one is invited to
(with its agenda once published), minutes published in the period, and one's own open
action items."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.digest import Abschnitt, Eintrag, absolut, gruppiert

from .models import Aufgabe, Termin
from .services import eingeladene

#: how far ahead the digest looks for the next meeting
VORSCHAU = timedelta(days=14)


def _wann(termin) -> str:
    return date_format(timezone.localtime(termin.beginn), "SHORT_DATETIME_FORMAT")


def jourfixe(personen, zeitraum) -> dict:
    """One query for the meetings, one per series concerned for its invited circle: the
    count depends on the series, never on the number of recipients."""
    kommend = list(
        Termin.objects.filter(
            status=Termin.Status.GEPLANT,
            beginn__gte=zeitraum.bis,
            beginn__lt=zeitraum.bis + VORSCHAU,
            serie__beendet_am__isnull=True,
        )
        .select_related("serie")
        .order_by("beginn")
    )
    protokolle = list(
        Termin.objects.filter(
            protokoll_veroeffentlicht_am__gte=zeitraum.von,
            protokoll_veroeffentlicht_am__lt=zeitraum.bis,
        ).select_related("serie")
    )
    ids = [p.pk for p in personen]
    serien = {t.serie_id: t.serie for t in [*kommend, *protokolle]}
    kreis = {
        pk: set(eingeladene(serie).filter(pk__in=ids).values_list("pk", flat=True))
        for pk, serie in serien.items()
    }
    naechster = {}
    for termin in kommend:
        naechster.setdefault(termin.serie_id, termin)
    ergebnis = {}
    for person in personen:
        eintraege = [
            Eintrag(
                f"{t.serie.titel} · {_wann(t)}",
                absolut(reverse("regionen:termin", args=[t.pk])),
                _("Die Tagesordnung steht fest.")
                if t.tagesordnung_veroeffentlicht_am
                else _("Themen vorschlagen und abstimmen"),
            )
            for t in naechster.values()
            if person.pk in kreis[t.serie_id]
        ] + [
            Eintrag(
                f"{t.serie.titel} · {_wann(t)}",
                absolut(reverse("regionen:termin", args=[t.pk])),
                _("Protokoll veröffentlicht"),
            )
            for t in protokolle
            if person.pk in kreis[t.serie_id]
        ]
        if eintraege:
            ergebnis[person.pk] = Abschnitt(_("Jour fixe"), eintraege)
    return ergebnis


def offene_aufgaben(personen, zeitraum) -> dict:
    aufgaben = (
        Aufgabe.objects.filter(verantwortlich__in=personen, status=Aufgabe.Status.OFFEN)
        .select_related("termin__serie")
        .order_by("faellig_am", "pk")
    )
    link = absolut(reverse("regionen:aufgaben"))
    return {
        person_id: Abschnitt(
            _("Ihre offenen Aufgaben"),
            [
                Eintrag(
                    a.titel,
                    link,
                    _("fällig am %(datum)s")
                    % {"datum": date_format(a.faellig_am, "SHORT_DATE_FORMAT")}
                    if a.faellig_am
                    else a.termin.serie.titel,
                )
                for a in liste
            ],
        )
        for person_id, liste in gruppiert((a.verantwortlich_id, a) for a in aufgaben).items()
    }


ABSCHNITTE = [jourfixe, offene_aufgaben]
