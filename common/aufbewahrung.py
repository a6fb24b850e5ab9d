"""The retention schedule (Art. 5 Abs. 1 lit. e DSGVO, storage limitation): which records are
removed or anonymised after how long, applied by a daily job.

The schedule is data (``common.Aufbewahrungsregel``: period, active, words; the platform
admin edits it); what a rule selects and does is code, one ``Regelart`` per key, contributed
by the app that knows the records (``<app>/aufbewahrung.py`` with ``beitragen()`` of
common/aufbewahrungsarten.py, called from its app config like the registry of personal data).
A rule works through the registry's declarations (common/datenschutz.py) where it can: the
date a period runs from, how a person's rows are found, what anonymising a row means.

``plan()`` counts what a run would do and changes nothing (the dry run of the admin's page
and of ``manage.py aufbewahrung``); ``lauf()`` applies the active, confirmed rules in batches
and records the run (``common.Aufbewahrungslauf``). Until a platform admin has confirmed the
schedule (``bestaetigen()``), a run only counts: a new installation deletes nothing it was
not told to, and a rule an update adds waits for the next confirmation.

Every batch is chosen again from the rule's selection right before it is changed, so a row
that stopped matching meanwhile (an account that signed in) is left alone, and the batches
walk up the primary keys, so a row that cannot be changed is not picked again and again.
"""

import logging

from django.db import transaction
from django.utils import timezone

from .aufbewahrungsarten import Regelart, Schritt, art
from .models import Aufbewahrungslauf, Aufbewahrungsregel

logger = logging.getLogger(__name__)

# --- counting and applying ----------------------------------------------------------------------


def _regeln():
    """The active rules that have code, in the schedule's order."""
    for regel in Aufbewahrungsregel.objects.filter(aktiv=True):
        regelart = art(regel.schluessel)
        if regelart is None:
            logger.warning("retention rule %r has no code; skipped", regel.schluessel)
            continue
        yield regel, regelart


def frist(regel: Aufbewahrungsregel, regelart: Regelart) -> int | None:
    return regel.monate if regel.monate is not None else regelart.frist_laut_verzeichnis()


def _eintrag(regel, regelart, angewendet: bool) -> dict:
    return {
        "regel": regel.schluessel,
        "name": regel.name,
        "monate": frist(regel, regelart),
        "angewendet": angewendet,
        "schritte": [],
    }


def _schritt_eintrag(schritt: Schritt, anzahl: int) -> dict:
    return {"model": schritt.model, "aktion": schritt.aktion.value, "anzahl": anzahl}


def _zaehlen(regel, regelart) -> dict:
    """What the rule would do now; ``angewendet`` says whether a run would apply it."""
    eintrag = _eintrag(regel, regelart, angewendet=regel.bestaetigt_am is not None)
    for schritt in regelart.auswahl(frist(regel, regelart)):
        eintrag["schritte"].append(_schritt_eintrag(schritt, schritt.zeilen.count()))
    return eintrag


def plan() -> list[dict]:
    """What a run now would do, per active rule and step; changes nothing."""
    return [_zaehlen(regel, regelart) for regel, regelart in _regeln()]


def _anwenden(schritt: Schritt) -> int:
    geaendert = 0
    letzter = None
    while True:
        zeilen = schritt.zeilen.order_by("pk")
        if letzter is not None:
            zeilen = zeilen.filter(pk__gt=letzter)
        pks = list(dict.fromkeys(zeilen.values_list("pk", flat=True)[: schritt.stapel]))
        if not pks:
            return geaendert
        with transaction.atomic():
            geaendert += schritt.tun(pks)
        letzter = pks[-1]


def _regel_anwenden(regel, regelart, eintrag: dict) -> None:
    for schritt in regelart.auswahl(frist(regel, regelart)):
        try:
            anzahl = _anwenden(schritt)
        except Exception:
            # one failing step must not hold up the rest of the schedule; tried again tomorrow
            logger.exception("retention rule %s (%s) failed", regel.schluessel, schritt.model)
            eintrag["fehler"] = True
            continue
        eintrag["schritte"].append(_schritt_eintrag(schritt, anzahl))


def lauf() -> Aufbewahrungslauf:
    """Applies the active, confirmed rules and records the run; a rule not yet confirmed is
    only counted (the report then reads as a dry run where no rule was applied)."""
    gestartet = timezone.now()
    ergebnis = []
    for regel, regelart in _regeln():
        if regel.bestaetigt_am is None:
            ergebnis.append(_zaehlen(regel, regelart))
            continue
        eintrag = _eintrag(regel, regelart, angewendet=True)
        _regel_anwenden(regel, regelart, eintrag)
        ergebnis.append(eintrag)
    return Aufbewahrungslauf.objects.create(
        gestartet_am=gestartet,
        beendet_am=timezone.now(),
        probelauf=not any(eintrag["angewendet"] for eintrag in ergebnis),
        ergebnis=ergebnis,
    )


def bestaetigt() -> bool:
    """Whether the schedule has been confirmed: no rule waits for confirmation."""
    return not Aufbewahrungsregel.objects.filter(bestaetigt_am__isnull=True).exists()


def bestaetigen() -> int:
    """Confirms every rule not yet confirmed; the next run applies them."""
    return Aufbewahrungsregel.objects.filter(bestaetigt_am__isnull=True).update(
        bestaetigt_am=timezone.now()
    )
