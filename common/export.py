"""Exports for German spreadsheets."""

import csv

from django.http import HttpResponse

_FORMEL_ANFAENGE = ("=", "+", "-", "@", "\t", "\r")


def _zelle(wert):
    """Text that a spreadsheet would run as a formula is kept as text (leading apostrophe)."""
    text = "" if wert is None else str(wert)
    return "'" + text if text.startswith(_FORMEL_ANFAENGE) else text


def csv_response(dateiname: str, kopf: list, zeilen) -> HttpResponse:
    """CSV that German Excel opens correctly and safely: UTF-8 with BOM, semicolons, and no
    cell that starts a formula (titles come from other people)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dateiname}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(kopf)
    writer.writerows([_zelle(wert) for wert in zeile] for zeile in zeilen)
    return response
