"""The region dashboard of the Regionalkoordination, assembled from sections.

``regionen`` offers the jours fixes and their action items; apps above it (shelters, later
trainings) register their sections from ``AppConfig.ready``, since imports flow one way.
Each section computes its figures for the whole region in a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Uebersichtsteil:
    key: str
    titel: str
    template: str
    #: kontext(region, user) -> the section's template context
    kontext: Callable[[object, object], dict]
    reihenfolge: int = 50


_abschnitte: dict[str, Uebersichtsteil] = {}


def register(abschnitt: Uebersichtsteil) -> None:
    _abschnitte[abschnitt.key] = abschnitt


def abschnitte(region, user) -> list[tuple[Uebersichtsteil, dict]]:
    reihe = sorted(_abschnitte.values(), key=lambda a: a.reihenfolge)
    return [(abschnitt, abschnitt.kontext(region, user)) for abschnitt in reihe]


def _jourfixe(region, user) -> dict:
    from .models import Aufgabe, Termin

    im_gebiet = Q(serie__region__pfad__startswith=region.pfad)
    termine = (
        Termin.objects.for_user(user)
        .filter(im_gebiet)
        .kommend()
        .select_related("serie")
        .mit_antworten(user)[:5]
    )
    aufgaben = (
        Aufgabe.objects.for_user(user)
        .filter(status=Aufgabe.Status.OFFEN, termin__serie__region__pfad__startswith=region.pfad)
        .select_related("verantwortlich", "termin__serie")
    )
    return {
        "termine": termine,
        "aufgaben": aufgaben[:10],
        "anzahl_aufgaben": aufgaben.count(),
        "heute": timezone.localdate(),
    }


JOURFIXE = Uebersichtsteil(
    key="jourfixe",
    titel=_("Jours fixes und offene Aufgaben"),
    template="regionen/uebersicht/jourfixe.html",
    kontext=_jourfixe,
    reihenfolge=20,
)
