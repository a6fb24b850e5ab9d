"""Destructive and far-reaching actions on pages ask first.

A view states in a ``Frage`` what its action will do, to whom and to how many. ``erst_fragen``
answers a POST without the confirmation field with a page asking exactly that (for htmx, the
same question as a fragment swapped in place of the form), which carries every posted field
over into a second POST with the confirmation. Only that confirmed POST reaches the action.

Views load their object through its scope before they ask, so a hidden object answers 404
and a question never gives it away. The API does not ask: its clients decide for themselves.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

#: the field the confirming form posts; a POST without it only asks
FELD = "bestaetigt"
WERT = "ja"


@dataclass(frozen=True)
class Frage:
    """What an action will do, in the words the page asks with."""

    #: one sentence naming what and how many: "Die Reihe „Jour fixe Nord“ beenden?"
    frage: str
    #: the confirming button: "Reihe beenden"
    knopf: str
    #: where "Abbrechen" leads: the page the action was started from
    zurueck: str
    #: further sentences: who is told, what stays
    folgen: Sequence[str] = ()
    #: the action ends or removes something (a red button); False for sending and the like
    gefaehrlich: bool = True


def bestaetigt(request) -> bool:
    return request.POST.get(FELD) == WERT


def erst_fragen(request, frage: Frage | Callable[[], Frage | None] | None) -> HttpResponse | None:
    """The question page for an unconfirmed POST; None once the action may go ahead.

    ``frage`` may be a callable, so its counts are only queried when there is something to
    ask; a ``frage`` of None (or a callable returning None) means this POST asks nothing, e.g.
    pausing where only ending asks.
    """
    if bestaetigt(request):
        return None
    if callable(frage):
        frage = frage()
    if frage is None:
        return None
    felder = [
        (name, wert)
        for name, werte in request.POST.lists()
        if name not in (FELD, "csrfmiddlewaretoken")
        for wert in werte
    ]
    kontext = {
        "frage": frage,
        "felder": felder,
        "feld": FELD,
        "wert": WERT,
        "ziel": request.get_full_path(),
        "kennung": "frage-" + slugify(request.path),
    }
    vorlage = "_bestaetigen.html" if getattr(request, "htmx", False) else "bestaetigen.html"
    return render(request, vorlage, kontext)
