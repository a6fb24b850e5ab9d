"""The retention schedule (Art. 5 Abs. 1 lit. e DSGVO, storage limitation): which records are
removed or anonymised after how long, applied by a daily job.

The schedule is data (``common.Aufbewahrungsregel``: period, active, words; the platform
admin edits it); what a rule selects and does is code, one ``Regelart`` per key, contributed
by the app that knows the records (``<app>/aufbewahrung.py`` with ``beitragen()``, called
from its app config like the registry of personal data). A rule works through the
registry's declarations (common/datenschutz.py) where it can: the date a period runs from,
how a person's rows are found, what anonymising a row means.

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
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import datenschutz, loeschung
from .models import Aufbewahrungslauf, Aufbewahrungsregel

logger = logging.getLogger(__name__)

#: rows changed in one transaction
STAPEL = 500


class Aktion(models.TextChoices):
    LOESCHEN = "loeschen", _("gelöscht")
    ANONYMISIEREN = "anonymisieren", _("anonymisiert")
    WARNEN = "warnen", _("gewarnt")


@dataclass(frozen=True)
class Schritt:
    """The rows of one model a rule selects, and what is done to a batch of them."""

    model: str
    aktion: Aktion
    zeilen: models.QuerySet
    #: gets the primary keys of a batch, returns how many rows it changed
    tun: Callable[[list], int]
    stapel: int = STAPEL
    #: what the step does, where the model and action alone do not say it
    hinweis: str = ""


@dataclass(frozen=True)
class Regelart:
    """What a rule of the schedule does, by its key."""

    schluessel: str
    #: ``auswahl(monate)`` -> the steps; ``monate`` is None where the registry's own periods
    #: apply
    auswahl: Callable[[int | None], list[Schritt]]
    #: the period a rule without months of its own has (the registry's), or None
    frist_laut_verzeichnis: Callable[[], int | None] = field(default=lambda: None)


_arten: dict[str, Regelart] = {}


def beitragen(*arten: Regelart) -> None:
    for regelart in arten:
        if regelart.schluessel in _arten:
            raise ValueError(f"retention rule {regelart.schluessel!r} is contributed twice")
        _arten[regelart.schluessel] = regelart


def art(schluessel: str) -> Regelart | None:
    return _arten.get(schluessel)


def alle_arten() -> dict[str, Regelart]:
    return dict(_arten)


# --- steps the rules are made of --------------------------------------------------------------


def loeschen(model: str, zeilen) -> Schritt:
    """Deletes the selected rows (and what hangs on them, on_delete=CASCADE)."""
    manager = zeilen.model._default_manager

    def tun(pks):
        return manager.filter(pk__in=pks).delete()[1].get(zeilen.model._meta.label, 0)

    return Schritt(model, Aktion.LOESCHEN, zeilen, tun)


def anonymisieren(deklaration: datenschutz.Personendaten, zeilen) -> Schritt:
    """Anonymises the selected rows as the registry's AGGREGAT does: the declared
    replacements, nullable direct links to the person cut."""

    def tun(pks):
        loeschung.anonymisieren(deklaration, pks, kappen=True)
        return len(pks)

    return Schritt(deklaration.model, Aktion.ANONYMISIEREN, zeilen, tun)


def abgelaufen(deklaration: datenschutz.Personendaten, monate: int | None = None):
    """The rows of an AUFBEWAHREN declaration whose period (``frist_ab``, ``frist_monate`` or
    ``monate``) has ended."""
    manager = deklaration.model_class._default_manager
    return manager.exclude(pk__in=manager.filter(loeschung.frist_laeuft(deklaration, monate)))


def nach_verzeichnis(schluessel: str, *modelle: str) -> Regelart:
    """A rule deleting the rows of declared AUFBEWAHREN models once their period has ended:
    the registry's period, or the rule's months where it names some."""

    def auswahl(monate):
        return [
            loeschen(label, abgelaufen(datenschutz.deklaration(label), monate)) for label in modelle
        ]

    return Regelart(
        schluessel,
        auswahl,
        frist_laut_verzeichnis=lambda: datenschutz.deklaration(modelle[0]).frist_monate,
    )


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
