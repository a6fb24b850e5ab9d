"""Background work of the reports: exports with progress, freezing closed periods, and
removing old export files."""

import logging
import os
from datetime import date, timedelta
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .bericht import GESAMT, baum, bericht_erstellen
from .exporte import als_csv, als_pdf, als_xlsx, dateiname, einsaetze_csv
from .kennzahlen import berechnen
from .models import Berichtsstand, Exportauftrag
from .permissions import berichtsregionen, sieht_alles
from .zeitraum import JAHR, QUARTAL, Periode

logger = logging.getLogger(__name__)

#: export files are kept this long, then removed with their job
AUFBEWAHRUNG = timedelta(days=7)


def export_ordner() -> Path:
    ordner = Path(settings.DATA_DIR) / "exporte"
    ordner.mkdir(parents=True, exist_ok=True)
    return ordner


def _stand(auftrag, **felder) -> None:
    Exportauftrag.objects.filter(pk=auftrag.pk).update(**felder)


def _einsatzdaten(auftrag, pfad: Path) -> None:
    regionen = berichtsregionen(auftrag.erstellt_von)
    if auftrag.region_id:
        regionen = regionen.filter(pfad__startswith=auftrag.region.pfad)
    ids = list(regionen.order_by("pfad").values_list("pk", flat=True))

    def fortschritt(fertig, gesamt):
        _stand(auftrag, fortschritt=5 + 90 * fertig // max(gesamt, 1))

    with pfad.open("w", encoding="utf-8", newline="") as datei:
        einsaetze_csv(datei, ids, fortschritt)


def _bericht_datei(auftrag, pfad: Path) -> None:
    bericht = bericht_erstellen(
        auftrag.region, Periode.aus_schluessel(auftrag.periode), auftrag.nebeneinander
    )
    _stand(auftrag, fortschritt=60)
    schreiben = {
        Exportauftrag.Format.CSV: als_csv,
        Exportauftrag.Format.XLSX: als_xlsx,
        Exportauftrag.Format.PDF: als_pdf,
    }[auftrag.format]
    pfad.write_bytes(schreiben(bericht))


def _darf(auftrag) -> bool:
    """The report is still the person's to read (a grant may have ended since)."""
    person = auftrag.erstellt_von
    if auftrag.region_id is None:
        return sieht_alles(person)
    return berichtsregionen(person).filter(pk=auftrag.region_id).exists()


def export_dateiname(auftrag) -> str:
    endung = {"xlsx": "xlsx", "pdf": "pdf"}.get(auftrag.format, "csv")
    if auftrag.format == Exportauftrag.Format.EINSAETZE:
        teil = auftrag.region.slug if auftrag.region_id else "alle-regionen"
        return f"einsaetze-{teil}.csv"
    periode = Periode.aus_schluessel(auftrag.periode)
    return dateiname(auftrag.region, auftrag.nebeneinander, periode, endung)


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3, ignore_result=True
)
def export_erstellen(self, auftrag_id: int, sprache: str = "de") -> None:
    """Builds one export file; running it again for a finished job does nothing."""
    auftrag = Exportauftrag.objects.select_related("region", "erstellt_von").get(pk=auftrag_id)
    if auftrag.status == Exportauftrag.Status.FERTIG:
        return
    if not _darf(auftrag):
        _stand(auftrag, status=Exportauftrag.Status.FEHLER, fehler=_("Kein Zugriff mehr."))
        return
    _stand(auftrag, status=Exportauftrag.Status.LAEUFT, fortschritt=5)
    name = f"{auftrag.pk}-{export_dateiname(auftrag)}"
    zwischen = export_ordner() / f".{name}.teil"
    try:
        with translation.override(sprache):
            if auftrag.format == Exportauftrag.Format.EINSAETZE:
                _einsatzdaten(auftrag, zwischen)
            else:
                _bericht_datei(auftrag, zwischen)
        os.replace(zwischen, export_ordner() / name)  # a half-written file is never offered
    except Exception:
        logger.exception("export %s failed", auftrag_id)
        zwischen.unlink(missing_ok=True)
        _stand(
            auftrag,
            status=Exportauftrag.Status.FEHLER,
            fehler=_("Der Export ist fehlgeschlagen. Bitte versuchen Sie es erneut."),
        )
        return
    _stand(
        auftrag,
        status=Exportauftrag.Status.FERTIG,
        fortschritt=100,
        datei=name,
        fertig_am=timezone.now(),
    )


@shared_task(ignore_result=True)
def exporte_aufraeumen() -> int:
    alt = Exportauftrag.objects.filter(created_at__lt=timezone.now() - AUFBEWAHRUNG)
    for name in alt.exclude(datei="").values_list("datei", flat=True):
        (export_ordner() / name).unlink(missing_ok=True)
    return alt.delete()[0]


# --- frozen periods -------------------------------------------------------------------------


def abgeschlossene_perioden(heute) -> list[Periode]:
    """The last closed month, quarter and year."""
    monat = Periode.monat_von(heute).vorige()
    quartal = Periode(heute.year, QUARTAL, (heute.month + 2) // 3).vorige()
    return [monat, quartal, Periode(heute.year - 1, JAHR)]


def offene_perioden(heute) -> list[Periode]:
    """The month, quarter and year still running."""
    return [
        Periode.monat_von(heute),
        Periode(heute.year, QUARTAL, (heute.month + 2) // 3),
        Periode(heute.year, JAHR),
    ]


def einfrieren(periode: Periode, vorlaeufig: bool = False) -> int:
    """Stores the figures of every region (and of the whole platform) for ``periode``.

    For good (``vorlaeufig=False``): what is frozen already stays as it is, provisional
    figures are replaced. Provisionally: the period's provisional figures are replaced by
    fresh ones. Returns how many were stored."""
    tree = baum(None)
    staende = Berichtsstand.objects.filter(periode=periode.schluessel)
    endgueltig = set(staende.filter(vorlaeufig=False).values_list("region_id", flat=True))
    fehlend = {
        key: ids
        for key, ids in tree.bereiche.items()
        if (None if key == GESAMT else key) not in endgueltig
    }
    if not fehlend:
        return 0
    werte = berechnen(fehlend, periode)
    jetzt = timezone.now()
    with transaction.atomic():
        staende.filter(vorlaeufig=True).delete()
        neu = Berichtsstand.objects.bulk_create(
            [
                Berichtsstand(
                    region_id=None if key == GESAMT else key,
                    periode=periode.schluessel,
                    zahlen=zahlen,
                    eingefroren_am=jetzt,
                    vorlaeufig=vorlaeufig,
                )
                for key, zahlen in werte.items()
            ],
            ignore_conflicts=True,
        )
    return len(neu)


@shared_task(ignore_result=True)
def berichte_einfrieren(heute_iso: str | None = None) -> dict:
    """Monthly: freezes the last closed month, quarter and year where not done yet."""
    heute = date.fromisoformat(heute_iso) if heute_iso else timezone.localdate()
    return {p.schluessel: einfrieren(p) for p in abgeschlossene_perioden(heute)}


@shared_task(ignore_result=True)
def zwischenstaende_berechnen(heute_iso: str | None = None) -> dict:
    """Hourly: the running month's, quarter's and year's figures, stored provisionally."""
    heute = date.fromisoformat(heute_iso) if heute_iso else timezone.localdate()
    return {p.schluessel: einfrieren(p, vorlaeufig=True) for p in offene_perioden(heute)}
