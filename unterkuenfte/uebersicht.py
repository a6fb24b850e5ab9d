"""The shelters' section of the region dashboard (regionen/uebersicht.py)."""

from datetime import timedelta

from django.db.models import OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.aggregate import subquery_anzahl
from regionen.uebersicht import Abschnitt

from .models import Bedarf, Unterkunft, UnterkunftUserObjectPermission, fuellgrad
from .permissions import KOORDINIEREN

#: coordinators without a login for this long are shown as "not seen"
NICHT_GESEHEN_TAGE = 60
#: rows each list of the section shows; the full lists are one link away
ZEILEN = 15


def _koordination(unterkuenfte):
    return UnterkunftUserObjectPermission.objects.filter(
        content_object__in=unterkuenfte, permission__codename=KOORDINIEREN, user__is_active=True
    )


def _kontext(region, user) -> dict:
    unterkuenfte = (
        Unterkunft.objects.for_user(user)
        .filter(region__pfad__startswith=region.pfad)
        .exclude(status=Unterkunft.Status.GESCHLOSSEN)
    )
    offen = Bedarf.objects.offen().filter(unterkunft=OuterRef("pk"))
    aktive = UnterkunftUserObjectPermission.objects.filter(
        content_object=OuterRef("pk"), permission__codename=KOORDINIEREN, user__is_active=True
    )
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
    grenze = timezone.now() - timedelta(days=NICHT_GESEHEN_TAGE)
    nicht_gesehen = _koordination(unterkuenfte).filter(
        Q(user__last_login__lt=grenze) | Q(user__last_login__isnull=True)
    )
    ohne = zeilen.filter(anzahl_koordination=0)
    return {
        "anzahl_unterkuenfte": unterkuenfte.count(),
        "mit_offenen_bedarfen": zeilen.filter(offene_bedarfe__gt=0).order_by("aelteste_offene")[
            :ZEILEN
        ],
        "fuellgrad": fuellgrad(summen["besetzt"], summen["gesucht"]),
        "ohne_koordination": ohne[:ZEILEN],
        "anzahl_ohne_koordination": ohne.count(),
        "nicht_gesehen": nicht_gesehen.select_related("user", "content_object").order_by(
            "user__last_login"
        )[:ZEILEN],
        "anzahl_nicht_gesehen": nicht_gesehen.count(),
        "nicht_gesehen_tage": NICHT_GESEHEN_TAGE,
    }


UNTERKUENFTE = Abschnitt(
    key="unterkuenfte",
    titel=_("Unterkünfte und Bedarfe"),
    template="unterkuenfte/uebersicht/unterkuenfte.html",
    kontext=_kontext,
    reihenfolge=10,
)
