"""Imports of uploaded spreadsheets as jobs of the worker, with progress a page can poll.

The request checks the upload's bounds (common/uploads.py), stores the file under
``DATA_DIR/importe`` (web and worker must share that folder), writes an ``Importauftrag``
and queues the app's task once the request commits; it never parses the file.

Every import goes this way, whatever its size: what a file costs lies in its lines and the
database work for each, which its size in bytes tells badly (200 KB of XLSX hold the
5,000 lines the row limit allows), and one way for all keeps the dry run, its progress and
its result alike. A small file is done within a second; without a broker (the embedded
mode) the job runs right after the request, so its page shows the result at once.

The worker (:func:`import_ausfuehren`) reads the file within the same bounds, runs the
app's import all or nothing, stores what it reports, and removes the file after a real
run. A clean dry run keeps its file until it is taken over (:func:`import_uebernehmen`:
the same job runs again for real) or cleared away with its job (:func:`importe_aufraeumen`).
"""

import logging
import os
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Importauftrag
from .queueing import enqueue_on_commit

logger = logging.getLogger(__name__)

#: progress once the job has started: what remains is reading and importing the lines
BEGONNEN = 5


def import_ordner() -> Path:
    ordner = Path(settings.DATA_DIR) / "importe"
    ordner.mkdir(parents=True, exist_ok=True)
    return ordner


def _ablegen(datei) -> str:
    """Stores an uploaded (already bounded) file chunk by chunk; returns its new name."""
    name = uuid.uuid4().hex
    teil = import_ordner() / f".{name}.teil"
    with teil.open("wb") as ziel:
        for stueck in datei.chunks():
            ziel.write(stueck)
    os.replace(teil, import_ordner() / name)  # the worker never finds half a file
    return name


def import_anlegen(person, art, datei, format, probelauf, task, ziel_id=None, optionen=None):
    """Stores the upload and queues ``task`` for it once the request commits."""
    auftrag = Importauftrag.objects.create(
        erstellt_von=person,
        art=art,
        ziel_id=ziel_id,
        optionen=optionen or {},
        dateiname=os.path.basename(datei.name)[:255],
        datei=_ablegen(datei),
        format=format,
        probelauf=probelauf,
    )
    enqueue_on_commit(task, auftrag.pk, translation.get_language())
    return auftrag


def import_uebernehmen(auftrag, task) -> None:
    """Runs a clean dry run again for real, on the file it checked.

    Conditional, so a second click (or a second tab) queues nothing more.
    """
    geaendert = Importauftrag.objects.filter(
        pk=auftrag.pk, probelauf=True, status=Importauftrag.Status.FERTIG, fehlerfrei=True
    ).update(
        probelauf=False,
        status=Importauftrag.Status.WARTEND,
        fortschritt=0,
        fehlerfrei=None,
        ergebnis={},
        fertig_am=None,
    )
    if geaendert:
        enqueue_on_commit(task, auftrag.pk, translation.get_language())


class Fortschritt:
    """Writes a running import's progress where the page polling it can read it.

    Called with (lines done, lines in all). An import runs in one transaction (all or
    nothing) whose writes nobody sees before it ends, so the progress goes through a
    connection of its own that commits at once. Not on SQLite, which lets one connection
    write at a time: a second one would wait for the import to end. There (the embedded
    mode) a job runs right after its request anyway, and the bar goes from start to done.
    """

    def __init__(self, auftrag_id: int):
        self.auftrag_id = auftrag_id
        self.prozent = BEGONNEN
        self._verbindung = None

    def __call__(self, fertig: int, gesamt: int) -> None:
        prozent = BEGONNEN + (99 - BEGONNEN) * fertig // max(gesamt, 1)
        if prozent > self.prozent:  # at most one write per percent
            self.prozent = prozent
            self._schreiben(prozent)

    def _schreiben(self, prozent: int) -> None:
        if not connection.in_atomic_block:
            Importauftrag.objects.filter(pk=self.auftrag_id).update(fortschritt=prozent)
        elif connection.vendor != "sqlite":
            if self._verbindung is None:
                self._verbindung = connections.create_connection(DEFAULT_DB_ALIAS)
            tabelle = self._verbindung.ops.quote_name(Importauftrag._meta.db_table)
            with self._verbindung.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {tabelle} SET fortschritt = %s WHERE id = %s",  # noqa: S608 (the model's table)
                    [prozent, self.auftrag_id],
                )

    def schliessen(self) -> None:
        if self._verbindung is not None:
            self._verbindung.close()


