"""No person can be singled out from a report: the rule of common/kleinzahlen.py, applied
to the figures of a report."""

from common.kleinzahlen import WENIGER, aufteilung_verborgen, im_baum_verborgen, zu_klein

from .kennzahlen import PERSONEN

__all__ = ["WENIGER", "aufteilung_verborgen", "verborgen", "zu_klein"]


def _personen(zahlen: dict, figur: str):
    """The number of people behind a figure, or None for figures that count no people."""
    if figur in PERSONEN:
        return zahlen.get(figur) or 0
    if figur == "stunden":
        return zahlen.get("stunden_personen") or 0
    return None


def verborgen(werte: dict, kinder: dict) -> dict:
    """``{figure: set of hidden area keys}`` for the areas of one tree.

    ``werte`` maps each area key to its raw figures, ``kinder`` each area key to the keys
    of the areas directly below it (the tree the report draws from, down to its leaves)."""
    return {
        figur: im_baum_verborgen(
            {key: _personen(zahlen, figur) for key, zahlen in werte.items()}, kinder
        )
        for figur in (*PERSONEN, "stunden")
    }
