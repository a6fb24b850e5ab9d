"""The shelters' section of the region dashboard (regionen/uebersicht.py)."""

from datetime import timedelta

from django.db.models import OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.aggregate import subquery_anzahl
from common.scoping import grants_by_object, holders
from konten.models import User
from regionen.uebersicht import Uebersichtsteil

from .models import Bedarf, Unterkunft, fuellgrad
from .permissions import KOORDINIEREN

#: coordinators without a login for this long are shown as "not seen"
NICHT_GESEHEN_TAGE = 60
#: rows each list of the section shows; the full lists are one link away
ZEILEN = 15


def _nicht_gesehen(unterkuenfte) -> list[tuple]:
    """``(person, shelter)`` for every active coordinator of ``unterkuenfte`` without a login
    for NICHT_GESEHEN_TAGE, longest absent first (three queries)."""
    grenze = timezone.now() - timedelta(days=NICHT_GESEHEN_TAGE)
    lange_nicht = User.objects.filter(
        Q(last_login__lt=grenze) | Q(last_login__isnull=True), is_active=True
    )
    je_unterkunft = grants_by_object(Unterkunft, unterkuenfte, KOORDINIEREN, personen=lange_nicht)
    personen = lange_nicht.in_bulk({p for ids in je_unterkunft.values() for p in ids})
    namen = unterkuenfte.filter(pk__in=je_unterkunft).in_bulk()
    zeilen = [
        (personen[person_id], namen[unterkunft_id])
        for unterkunft_id, ids in je_unterkunft.items()
        for person_id in ids
    ]
    # never signed in counts as longest absent
    zeilen.sort(key=lambda z: (z[0].last_login is not None, z[0].last_login or grenze))
    return zeilen


def _kontext(region, user) -> dict:
    unterkuenfte = (
        Unterkunft.objects.for_user(user)
        .filter(region__pfad__startswith=region.pfad)
        .exclude(status=Unterkunft.Status.GESCHLOSSEN)
    )
    offen = Bedarf.objects.offen().filter(unterkunft=OuterRef("pk"))
    aktive = holders(Unterkunft, KOORDINIEREN, OuterRef("pk")).filter(is_active=True)
    zeilen = unterkuenfte.mit_bedarfszahlen().annotate(
        aelteste_offene=Subquery(offen.order_by("created_at").values("created_at")[:1]),
        anzahl_koordination=subquery_anzahl(aktive),
    )
    # the region's open needs, shelters' and organisations' alike, as its digest counts them
    summen = (
        Bedarf.objects.offen()
        .filter(region__pfad__startswith=region.pfad)
        .aggregate(gesucht=Sum("anzahl_helfende"), besetzt=Sum("anzahl_besetzt"))
    )
    nicht_gesehen = _nicht_gesehen(unterkuenfte)
    ohne = zeilen.filter(anzahl_koordination=0)
    return {
        "anzahl_unterkuenfte": unterkuenfte.count(),
        "mit_offenen_bedarfen": zeilen.filter(offene_bedarfe__gt=0).order_by("aelteste_offene")[
            :ZEILEN
        ],
        "fuellgrad": fuellgrad(summen["besetzt"], summen["gesucht"]),
        "ohne_koordination": ohne[:ZEILEN],
        "anzahl_ohne_koordination": ohne.count(),
        "nicht_gesehen": nicht_gesehen[:ZEILEN],
        "anzahl_nicht_gesehen": len(nicht_gesehen),
        "nicht_gesehen_tage": NICHT_GESEHEN_TAGE,
    }


UNTERKUENFTE = Uebersichtsteil(
    key="unterkuenfte",
    titel=_("Unterkünfte und Bedarfe"),
    template="unterkuenfte/uebersicht/unterkuenfte.html",
    kontext=_kontext,
    reihenfolge=10,
)
