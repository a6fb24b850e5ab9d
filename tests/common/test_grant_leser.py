"""Guardian's grant tables are read in one place, common/scoping.py: pages, API, exports and
digests ask it, so each counts a person's direct and group grants alike. Roles write grants
through guardian's shortcuts; the models declare the tables."""

import ast
from pathlib import Path

WURZEL = Path(__file__).resolve().parents[2]
LESER = Path("common/scoping.py")
#: guardian's shortcuts that hand out or take back a grant
SCHREIBEND = {"assign_perm", "remove_perm", "bulk_assign_perm", "bulk_remove_perm"}
GUARDIAN_LESEND = ("guardian.shortcuts", "guardian.core")
AUSSERHALB = {".venv", "tests", "benchmarks", "migrations", "node_modules", "staticfiles"}


def _module():
    for pfad in sorted(WURZEL.rglob("*.py")):
        relativ = pfad.relative_to(WURZEL)
        if not AUSSERHALB & set(relativ.parts) and relativ != LESER:
            yield relativ, ast.parse(pfad.read_text(encoding="utf-8"))


def _grant_tabelle(name: str) -> bool:
    """A grant table's model, its reverse relation, or a lookup through either."""
    klein = name.lower()
    return klein.endswith("objectpermission") or any(
        teil in klein for teil in ("objectpermission_set", "objectpermission__")
    )


def _liest(knoten) -> bool:
    if isinstance(knoten, ast.Attribute):
        besitzer = getattr(knoten.value, "id", getattr(knoten.value, "attr", ""))
        manager = knoten.attr in ("objects", "_default_manager") and _grant_tabelle(besitzer)
        return manager or _grant_tabelle(knoten.attr)
    if isinstance(knoten, ast.Constant) and isinstance(knoten.value, str):
        return _grant_tabelle(knoten.value) and "__" in knoten.value
    if isinstance(knoten, ast.keyword):
        return bool(knoten.arg) and _grant_tabelle(knoten.arg)
    if isinstance(knoten, ast.ImportFrom) and knoten.module in GUARDIAN_LESEND:
        return any(alias.name not in SCHREIBEND for alias in knoten.names)
    return False


def _lesende_stellen(baum) -> list[int]:
    """The lines where a module reads a grant table: its manager or reverse relation, a
    lookup through it, or a guardian shortcut that reads."""
    return sorted({knoten.lineno for knoten in ast.walk(baum) if _liest(knoten)})


def test_no_module_but_the_scoping_reads_guardians_grant_tables():
    lesend = {str(pfad): funde for pfad, baum in _module() if (funde := _lesende_stellen(baum))}
    assert lesend == {}


def test_the_check_finds_each_way_of_reading():
    beispiele = {
        "UnterkunftUserObjectPermission.objects.filter(user=u)": 1,
        "User.objects.filter(regionuserobjectpermission__content_object=r)": 1,
        "o.organisationuserobjectpermission_set.all()": 1,
        "x.prefetch_related('a__organisationuserobjectpermission_set__user')": 1,
        "from guardian.shortcuts import assign_perm, get_objects_for_user": 1,
        "from guardian.shortcuts import assign_perm": 0,
        "holders(Unterkunft, KOORDINIEREN, u)": 0,
    }
    for quelltext, anzahl in beispiele.items():
        assert len(_lesende_stellen(ast.parse(quelltext))) == anzahl, quelltext
