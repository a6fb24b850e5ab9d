"""Digest sections of training: courses with free seats for the people they are meant for,
and for the Fortbildungsteam the registrations and waiting lists of coming courses and the
most wished topics; the reminder of a session tomorrow."""

from datetime import datetime, time, timedelta

from django.contrib.auth.models import Group
from django.db.models import Count, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.aggregate import subquery_anzahl
from common.digest import Abschnitt, Eintrag, Erinnerung, absolut, gruppiert, je_chunk
from common.scoping import grants_by_user
from konten.roles import Freiwillige
from regionen.models import Region
from regionen.permissions import KOORDINIEREN as REGION_KOORDINIEREN
from unterkuenfte.models import Unterkunft
from unterkuenfte.permissions import KOORDINIEREN

from .models import Anmeldung, Erteilung, Kurs, Sitzung, Themenwunsch, Zielgruppe
from .permissions import TEAM

#: courses named per person and digest
KURSE_HOECHSTENS = 5
#: how far ahead the team's overview looks
TEAM_VORSCHAU = timedelta(days=60)


def _wann(wert) -> str:
    return date_format(timezone.localtime(wert), "SHORT_DATETIME_FORMAT")


@je_chunk
def _gruppen(personen) -> dict:
    """Per person id, the names of their global groups (one query)."""
    return {
        person_id: set(namen)
        for person_id, namen in gruppiert(
            Group.user_set.through.objects.filter(user_id__in=[p.pk for p in personen]).values_list(
                "user_id", "group__name"
            )
        ).items()
    }


def _koordinierende(ids) -> set:
    """Who of ``ids`` coordinates a shelter or a region: the courses for coordinators
    (two queries)."""
    return set(grants_by_user(Unterkunft, ids, KOORDINIEREN)) | set(
        grants_by_user(Region, ids, REGION_KOORDINIEREN)
    )


def _zielgruppen(person_id, gruppen, koordinierende) -> set:
    ziele = {Zielgruppe.ALLE}
    if Freiwillige.gruppe in gruppen.get(person_id, ()):
        ziele.add(Zielgruppe.FREIWILLIGE)
    if person_id in koordinierende:
        ziele.add(Zielgruppe.KOORDINATION)
    return ziele


def freie_kurse(personen, zeitraum) -> dict:
    """Published courses open for registration with a free seat, for the volunteers and
    coordinators they are meant for, leaving out what one is registered for or lacks the
    prerequisites of."""
    ids = [p.pk for p in personen]
    gruppen = _gruppen(personen)
    koordinierende = _koordinierende(ids)
    zielgruppen = {pk: _zielgruppen(pk, gruppen, koordinierende) for pk in ids}
    if not any(len(ziele) > 1 for ziele in zielgruppen.values()):
        return {}  # nobody in the chunk volunteers or coordinates
    jetzt = zeitraum.bis
    kurse = list(
        Kurs.objects.filter(veroeffentlicht=True, anmeldung_ab__lte=jetzt, anmeldung_bis__gte=jetzt)
        .mit_belegung()
        .filter(erster_beginn__gte=jetzt)
        .select_related("reihe")
        .prefetch_related("voraussetzungen")
        .order_by("erster_beginn", "pk")
    )
    kurse = [k for k in kurse if k.freie_plaetze > 0]
    if not kurse:
        return {}
    angemeldet = set(
        Anmeldung.objects.aktiv()
        .filter(person_id__in=ids, kurs__in=kurse)
        .values_list("person_id", "kurs_id")
    )
    gehalten = gruppiert(
        Erteilung.objects.gueltig(zeitraum.stichtag)
        .filter(person_id__in=ids)
        .values_list("person_id", "qualifikation_id")
    )
    ergebnis = {}
    for person_id, ziele in zielgruppen.items():
        passend = [
            k
            for k in kurse
            if k.reihe.zielgruppe in ziele
            and (person_id, k.pk) not in angemeldet
            and {q.pk for q in k.voraussetzungen.all()} <= set(gehalten.get(person_id, ()))
        ][:KURSE_HOECHSTENS]
        if passend:
            ergebnis[person_id] = [
                Abschnitt(
                    _("Fortbildungen mit freien Plätzen"),
                    [
                        Eintrag(
                            k.titel,
                            absolut(k.get_absolute_url()),
                            _("ab %(beginn)s · %(frei)s Plätze frei")
                            % {"beginn": _wann(k.erster_beginn), "frei": k.freie_plaetze},
                        )
                        for k in passend
                    ],
                )
            ]
    return ergebnis


