"""No person can be singled out from a report.

A figure that counts fewer than ``KLEINSTE_ZAHL`` people shows "< 5" (hours count the
people they belong to). A total cannot be used to work a hidden figure back out: where
exactly one region below a region is hidden, the region above is hidden too, at every level
of the tree, so the same region reads the same on every page and in every export. Within a
breakdown (assignments per field of activity) the smallest other value is hidden with a
single hidden one, as the column's total is shown.
"""

from .kennzahlen import PERSONEN

KLEINSTE_ZAHL = 5
WENIGER = f"< {KLEINSTE_ZAHL}"


def zu_klein(anzahl) -> bool:
    return bool(anzahl) and 0 < anzahl < KLEINSTE_ZAHL


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
    ergebnis = {}
    for figur in (*PERSONEN, "stunden"):
        versteckt = {key for key, zahlen in werte.items() if zu_klein(_personen(zahlen, figur))}
        geaendert = True
        while geaendert:  # a hidden region may hide the one above it, and that the next
            geaendert = False
            for oben, unten in kinder.items():
                einzeln = sum(1 for key in unten if key in versteckt) == 1
                if einzeln and oben in werte and oben not in versteckt:
                    versteckt.add(oben)
                    geaendert = True
        ergebnis[figur] = versteckt
    return ergebnis


def aufteilung_verborgen(aufteilung: dict) -> set:
    """Hidden parts of a breakdown (``{name: count}``) whose total is shown."""
    versteckt = {name for name, anzahl in aufteilung.items() if zu_klein(anzahl)}
    if len(versteckt) == 1:
        uebrige = sorted(
            (anzahl, name)
            for name, anzahl in aufteilung.items()
            if name not in versteckt and anzahl
        )
        if uebrige:
            versteckt.add(uebrige[0][1])
    return versteckt
