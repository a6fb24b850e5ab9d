"""The project's modules import each other without a cycle.

Only imports that run when a module is loaded count: those at module level and in class
bodies, also under ``if``/``try`` there. Imports inside functions run later and are left out,
and so is ``if TYPE_CHECKING:``, which never runs. grimp (import-linter's graph) cannot tell
the two kinds apart, so the graph is read from the syntax tree here.
"""

import ast
from pathlib import Path

PROJEKT = Path(__file__).resolve().parents[2]
PAKETE = (
    "config",
    "common",
    "konten",
    "regionen",
    "netzwerk",
    "unterkuenfte",
    "freiwillige",
    "fortbildung",
    "benachrichtigungen",
    "berichte",
)


def _modulname(pfad):
    teile = list(pfad.relative_to(PROJEKT).with_suffix("").parts)
    if teile[-1] == "__init__":
        teile.pop()
    return ".".join(teile)


def module():
    """Every module of the project packages by name, migrations left out."""
    gefunden = {}
    for paket in PAKETE:
        for pfad in (PROJEKT / paket).rglob("*.py"):
            if "migrations" not in pfad.parts:
                gefunden[_modulname(pfad)] = pfad
    return gefunden


def _ist_type_checking(knoten):
    test = knoten.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _ladezeit_importe(anweisungen):
    """The import statements that run while the module loads."""
    for knoten in anweisungen:
        if isinstance(knoten, ast.Import | ast.ImportFrom):
            yield knoten
        elif isinstance(knoten, ast.If):
            if not _ist_type_checking(knoten):
                yield from _ladezeit_importe(knoten.body)
            yield from _ladezeit_importe(knoten.orelse)
        elif isinstance(knoten, ast.Try):
            for block in (knoten.body, knoten.orelse, knoten.finalbody):
                yield from _ladezeit_importe(block)
            for handler in knoten.handlers:
                yield from _ladezeit_importe(handler.body)
        elif isinstance(knoten, ast.ClassDef | ast.With):
            yield from _ladezeit_importe(knoten.body)


def _ziele(modul, ist_paket, knoten, bekannt):
    """The project modules one import statement loads (the most specific one of each name)."""
    if isinstance(knoten, ast.Import):
        kandidaten = [alias.name for alias in knoten.names]
    else:
        basis = knoten.module or ""
        if knoten.level:
            paket = modul.split(".") if ist_paket else modul.split(".")[:-1]
            paket = paket[: len(paket) - (knoten.level - 1)]
            basis = ".".join(paket + ([basis] if basis else []))
        kandidaten = [
            f"{basis}.{alias.name}" if f"{basis}.{alias.name}" in bekannt else basis
            for alias in knoten.names
        ]
    for name in kandidaten:
        # "import a.b.c" of a name that is not a module: the nearest module above it
        while name and name not in bekannt:
            name = name.rpartition(".")[0]
        if name and name != modul:
            yield name


def importgraph():
    """Module name -> the project modules it imports at load time."""
    alle = module()
    graph = {}
    for name, pfad in alle.items():
        baum = ast.parse(pfad.read_text(encoding="utf-8"), filename=str(pfad))
        ist_paket = pfad.name == "__init__.py"
        graph[name] = {
            ziel
            for knoten in _ladezeit_importe(baum.body)
            for ziel in _ziele(name, ist_paket, knoten, alle)
        }
    return graph


def zyklen(graph):
    """The cycles a depth-first search closes: each edge back onto its path, as the loop it ends."""
    gefunden, erledigt = [], set()
    for start in sorted(graph):
        if start in erledigt:
            continue
        pfad, auf_pfad = [], set()
        stapel = [(start, iter(sorted(graph[start])))]
        pfad.append(start)
        auf_pfad.add(start)
        while stapel:
            knoten, nachfolger = stapel[-1]
            weiter = next(nachfolger, None)
            if weiter is None:
                stapel.pop()
                pfad.pop()
                auf_pfad.discard(knoten)
                erledigt.add(knoten)
            elif weiter in auf_pfad:
                gefunden.append(pfad[pfad.index(weiter) :] + [weiter])
            elif weiter not in erledigt:
                stapel.append((weiter, iter(sorted(graph[weiter]))))
                pfad.append(weiter)
                auf_pfad.add(weiter)
    return gefunden


def test_keine_importzyklen():
    gefunden = zyklen(importgraph())
    assert not gefunden, "import cycles at load time:\n" + "\n".join(
        " -> ".join(zyklus) for zyklus in gefunden
    )


def test_zyklus_wird_gefunden():
    # the search itself: a cycle of three beside a branch without one
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert zyklen(graph) == [["a", "b", "c", "a"]]
