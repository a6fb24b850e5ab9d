"""Invited circles of jours fixes, registered by the apps that know their members.

A series names a circle by key ("ehrenamtskoordination": every shelter coordinator of the
region). ``regionen`` sits below the apps that hold those grants, so they register the
circle here from ``AppConfig.ready`` (ARCHITECTURE.md §3: imports flow one way).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

STANDARD = "ehrenamtskoordination"


@dataclass(frozen=True)
class Kreis:
    key: str
    label: str
    #: mitglieder(region) -> active users in the circle of ``region`` and everything below it
    mitglieder: Callable[[object], QuerySet]
    #: regionen(user) -> regions where ``user`` belongs to the circle
    regionen: Callable[[object], QuerySet]


_kreise: dict[str, Kreis] = {}


def register(kreis: Kreis) -> None:
    _kreise[kreis.key] = kreis


def kreis(key: str) -> Kreis | None:
    return _kreise.get(key)


def auswahl() -> list[tuple[str, str]]:
    """Choices for a series' circle: the registered circles, or nobody but named persons."""
    return [
        *((k.key, k.label) for k in _kreise.values()),
        ("", _("nur einzeln eingeladene Personen")),
    ]


def im_kreis(user, region_pfad_ref: str = "region__pfad") -> Q:
    """Rows of series whose circle includes ``user``: a circle region of the user lies at
    or below the series' region (the series of Berlin invites Nord's coordinators too)."""
    bedingung = Q(pk__in=[])
    for key, eintrag in _kreise.items():
        unterhalb = eintrag.regionen(user).filter(pfad__startswith=OuterRef(region_pfad_ref))
        bedingung |= Q(kreis=key) & Exists(unterhalb)
    return bedingung
