"""Uploading spreadsheets as a person does: the request stores the file and queues a job,
the worker (in-process in tests) runs it once the request has committed, and the page the
answer leads to shows the progress or the result. And the files the bounds are made for."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


@pytest.fixture
def importordner(settings, tmp_path):
    """Uploaded files go to a folder of the test's own."""
    settings.DATA_DIR = tmp_path
    return tmp_path / "importe"


def absenden(client, url, daten, callbacks):
    """POSTs ``daten``, lets the queued job run, and returns the page the answer leads to
    (with ``redirect_chain`` as ``follow=True`` has it)."""
    with callbacks(execute=True):
        antwort = client.post(url, daten)
    if antwort.status_code != 302:
        return antwort
    seite = client.get(antwort["Location"], follow=True)
    seite.redirect_chain.insert(0, (antwort["Location"], 302))
    return seite


@pytest.fixture
def liste_hochladen(importordner, django_capture_on_commit_callbacks):
    """Uploads a file on a list's import page; returns the page once the worker is done."""

    def hochladen(client, verteiler, inhalt, name, importieren=False):
        daten = {"datei": SimpleUploadedFile(name, inhalt)}
        daten["importieren" if importieren else "pruefen"] = ""
        url = reverse("netzwerk:import", args=[verteiler.pk])
        return absenden(client, url, daten, django_capture_on_commit_callbacks)

    return hochladen


@pytest.fixture
def unterkuenfte_hochladen(importordner, django_capture_on_commit_callbacks):
    """Uploads a shelter file in the admin; returns the preview once the worker is done."""

    def hochladen(client, inhalt, dateiname="unterkuenfte.csv", format_nummer="0"):
        daten = {
            "resource": "0",
            "format": format_nummer,
            "import_file": SimpleUploadedFile(dateiname, inhalt),
        }
        url = reverse("admin:unterkuenfte_unterkunft_import")
        return absenden(client, url, daten, django_capture_on_commit_callbacks)

    return hochladen


@pytest.fixture
def unterkuenfte_bestaetigen(django_capture_on_commit_callbacks):
    """Confirms a shelter preview in the admin; returns the page the import leads to."""

    def bestaetigen(client, vorschau):
        url = reverse("admin:unterkuenfte_unterkunft_process_import")
        daten = vorschau.context["confirm_form"].initial
        return absenden(client, url, daten, django_capture_on_commit_callbacks)

    return bestaetigen


def gespeicherte_dateien(ordner) -> list[str]:
    return sorted(datei.name for datei in ordner.iterdir()) if ordner.exists() else []


def xlsx(zeilen) -> bytes:
    mappe = openpyxl.Workbook()
    for zeile in zeilen:
        mappe.active.append(zeile)
    puffer = io.BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()


def xlsx_bombe(kopf, megabytes=300) -> bytes:
    """A workbook of under a megabyte whose sheet unpacks to ``megabytes`` MB: the header,
    then the same row over and over (what the outside probe sent: 1 MB unpacking to
    276 MB). A real workbook otherwise, so without bounds openpyxl would read it all."""
    vorlage = zipfile.ZipFile(io.BytesIO(xlsx([kopf])))
    blatt_name = "xl/worksheets/sheet1.xml"
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", zipfile.ZIP_DEFLATED) as archiv:
        for eintrag in vorlage.infolist():
            if eintrag.filename != blatt_name:
                archiv.writestr(eintrag, vorlage.read(eintrag))
        with archiv.open(blatt_name, "w", force_zip64=True) as blatt:
            blatt.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            kopfzeile = "".join(f'<c t="inlineStr"><is><t>{name}</t></is></c>' for name in kopf)
            blatt.write(f"<row>{kopfzeile}</row>".encode())
            zeile = b'<row><c t="inlineStr"><is><t>Verein</t></is></c></row>'
            block = zeile * (2**20 // len(zeile))
            for _ in range(megabytes):
                blatt.write(block)
            blatt.write(b"</sheetData></worksheet>")
    return puffer.getvalue()


def csv_ueber(anzahl_bytes: int, kopf, zeile) -> bytes:
    """A CSV (as German Excel writes it) of the header and the same line again and again,
    just larger than ``anzahl_bytes``."""
    kopfzeile = ("\ufeff" + ";".join(kopf) + "\r\n").encode()
    zeile = (";".join(zeile) + "\r\n").encode()
    return kopfzeile + zeile * ((anzahl_bytes - len(kopfzeile)) // len(zeile) + 1)
