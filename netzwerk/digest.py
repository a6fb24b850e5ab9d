"""Digest sections of the network: coming events for the contacts of organisations and the
members of lists, and the warning of a list membership about to end for inactivity."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.digest import Abschnitt, Eintrag, absolut, gruppiert

from .models import Mitgliedschaft, OrganisationUserObjectPermission, Veranstaltung

VORSCHAU = timedelta(days=14)


def _wann(veranstaltung) -> str:
    return date_format(timezone.localtime(veranstaltung.beginn), "SHORT_DATETIME_FORMAT")


def veranstaltungen(personen, zeitraum) -> dict:
    """Coming events of the lists one is on (directly or through one's organisation) and
    the public events of the regions of one's organisations."""
    ids = [p.pk for p in personen]
    vertreten = gruppiert(
        OrganisationUserObjectPermission.objects.filter(
            user_id__in=ids, permission__codename="vertreten"
        ).values_list("user_id", "content_object_id")
    )
    organisationen = {pk for liste in vertreten.values() for pk in liste}
    mitgliedschaften = list(
        Mitgliedschaft.objects.filter(
            Q(person_id__in=ids) | Q(organisation_id__in=organisationen),
            status=Mitgliedschaft.Status.AKTIV,
        ).values_list("person_id", "organisation_id", "verteiler_id", "verteiler__region_id")
    )
    if not mitgliedschaften and not organisationen:
        return {}
    listen, regionen = {}, {}
    for person in personen:
        eigene = set(vertreten.get(person.pk, []))
        zeilen = [m for m in mitgliedschaften if m[0] == person.pk or m[1] in eigene]
        listen[person.pk] = {m[2] for m in zeilen}
        regionen[person.pk] = {m[3] for m in zeilen}
    kommend = list(
        Veranstaltung.objects.filter(
            Q(verteiler_id__in={v for s in listen.values() for v in s})
            | Q(oeffentlich=True, region_id__in={r for s in regionen.values() for r in s}),
            veroeffentlicht=True,
            abgesagt=False,
            beginn__gte=zeitraum.bis,
            beginn__lt=zeitraum.bis + VORSCHAU,
        ).order_by("beginn")
    )
    ergebnis = {}
    for person in personen:
        passend = [
            v
            for v in kommend
            if v.verteiler_id in listen[person.pk]
            or (v.oeffentlich and v.region_id in regionen[person.pk])
        ]
        if passend:
            ergebnis[person.pk] = Abschnitt(
                _("Veranstaltungen im Netzwerk"),
                [
                    Eintrag(
                        v.text("titel").text,
                        absolut(reverse("netzwerk:veranstaltung", args=[v.pk])),
                        _wann(v),
                    )
                    for v in passend
                ],
            )
    return ergebnis


def inaktivitaet(personen, zeitraum) -> dict:
    """Memberships marked inactive: the link to stay, and the day the list drops them."""
    warnungen = Mitgliedschaft.objects.filter(
        person__in=personen, status=Mitgliedschaft.Status.INAKTIV, gewarnt_am__isnull=False
    ).select_related("verteiler")
    return {
        person_id: Abschnitt(
            _("Verteiler: Bitte bestätigen Sie Ihre Mitgliedschaft"),
            [
                Eintrag(
                    m.verteiler.name,
                    absolut(reverse("netzwerk:bestaetigen", args=[m.abmeldetoken])),
                    _("sonst endet sie am %(datum)s")
                    % {"datum": date_format(_ende(m), "SHORT_DATE_FORMAT")},
                )
                for m in liste
            ],
        )
        for person_id, liste in gruppiert((m.person_id, m) for m in warnungen).items()
    }


def _ende(mitgliedschaft):
    tage = mitgliedschaft.verteiler.karenz_tage
    return timezone.localtime(mitgliedschaft.gewarnt_am).date() + timedelta(days=tage)


ABSCHNITTE = [veranstaltungen, inaktivitaet]
