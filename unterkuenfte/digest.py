"""Digest sections of the shelters' coordination (and of organisations calling for
helpers): needs that stay open too long."""

from datetime import timedelta

from django.db.models import Q
from django.utils.translation import gettext as _

from common.digest import Abschnitt, Eintrag, absolut, gruppiert

from .models import Bedarf, UnterkunftUserObjectPermission

#: a need open this long without every place taken is named in the digest
LANGE_OFFEN_TAGE = 14


def koordiniert(personen) -> tuple[dict, dict]:
    """Per person id, the shelters they coordinate and the organisations they represent
    (two queries for the whole chunk)."""
    from netzwerk.models import OrganisationUserObjectPermission

    ids = [p.pk for p in personen]
    unterkuenfte = gruppiert(
        UnterkunftUserObjectPermission.objects.filter(
            user_id__in=ids, permission__codename="koordinieren"
        ).values_list("user_id", "content_object_id")
    )
    organisationen = gruppiert(
        OrganisationUserObjectPermission.objects.filter(
            user_id__in=ids, permission__codename="vertreten"
        ).values_list("user_id", "content_object_id")
    )
    return unterkuenfte, organisationen


def poster_schluessel(bedarf):
    return ("u", bedarf.unterkunft_id) if bedarf.unterkunft_id else ("o", bedarf.organisation_id)


def poster_ids(koordination) -> tuple[set, set]:
    """All shelter ids and all organisation ids of a ``koordiniert()`` result."""
    unterkuenfte, organisationen = koordination
    return (
        {pk for liste in unterkuenfte.values() for pk in liste},
        {pk for liste in organisationen.values() for pk in liste},
    )


def fuer_koordination(personen, koordination, zeilen, schluessel) -> dict:
    """Hands rows of shelters and organisations to the persons who coordinate them;
    ``schluessel(row)`` names the row's poster as ``("u", id)`` or ``("o", id)``."""
    unterkuenfte, organisationen = koordination
    je_poster = gruppiert((schluessel(z), z) for z in zeilen)
    ergebnis = {}
    for person in personen:
        eigene = [("u", pk) for pk in unterkuenfte.get(person.pk, [])] + [
            ("o", pk) for pk in organisationen.get(person.pk, [])
        ]
        treffer = [z for poster in eigene for z in je_poster.get(poster, [])]
        if treffer:
            ergebnis[person.pk] = treffer
    return ergebnis


def lange_offene_bedarfe(personen, zeitraum) -> dict:
    grenze = zeitraum.bis - timedelta(days=LANGE_OFFEN_TAGE)
    koordination = koordiniert(personen)
    alle_u, alle_o = poster_ids(koordination)
    if not alle_u and not alle_o:
        return {}
    bedarfe = list(
        Bedarf.objects.filter(
            Q(unterkunft_id__in=alle_u) | Q(organisation_id__in=alle_o),
            status=Bedarf.Status.OFFEN,
            created_at__lt=grenze,
        )
        .select_related("unterkunft", "organisation")
        .order_by("created_at")
    )
    ergebnis = {}
    zugeteilt = fuer_koordination(personen, koordination, bedarfe, poster_schluessel)
    for person_id, zeilen in zugeteilt.items():
        ergebnis[person_id] = Abschnitt(
            _("Seit über zwei Wochen offen"),
            [
                Eintrag(
                    b.titel,
                    absolut(b.get_absolute_url()),
                    _("%(anbieter)s · %(besetzt)s von %(gesucht)s besetzt")
                    % {
                        "anbieter": b.anbieter.name,
                        "besetzt": b.anzahl_besetzt,
                        "gesucht": b.anzahl_helfende,
                    },
                )
                for b in zeilen
            ],
        )
    return ergebnis


ABSCHNITTE = [lange_offene_bedarfe]