def _stand(auftrag, **felder) -> None:
    Importauftrag.objects.filter(pk=auftrag.pk).update(**felder)


def _datei_entfernen(auftrag) -> None:
    (import_ordner() / auftrag.datei).unlink(missing_ok=True)


def import_ausfuehren(auftrag_id: int, sprache: str, ausfuehren) -> None:
    """The worker's part of every import, called by the apps' tasks.

    ``ausfuehren(auftrag, datei, fortschritt)`` reads the open file, checks it (dry run) or
    imports it, all or nothing, and returns (fehlerfrei, ergebnis as JSON); it raises
    ``PermissionDenied`` when the person may no longer import there. A redelivered job
    that had finished does nothing; one cut off midway runs again, as its transaction
    never committed.
    """
    auftrag = Importauftrag.objects.select_related("erstellt_von").filter(pk=auftrag_id).first()
    if auftrag is None or not auftrag.laeuft:
        return
    _stand(auftrag, status=Importauftrag.Status.LAEUFT, fortschritt=BEGONNEN)
    fortschritt = Fortschritt(auftrag.pk)
    with translation.override(sprache):
        try:
            with (import_ordner() / auftrag.datei).open("rb") as datei:
                fehlerfrei, ergebnis = ausfuehren(auftrag, datei, fortschritt)
        except PermissionDenied:
            grund = _("Sie dürfen hier nicht mehr importieren; es wurde nichts übernommen.")
        except Exception:
            logger.exception("import %s failed", auftrag_id)
            grund = _(
                "Der Import ist fehlgeschlagen; es wurde nichts übernommen. "
                "Bitte versuchen Sie es erneut."
            )
        else:
            grund = None
        finally:
            fortschritt.schliessen()
    if grund is not None:
        _stand(auftrag, status=Importauftrag.Status.FEHLER, fehler=grund, fertig_am=timezone.now())
        _datei_entfernen(auftrag)
        return
    _stand(
        auftrag,
        status=Importauftrag.Status.FERTIG,
        fortschritt=100,
        fehlerfrei=fehlerfrei,
        ergebnis=ergebnis,
        fertig_am=timezone.now(),
    )
    if not (auftrag.probelauf and fehlerfrei):  # only a clean dry run may still be taken over
        _datei_entfernen(auftrag)


def importe_aufraeumen() -> int:
    """Removes jobs older than ``IMPORT_AUFBEWAHRUNG_STUNDEN`` with their files, and files
    no job names (a request that failed after storing its upload). Returns the jobs removed."""
    alt = Importauftrag.objects.filter(
        created_at__lt=timezone.now() - timedelta(hours=settings.IMPORT_AUFBEWAHRUNG_STUNDEN)
    )
    for name in alt.values_list("datei", flat=True):
        (import_ordner() / name).unlink(missing_ok=True)
    entfernt = alt.delete()[0]
    bekannt = set(Importauftrag.objects.values_list("datei", flat=True))
    grenze = timezone.now().timestamp() - settings.IMPORT_AUFBEWAHRUNG_STUNDEN * 3600
    for datei in import_ordner().iterdir():
        if datei.name.lstrip(".").split(".")[0] not in bekannt and datei.stat().st_mtime < grenze:
            datei.unlink(missing_ok=True)
    return entfernt
