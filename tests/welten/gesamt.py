"""The domains together, for the tests that walk everything (access matrix, query budgets,
browser crawls)."""

from dataclasses import dataclass

from tests.welten.fortbildung import Fortbildung
from tests.welten.freiwilligenarbeit import Freiwilligenarbeit
from tests.welten.jourfixe import Jourfixe
from tests.welten.netzwerk import Netzwerk


@dataclass(kw_only=True)
class Welt(Freiwilligenarbeit, Jourfixe, Fortbildung):
    """Every domain but the network: the network tests (tests/netzwerk) count the published
    Steckbriefe, lists and events they create themselves."""


@dataclass(kw_only=True)
class GanzeWelt(Welt, Netzwerk):
    """Every domain, the network too."""
