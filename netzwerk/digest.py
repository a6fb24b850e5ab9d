"""Digest sections of the network: coming events for the contacts of organisations and the
members of lists, the messages sent to their lists, and the warning of a list membership
about to end for inactivity."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.digest import Abschnitt, Eintrag, absolut, gruppiert, je_chunk
from common.scoping import grants_by_user

from .models import Mitgliedschaft, Organisation, Veranstaltung, Verteilernachricht
from .permissions import VERTRETEN

VORSCHAU = timedelta(days=14)


def _wann(veranstaltung) -> str:
    return date_format(timezone.localtime(veranstaltung.beginn), "SHORT_DATETIME_FORMAT")


@je_chunk
def _vertreten(personen) -> dict:
    """Per person id, the organisations they represent (one query)."""
    return grants_by_user(Organisation, [p.pk for p in personen], VERTRETEN)


@je_chunk
def _listen(personen) -> tuple[dict, dict]:
    """Per person id, the lists they are on (directly or through an organisation they
    represent) and those lists' regions (two queries)."""
    ids = [p.pk for p in personen]
    vertreten = _vertreten(personen)
    organisationen = {pk for liste in vertreten.values() for pk in liste}
    mitgliedschaften = list(
        Mitgliedschaft.objects.filter(
            Q(person_id__in=ids) | Q(organisation_id__in=organisationen),
            status=Mitgliedschaft.Status.AKTIV,
        ).values_list("person_id", "organisation_id", "verteiler_id", "verteiler__region_id")
    )
    listen, regionen = {}, {}
    for person in personen:
        eigene = vertreten.get(person.pk, set())
        zeilen = [m for m in mitgliedschaften if m[0] == person.pk or m[1] in eigene]
        listen[person.pk] = {m[2] for m in zeilen}
        regionen[person.pk] = {m[3] for m in zeilen}
    return listen, regionen


def veranstaltungen(personen, zeitraum) -> dict:
    """Coming events of the lists one is on (directly or through one's organisation) and
    the public events of those lists' regions."""
    listen, regionen = _listen(personen)
    if not any(listen.values()):
        return {}
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
            ergebnis[person.pk] = [
                Abschnitt(
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
            ]
    return ergebnis


def nachrichten(personen, zeitraum) -> dict:
    """Messages sent in the period to the lists one is on: a reminder of what came by mail."""
    listen, _regionen = _listen(personen)
    alle = {v for s in listen.values() for v in s}
    if not alle:
        return {}
    je_liste = gruppiert(
        (n.verteiler_id, n)
        for n in Verteilernachricht.objects.filter(
            verteiler_id__in=alle, created_at__gte=zeitraum.von, created_at__lt=zeitraum.bis
        )
        .select_related("verteiler")
        .order_by("created_at")
    )
    ergebnis = {}
    for person in personen:
        eintraege = [
            Eintrag(
                n.betreff,
                "",
                f"{n.verteiler.name} · "
                + date_format(timezone.localtime(n.created_at), "SHORT_DATE_FORMAT"),
            )
            for verteiler_id in sorted(listen[person.pk])
            for n in je_liste.get(verteiler_id, [])
        ]
        if eintraege:
            ergebnis[person.pk] = [Abschnitt(_("Nachrichten auf Ihren Verteilern"), eintraege)]
    return ergebnis


def inaktivitaet(personen, zeitraum) -> dict:
    """Memberships marked inactive: the link to stay, and the day the list drops them."""
    ids = [p.pk for p in personen]
    vertreten = _vertreten(personen)
    warnungen = list(
        Mitgliedschaft.objects.filter(
            Q(person_id__in=ids)
            | Q(organisation_id__in={o for liste in vertreten.values() for o in liste}),
            status=Mitgliedschaft.Status.INAKTIV,
            gewarnt_am__isnull=False,
        )
        .select_related("verteiler")
        .order_by("pk")
    )
    ergebnis = {}
    for person_id in ids:
        eigene = vertreten.get(person_id, set())
        liste = [m for m in warnungen if m.person_id == person_id or m.organisation_id in eigene]
        if liste:
            ergebnis[person_id] = [
                Abschnitt(
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
            ]
    return ergebnis


def _ende(mitgliedschaft):
    tage = mitgliedschaft.verteiler.karenz_tage
    return timezone.localtime(mitgliedschaft.gewarnt_am).date() + timedelta(days=tage)


ABSCHNITTE = (veranstaltungen, nachrichten, inaktivitaet)