def fortbildungsteam(personen, zeitraum) -> dict:
    """For the Fortbildungsteam: coming courses with seats taken, waiting people and new
    registrations, and the most wished topics (four queries)."""
    gruppen = _gruppen(personen)
    team = [p.pk for p in personen if TEAM in gruppen.get(p.pk, ())]
    if not team:
        return {}
    neu = Anmeldung.objects.filter(created_at__gte=zeitraum.von, created_at__lt=zeitraum.bis)
    kurse = (
        Kurs.objects.mit_belegung()
        .kommend(zeitraum.bis)
        .filter(veroeffentlicht=True, erster_beginn__lt=zeitraum.bis + TEAM_VORSCHAU)
        .annotate(neu=subquery_anzahl(neu.filter(kurs=OuterRef("pk"))))
        .order_by("erster_beginn", "pk")
    )
    eintraege = [
        Eintrag(
            k.titel,
            absolut(reverse("fortbildung:teilnehmende", args=[k.pk])),
            _("%(belegt)s von %(plaetze)s Plätzen · %(wartend)s auf der Warteliste · %(neu)s neu")
            % {"belegt": k.belegt, "plaetze": k.plaetze, "wartend": k.wartend, "neu": k.neu},
        )
        for k in kurse
    ]
    wuensche = Themenwunsch.objects.annotate(
        anzahl_stimmen=Count("stimmen"),
        neue_stimmen=Count(
            "stimmen",
            filter=Q(stimmen__created_at__gte=zeitraum.von, stimmen__created_at__lt=zeitraum.bis),
        ),
    ).order_by("-anzahl_stimmen", "-created_at")[:5]
    link = absolut(reverse("fortbildung:wuensche"))
    themen = [
        Eintrag(
            w.titel,
            link,
            _("%(stimmen)s Stimmen, %(neu)s neu")
            % {"stimmen": w.anzahl_stimmen, "neu": w.neue_stimmen},
        )
        for w in wuensche
        if w.anzahl_stimmen
    ]
    abschnitte = [
        Abschnitt(
            _("Kommende Kurse (veröffentlicht, Beginn in den nächsten %(tage)s Tagen)")
            % {"tage": TEAM_VORSCHAU.days},
            eintraege,
        ),
        Abschnitt(_("Meistgewünschte Themen"), themen),
    ]
    return dict.fromkeys(team, abschnitte)


def sitzung_morgen(heute) -> list[Erinnerung]:
    """Everyone holding a seat in a course with a session tomorrow (two queries)."""
    von = timezone.make_aware(datetime.combine(heute + timedelta(days=1), time.min))
    sitzungen = list(
        Sitzung.objects.filter(beginn__gte=von, beginn__lt=von + timedelta(days=1))
        .exclude(kurs__veroeffentlicht=False)
        .select_related("kurs")
    )
    plaetze = gruppiert(
        Anmeldung.objects.filter(
            status=Anmeldung.Status.ANGEMELDET,
            kurs_id__in={s.kurs_id for s in sitzungen},
            person__is_active=True,
        ).values_list("kurs_id", "person_id")
    )
    return [
        Erinnerung(
            person_id,
            "erinnerung_sitzung",
            f"sitzung-{sitzung.pk}-{von.date()}",
            sitzung.kurs,
            {"titel": sitzung.kurs.titel, "beginn": _wann(sitzung.beginn), "ort": sitzung.ort},
        )
        for sitzung in sitzungen
        for person_id in plaetze.get(sitzung.kurs_id, [])
    ]


ABSCHNITTE = (freie_kurse, fortbildungsteam)
ERINNERUNGEN = (sitzung_morgen,)
