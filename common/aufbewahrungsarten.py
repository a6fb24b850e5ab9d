"""The kinds of rule of the retention schedule (common/aufbewahrung.py), by key: what a rule
selects and does, contributed by the app that knows the records, and the steps rules are made
of. Without the schedule's models, so the rule model can check its key against them."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import datenschutz, loeschung

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
