"""Report exports: CSV for German Excel, XLSX with native charts, PDF with SVG charts, and
the assignment figures per region, month and field as a CSV written row by row.

Every export shows exactly what the page shows: hidden cells stay hidden ("< 5").
"""

import io

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from common.export import csv_schreiben
from common.pdf import pdf_bytes
from freiwillige.models import Einsatz

from .diagramme import diagramme, svg_balken
from .schutz import WENIGER, zu_klein

#: rows read from the database at a time while the assignment figures are written
STAPEL = 2000


def _kopf(bericht) -> list:
    if bericht.nebeneinander:
        return [_("Bereich"), _("Kennzahl"), *(s.titel for s in bericht.spalten)]
    return [_("Bereich"), _("Kennzahl"), bericht.periode.label, bericht.vorige.label]


def _zeilen(bericht, wert):
    """Rows of the report, with ``wert(zelle)`` for each cell."""
    gruppe = ""
    for zeile in bericht.zeilen:
        gruppe = str(zeile.gruppe or gruppe)
        if bericht.nebeneinander:
            zellen = [s.zellen[zeile.key] for s in bericht.spalten]
        else:
            spalte = bericht.spalten[0]
            zellen = [spalte.zellen[zeile.key], spalte.vorher[zeile.key]]
        yield [gruppe, str(zeile.label), *(wert(z) for z in zellen)]


def _felder(bericht, wert):
    """Rows of assignments per field of activity, one column per report column."""
    je_spalte = [dict(s.je_feld) for s in bericht.spalten]
    for name in bericht.felder:
        zellen = [felder.get(name) for felder in je_spalte]
        yield [_("Einsätze je Tätigkeitsfeld"), name, *(wert(z) if z else "0" for z in zellen)]


def _text(zelle):
    return zelle.text


def titel(bericht) -> str:
    wo = bericht.region.name if bericht.region else _("alle Regionen")
    if bericht.nebeneinander:
        wo = _("%(region)s im Vergleich") % {"region": wo}
    return _("Regionsbericht %(wo)s, %(zeitraum)s") % {"wo": wo, "zeitraum": bericht.periode.label}


def dateiname(region, nebeneinander: bool, periode, endung: str) -> str:
    teil = region.slug if region else "alle-regionen"
    art = "vergleich" if nebeneinander else "bericht"
    return f"{art}-{teil}-{periode.schluessel}.{endung}"


def als_csv(bericht) -> bytes:
    ziel = io.StringIO()
    zeilen = [*_zeilen(bericht, _text), *_felder(bericht, _text)]
    csv_schreiben(ziel, _kopf(bericht), zeilen)
    return ziel.getvalue().encode("utf-8")


def _zahl_oder_text(zelle):
    """A number where one is shown, the shown text ("< 5") otherwise."""
    if zelle.wert is None:
        return zelle.text
    return zelle.wert


def als_xlsx(bericht) -> bytes:
    mappe = Workbook()
    blatt = mappe.active
    blatt.title = _("Bericht")[:31]
    blatt.append([titel(bericht)])
    blatt["A1"].font = Font(bold=True, size=13)
    if bericht.eingefroren_am:
        stand = date_format(bericht.eingefroren_am, "SHORT_DATETIME_FORMAT")
        text = (
            _("Vorläufiger Stand vom %(datum)s")
            if bericht.vorlaeufig
            else _("Eingefroren am %(datum)s")
        )
        blatt.append([text % {"datum": stand}])
    blatt.append([])
    kopfzeile = blatt.max_row + 1
    blatt.append(_kopf(bericht))
    for zelle in blatt[kopfzeile]:
        zelle.font = Font(bold=True)
    erste = blatt.max_row + 1
    zeilen_nr = {}
    for nummer, zeile in enumerate(_zeilen(bericht, _zahl_oder_text)):
        blatt.append(zeile)
        zeilen_nr[bericht.zeilen[nummer].key] = erste + nummer
    blatt.column_dimensions["A"].width = 16
    blatt.column_dimensions["B"].width = 36

    felder = mappe.create_sheet(_("Tätigkeitsfelder")[:31])
    felder.append(_kopf(bericht))
    for zeile in _felder(bericht, _zahl_oder_text):
        felder.append(zeile)
    felder.column_dimensions["B"].width = 30

    _diagramme_einfuegen(bericht, blatt, felder, kopfzeile, zeilen_nr)
    ausgabe = io.BytesIO()
    mappe.save(ausgabe)
    return ausgabe.getvalue()


