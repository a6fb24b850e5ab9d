"""Pages of apps above that belong to a Termin, for its page to link to: a network
meeting's event page (with its registration) is one. ``regionen`` sits below those apps,
so they register a function here from ``AppConfig.ready`` (imports flow one way)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Verweis:
    text: str
    url: str
    #: a short note beside the link, e.g. the reader's place on a waiting list
    hinweis: str = ""


_quellen: list[Callable[[object, object], list[Verweis]]] = []


def register(quelle: Callable[[object, object], list[Verweis]]) -> None:
    """``quelle(termin, user)`` returns the links to its pages the user may open."""
    _quellen.append(quelle)


def verweise(termin, user) -> list[Verweis]:
    return [verweis for quelle in _quellen for verweis in quelle(termin, user)]
