"""Small numbers of people are never shown: the one rule for every page, report, export
and API that shows figures to the administration or regional coordination.

A figure that counts fewer than ``KLEINSTE_ZAHL`` people shows as "< 5" (hours count the
people they belong to). A total cannot be used to work a hidden figure back out: where
exactly one area below an area is hidden, the area above is hidden too, at every level of
the tree; within a breakdown whose total is shown, the smallest other part is hidden with a
single hidden one.
"""

KLEINSTE_ZAHL = 5
WENIGER = f"< {KLEINSTE_ZAHL}"


def zu_klein(anzahl) -> bool:
    return bool(anzahl) and 0 < anzahl < KLEINSTE_ZAHL


def im_baum_verborgen(personen: dict, kinder: dict) -> set:
    """The hidden areas of one figure: ``personen`` maps each area key to the number of
    people behind its figure, ``kinder`` each area key to the keys of the areas directly
    below it (down to the leaves)."""
    versteckt = {key for key, anzahl in personen.items() if zu_klein(anzahl)}
    geaendert = True
    while geaendert:  # a hidden area may hide the one above it, and that the next
        geaendert = False
        for oben, unten in kinder.items():
            einzeln = sum(1 for key in unten if key in versteckt) == 1
            if einzeln and oben in personen and oben not in versteckt:
                versteckt.add(oben)
                geaendert = True
    return versteckt


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
