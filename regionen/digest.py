"""Digest sections of the jours fixes: the next meeting of every series one is invited to
(with its agenda once published), minutes published in the period, and one's own open
action items."""

from datetime import datetime, time, timedelta

from django.db.models import Value
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.digest import Abschnitt, Eintrag, Erinnerung, absolut, gruppiert

from .models import Aufgabe, Teilnahme, Termin
from .services import eingeladene

#: how far ahead the digest looks for the next meeting
VORSCHAU = timedelta(days=14)
#: circles read in one query (SQLite allows 500 parts in a UNION)
SERIEN_JE_ABFRAGE = 100
#: an action item is recalled this many days before it falls due
AUFGABE_VORLAUF = timedelta(days=3)


def _wann(termin) -> str:
    return date_format(timezone.localtime(termin.beginn), "SHORT_DATETIME_FORMAT")


def eingeladen_je_serie(serien, ids) -> dict:
    """Per series id, which of ``ids`` it invites: the circles of up to SERIEN_JE_ABFRAGE
    series in one UNION query, so the count never depends on the number of recipients."""
    serien = list(serien)
    ergebnis = {serie.pk: set() for serie in serien}
    for start in range(0, len(serien), SERIEN_JE_ABFRAGE):
        teile = [
            eingeladene(serie)
            .filter(pk__in=ids)
            .order_by()
            .annotate(serie_id=Value(serie.pk))
            .values_list("pk", "serie_id")
            for serie in serien[start : start + SERIEN_JE_ABFRAGE]
        ]
        for person_id, serie_id in teile[0].union(*teile[1:], all=True):
            ergebnis[serie_id].add(person_id)
    return ergebnis


def jourfixe(personen, zeitraum) -> dict:
    """The next meeting of each series one is invited to, and minutes published in the
    period: two queries for the meetings, one for the circles."""
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
    serien = {t.serie_id: t.serie for t in [*kommend, *protokolle]}
    kreis = eingeladen_je_serie(serien.values(), [p.pk for p in personen])
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
            ergebnis[person.pk] = [Abschnitt(_("Jour fixe"), eintraege)]
    return ergebnis


def offene_aufgaben(personen, zeitraum) -> dict:
    aufgaben = (
        Aufgabe.objects.filter(verantwortlich__in=personen, status=Aufgabe.Status.OFFEN)
        .select_related("termin__serie")
        .order_by("faellig_am", "pk")
    )
    link = absolut(reverse("regionen:aufgaben"))
    return {
        person_id: [
            Abschnitt(
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
        ]
        for person_id, liste in gruppiert((a.verantwortlich_id, a) for a in aufgaben).items()
    }


def _tag(heute, tage: int):
    """Start and end of the day ``tage`` after ``heute``, in local time."""
    beginn = timezone.make_aware(datetime.combine(heute + timedelta(days=tage), time.min))
    return beginn, beginn + timedelta(days=1)


def termin_morgen(heute) -> list[Erinnerung]:
    """Everyone invited to a meeting tomorrow who has not declined: one query for the
    meetings, one per meeting for its circle (a day holds few meetings)."""
    von, bis = _tag(heute, 1)
    erinnerungen = []
    for termin in Termin.objects.filter(
        beginn__gte=von, beginn__lt=bis, status=Termin.Status.GEPLANT
    ).select_related("serie"):
        absagen = Teilnahme.objects.filter(termin=termin, antwort=Teilnahme.Antwort.NEIN)
        daten = {"titel": termin.serie.titel, "termin": _wann(termin)}
        erinnerungen += [
            Erinnerung(pk, "erinnerung_termin", f"termin-{termin.pk}-{von.date()}", termin, daten)
            for pk in eingeladene(termin.serie)
            .exclude(pk__in=absagen.values("person_id"))
            .values_list("pk", flat=True)
        ]
    return erinnerungen


def aufgabe_bald_faellig(heute) -> list[Erinnerung]:
    faellig_am = heute + AUFGABE_VORLAUF
    return [
        Erinnerung(
            aufgabe.verantwortlich_id,
            "erinnerung_aufgabe",
            f"aufgabe-{aufgabe.pk}-{faellig_am.isoformat()}",
            aufgabe,
            {"titel": aufgabe.titel, "datum": date_format(faellig_am, "SHORT_DATE_FORMAT")},
        )
        for aufgabe in Aufgabe.objects.filter(
            status=Aufgabe.Status.OFFEN,
            faellig_am=faellig_am,
            verantwortlich__isnull=False,
            verantwortlich__is_active=True,
        )
    ]


ABSCHNITTE = (jourfixe, offene_aufgaben)
ERINNERUNGEN = (termin_morgen, aufgabe_bald_faellig)
