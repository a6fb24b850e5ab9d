"""Regions and districts (``region``), and the jours fixes held in them (``jourfixe``)."""

from .jourfixe import (
    Aufgabe,
    JourFixeSerie,
    Stimme,
    Teilnahme,
    Termin,
    Thema,
)
from .region import Bezirk, Region, RegionGroupObjectPermission, RegionUserObjectPermission

__all__ = [
    "Aufgabe",
    "Bezirk",
    "JourFixeSerie",
    "Region",
    "RegionGroupObjectPermission",
    "RegionUserObjectPermission",
    "Stimme",
    "Teilnahme",
    "Termin",
    "Thema",
]
