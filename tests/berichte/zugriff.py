"""Access-matrix entries of berichte: the administration reads every region, a regional
coordination its own (Nord has no regions below it: its overview forwards to its region's
page); nobody else."""

from berichte.tasks import export_ordner
from tests.access_entry import ALLE, NUR_POST, Route, nord_pk
from tests.factories import ExportauftragFactory

BERICHTSLESENDE = frozenset({"admin", "verwaltung"})


def _export_von_verwaltung(welt):
    auftrag = ExportauftragFactory(
        erstellt_von=welt.verwaltung,
        nebeneinander=True,
        status="fertig",
        datei="matrix-bericht.csv",
    )
    (export_ordner() / auftrag.datei).write_bytes("\ufeffKennzahl;Wert\n".encode())
    return [auftrag.pk]


ZUGRIFF = {
    "berichte:uebersicht": Route(
        ok=BERICHTSLESENDE, status={"rk_nord": 302, "rk_suedost": 302}, andere=403
    ),
    "berichte:region": Route(
        args=nord_pk, ok=BERICHTSLESENDE | {"rk_nord"}, status={"rk_suedost": 404}, andere=403
    ),
    "berichte:export_neu": Route(status=NUR_POST),
    "berichte:export_status": Route(args=_export_von_verwaltung, ok=BERICHTSLESENDE),
    "berichte:export_datei": Route(args=_export_von_verwaltung, ok=BERICHTSLESENDE),
    "api:bericht-list": Route(
        geheim=lambda w: "Berlin-Nord",
        ok=BERICHTSLESENDE | {"rk_nord"},
        status=dict.fromkeys(ALLE, 200),
    ),
    "api:bericht-detail": Route(args=nord_pk, ok=BERICHTSLESENDE | {"rk_nord"}),
    "api:bericht-vergleich": Route(args=nord_pk, ok=BERICHTSLESENDE | {"rk_nord"}),
    "api:bericht-gesamt": Route(ok=BERICHTSLESENDE, andere=403),
}
