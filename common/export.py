"""Exports for German spreadsheets."""

import csv

from django.http import HttpResponse


def csv_response(dateiname: str, kopf: list, zeilen) -> HttpResponse:
    """CSV that German Excel opens correctly: UTF-8 with BOM, semicolons."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dateiname}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(kopf)
    writer.writerows(zeilen)
    return response
