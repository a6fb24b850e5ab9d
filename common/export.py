"""Exports for German spreadsheets."""

import csv

from django.http import HttpResponse

_FORMEL_ANFAENGE = ("=", "+", "-", "@", "\t", "\r")


def _zelle(wert):
    """Text that a spreadsheet would run as a formula is kept as text (leading apostrophe)."""
    text = "" if wert is None else str(wert)
    return "'" + text if text.startswith(_FORMEL_ANFAENGE) else text


def csv_schreiben(ziel, kopf: list, zeilen) -> None:
    """CSV that German Excel opens correctly and safely into ``ziel`` (a text file or a
    response): UTF-8 with BOM, semicolons, and no cell that starts a formula (titles come
    from other people). ``zeilen`` may be a generator: rows are written as they come."""
    ziel.write("\ufeff")
    writer = csv.writer(ziel, delimiter=";")
    writer.writerow(kopf)
    for zeile in zeilen:
        writer.writerow([_zelle(wert) for wert in zeile])


def csv_response(dateiname: str, kopf: list, zeilen) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dateiname}"'
    csv_schreiben(response, kopf, zeilen)
    return response