def _balken(titel_, y_titel: str) -> BarChart:
    diagramm = BarChart()
    diagramm.type = "bar"
    diagramm.title = titel_
    diagramm.y_axis.title = y_titel
    diagramm.height, diagramm.width = 8, 16
    return diagramm


def _diagramme_einfuegen(bericht, blatt, felder, kopfzeile, zeilen_nr) -> None:
    """Native Excel bar charts over the sheet's own cells: they stay live in Excel."""
    spalten = len(bericht.spalten) if bericht.nebeneinander else 2
    for nummer, key in enumerate(("freiwillige_aktiv", "einsaetze")):
        zeile = zeilen_nr[key]
        beschriftung = next(z.label for z in bericht.zeilen if z.key == key)
        diagramm = _balken(str(beschriftung), "")
        letzte = 2 + spalten - (1 if bericht.nebeneinander else 0)  # without the total
        werte = Reference(blatt, min_col=3, max_col=letzte, min_row=zeile, max_row=zeile)
        namen = Reference(blatt, min_col=3, max_col=letzte, min_row=kopfzeile, max_row=kopfzeile)
        diagramm.add_data(werte, from_rows=True, titles_from_data=False)
        diagramm.set_categories(namen)
        diagramm.legend = None
        blatt.add_chart(diagramm, f"{chr(ord('C') + spalten + 1)}{kopfzeile + nummer * 17}")
    if felder.max_row > 1:
        diagramm = _balken(_("Einsätze je Tätigkeitsfeld"), "")
        werte = Reference(felder, min_col=3, max_col=3, min_row=1, max_row=felder.max_row)
        diagramm.add_data(werte, titles_from_data=True)
        diagramm.set_categories(Reference(felder, min_col=2, min_row=2, max_row=felder.max_row))
        felder.add_chart(diagramm, f"{chr(ord('C') + spalten + 1)}2")


def als_pdf(bericht) -> bytes:
    return pdf_bytes(
        "berichte/pdf/bericht.html",
        {
            "bericht": bericht,
            "titel": titel(bericht),
            "diagramme": [svg_balken(d) for d in diagramme(bericht) if d.beschriftungen],
        },
    )


# --- assignment figures per region, month and field -------------------------------------


def einsatz_zeilen(region_ids, fortschritt=None):
    """Assignments begun per region, month and field of activity, with the number of
    people; read from a server-side cursor in batches, so memory stays flat however many
    rows there are. ``fortschritt(done, total)`` is told as regions are done."""
    regionen = list(region_ids)
    for nummer, region_id in enumerate(regionen):
        zeilen = (
            Einsatz.objects.filter(bedarf__region_id=region_id)
            .annotate(monat=TruncMonth("beginn"))
            .values("bedarf__region__name", "monat", "bedarf__taetigkeitsfeld__name")
            .annotate(einsaetze=Count("pk"), personen=Count("person", distinct=True))
            .order_by("monat", "bedarf__taetigkeitsfeld__name")
        )
        for zeile in zeilen.iterator(chunk_size=STAPEL):
            personen = zeile["personen"]
            yield [
                zeile["bedarf__region__name"],
                zeile["monat"].strftime("%Y-%m"),
                zeile["bedarf__taetigkeitsfeld__name"],
                WENIGER if zu_klein(personen) else zeile["einsaetze"],
                WENIGER if zu_klein(personen) else personen,
            ]
        if fortschritt:
            fortschritt(nummer + 1, len(regionen))


def einsaetze_csv(ziel, region_ids, fortschritt=None) -> None:
    kopf = [_("Region"), _("Monat"), _("Tätigkeitsfeld"), _("Einsätze begonnen"), _("Personen")]
    csv_schreiben(ziel, kopf, einsatz_zeilen(region_ids, fortschritt))
