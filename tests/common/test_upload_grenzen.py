"""Uploads are bounded before they are parsed: a file larger than ``UPLOAD_MAX_BYTES``, an
XLSX that would unpack beyond ``IMPORT_MAX_ENTPACKT_BYTES`` (a compression bomb) and a
file of more than ``IMPORT_MAX_ZEILEN`` lines are refused with a sentence naming the
bound, on a network's list import and in the admin's shelter import, and nothing is
written: no organisation, member or shelter, no job, no stored file."""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl.styles import Font

from common.models import Importauftrag
from common.tabellen import datensatz_lesen
from common.uploads import DateiAbgelehnt
from netzwerk.importe import VERTEILER_SPALTEN
from netzwerk.models import Mitgliedschaft, Organisation
from tests.factories import VerteilerFactory
from tests.importe import csv_ueber, gespeicherte_dateien, xlsx_bombe
from unterkuenfte.models import Unterkunft

pytestmark = [pytest.mark.django_db, pytest.mark.zeitlos]

KOPF = list(VERTEILER_SPALTEN)
ZEILE = ["Kulturverein", "mso", "Rami Nasser", "rami@kulturverein.invalid", "", "", ""]


@pytest.fixture(scope="module")
def bombe():
    """Under a megabyte, unpacking to 300 MB."""
    return xlsx_bombe(KOPF)


@pytest.fixture
def liste(welt):
    return VerteilerFactory(name="Netzwerk Nord", region=welt.nord)


def _zustand():
    return (
        Organisation.objects.count(),
        Mitgliedschaft.objects.count(),
        Unterkunft.objects.count(),
        Importauftrag.objects.count(),
    )


def _zu_gross() -> bytes:
    return csv_ueber(5 * 1024 * 1024, KOPF, ZEILE)


# --- the list import -------------------------------------------------------------------------


def test_a_compression_bomb_is_refused_on_the_list_import_before_it_is_unpacked(
    welt, liste, client_als, liste_hochladen, bombe, importordner
):
    vorher = _zustand()

    antwort = liste_hochladen(client_als(welt.rk_nord), liste, bombe, "verteiler.xlsx", True)

    assert antwort.status_code == 200
    assert "Die Tabelle entpackt sich auf mehr als 50 MB und wird nicht gelesen." in (
        antwort.content.decode()
    )
    assert _zustand() == vorher
    assert gespeicherte_dateien(importordner) == []


def test_a_csv_larger_than_the_limit_is_refused_on_the_list_import(
    welt, liste, client_als, liste_hochladen, importordner
):
    vorher = _zustand()

    antwort = liste_hochladen(client_als(welt.rk_nord), liste, _zu_gross(), "verteiler.csv", True)

    assert "Die Datei ist größer als 5 MB." in antwort.content.decode()
    assert _zustand() == vorher
    assert gespeicherte_dateien(importordner) == []


def test_a_file_of_more_lines_than_the_limit_is_refused_and_nothing_is_written(
    welt, liste, client_als, liste_hochladen, importordner
):
    vorher = _zustand()
    zeilen = "\r\n".join(";".join(zeile) for zeile in [KOPF] + [ZEILE] * 5001)

    antwort = liste_hochladen(
        client_als(welt.rk_nord), liste, zeilen.encode(), "verteiler.csv", importieren=True
    )

    text = antwort.content.decode()
    assert "Nichts wurde übernommen:" in text
    assert "Mehr als 5.000 Zeilen unter der Kopfzeile; bitte teilen Sie die Datei auf." in text
    assert _zustand()[:3] == vorher[:3]
    assert gespeicherte_dateien(importordner) == []


# --- the admin's shelter import ----------------------------------------------------------------


def _admin_hochladen(client, inhalt, name):
    return client.post(
        reverse("admin:unterkuenfte_unterkunft_import"),
        {"resource": "0", "format": "1", "import_file": SimpleUploadedFile(name, inhalt)},
    )


def test_a_compression_bomb_is_refused_in_the_admins_shelter_import(
    welt, client_als, bombe, importordner
):
    vorher = _zustand()

    antwort = _admin_hochladen(client_als(welt.admin), bombe, "unterkuenfte.xlsx")

    assert antwort.status_code == 200
    assert antwort.context["form"].errors["import_file"] == [
        "Die Tabelle entpackt sich auf mehr als 50 MB und wird nicht gelesen."
    ]
    assert _zustand() == vorher
    assert gespeicherte_dateien(importordner) == []


def test_a_csv_larger_than_the_limit_is_refused_in_the_admins_shelter_import(
    welt, client_als, importordner
):
    vorher = _zustand()

    antwort = _admin_hochladen(client_als(welt.admin), _zu_gross(), "unterkuenfte.csv")

    assert antwort.context["form"].errors["import_file"] == ["Die Datei ist größer als 5 MB."]
    assert "Die Datei ist größer als 5 MB." in antwort.content.decode()
    assert _zustand() == vorher
    assert gespeicherte_dateien(importordner) == []


# --- the bounds themselves ----------------------------------------------------------------------


def test_a_request_keeps_no_more_of_a_file_than_the_limit(welt, client_als, liste, settings):
    settings.UPLOAD_MAX_BYTES = 1000

    antwort = client_als(welt.rk_nord).post(
        reverse("netzwerk:import", args=[liste.pk]),
        {"datei": SimpleUploadedFile("verteiler.csv", b"x" * 5000), "pruefen": ""},
    )

    datei = antwort.context["form"].files["datei"]
    assert datei.size == 5000
    with pytest.raises(RequestDataTooBig):
        datei.read()
    assert antwort.context["form"].errors["datei"]


def test_a_member_packed_more_tightly_than_the_ratio_allows_is_refused_unread(settings):
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", zipfile.ZIP_DEFLATED) as archiv:
        archiv.writestr("xl/worksheets/sheet1.xml", b" " * (20 * 1024 * 1024))

    with pytest.raises(DateiAbgelehnt, match="ungewöhnlich dicht gepackt \\(mehr als 100 zu 1\\)"):
        datensatz_lesen(puffer.getvalue(), "xlsx")


def test_the_line_limit_counts_lines_with_content_not_the_blank_rows_a_sheet_ends_with(
    settings,
):
    settings.IMPORT_MAX_ZEILEN = 3
    mappe = openpyxl.Workbook()
    for zeile in [KOPF, ZEILE, [None], ZEILE]:
        mappe.active.append(zeile)
    for nummer in range(5, 100):  # formatted, but empty
        mappe.active.cell(row=nummer, column=1).font = Font(bold=True)
    puffer = io.BytesIO()
    mappe.save(puffer)

    datensatz = datensatz_lesen(puffer.getvalue(), "xlsx")
    assert len(datensatz) == 3  # the blank line between keeps the line numbers right
    mappe.active.cell(row=99, column=1).value = "Noch ein Verein"
    puffer = io.BytesIO()
    mappe.save(puffer)
    with pytest.raises(DateiAbgelehnt, match="Mehr als 3 Zeilen unter der Kopfzeile"):
        datensatz_lesen(puffer.getvalue(), "xlsx")
