"""Bounds for uploaded files, checked before anything is parsed.

An upload is refused with a sentence naming the bound when

* it is larger than ``UPLOAD_MAX_BYTES``: :class:`BegrenzterUpload` keeps no byte beyond
  the limit while the request is read, and :func:`upload_pruefen` (the forms' validator)
  refuses the file by its size;
* it is a zip file (XLSX) whose members would unpack to more than
  ``IMPORT_MAX_ENTPACKT_BYTES``, or one of whose members is packed more tightly than
  ``IMPORT_MAX_KOMPRESSION`` to 1: read from the archive's central directory, so a
  compression bomb (a few kilobytes unpacking to gigabytes) is refused before a single
  byte is unpacked (:func:`xlsx_pruefen`);
* it has more than ``IMPORT_MAX_ZEILEN`` lines below its header: counted while the lines
  are read, reading stops at the first line too many (:func:`zeilen_begrenzen`).

The spreadsheet readers in common/tabellen.py apply all of them again, so a file that
reaches the worker by another way is held to the same bounds.
"""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.formats import number_format
from django.utils.translation import gettext as _

#: members smaller than this may be packed as tightly as they like: unpacked, they are harmless
KLEINER_EINTRAG = 1024 * 1024
#: Excel's last line; no file may claim lines beyond it, blank or not
EXCEL_ZEILEN = 1_048_576


class DateiAbgelehnt(ValueError):
    """A file beyond one of the bounds; the message names the bound."""


def mb(anzahl_bytes: int) -> str:
    """``5`` for 5 MiB, ``2,5`` for 2.5 MiB, in the reader's language."""
    wert = round(anzahl_bytes / 2**20, 1)
    return number_format(wert, decimal_pos=0 if wert.is_integer() else 1)


def zelle_leer(wert) -> bool:
    """An empty cell: None in XLSX, "" (or blanks) in CSV."""
    return wert is None or (isinstance(wert, str) and not wert.strip())


def grenzen_text() -> str:
    """The bounds in one sentence, for the help text of upload fields."""
    return _("Höchstens %(mb)s MB und %(zeilen)s Zeilen.") % {
        "mb": mb(settings.UPLOAD_MAX_BYTES),
        "zeilen": number_format(settings.IMPORT_MAX_ZEILEN, force_grouping=True),
    }


# --- size ---------------------------------------------------------------------------------


def groesse_pruefen(anzahl_bytes: int) -> None:
    if anzahl_bytes > settings.UPLOAD_MAX_BYTES:
        raise DateiAbgelehnt(
            _("Die Datei ist größer als %(mb)s MB.") % {"mb": mb(settings.UPLOAD_MAX_BYTES)}
        )


class AbgeschnitteneDatei(UploadedFile):
    """Stands in for an uploaded file beyond the limit: it knows its size, its bytes were
    not kept. Reading it fails (400), so a form that forgot the size check cannot store an
    empty file instead."""

    def __init__(self, name, size, content_type, charset):
        super().__init__(io.BytesIO(), name, content_type, size, charset)

    def read(self, *args, **kwargs):
        raise RequestDataTooBig(f"upload larger than {settings.UPLOAD_MAX_BYTES} bytes")

    def chunks(self, chunk_size=None):
        return self.read()


class BegrenzterUpload(FileUploadHandler):
    """First of the upload handlers: hands each file's bytes on to Django's own handlers
    up to ``UPLOAD_MAX_BYTES`` and swallows the rest, so no request keeps more of a file,
    in memory or on disk. A file cut off this way arrives as :class:`AbgeschnitteneDatei`.

    The rest of the request is still read (and thrown away): a reverse proxy in front
    should refuse such bodies before they reach the site (README, "Uploads").
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.abgeschnitten = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.UPLOAD_MAX_BYTES:
            self.abgeschnitten = True
            return None  # the handlers after this one get nothing more
        return raw_data

    def file_complete(self, file_size):
        if self.abgeschnitten:
            return AbgeschnitteneDatei(self.file_name, file_size, self.content_type, self.charset)
        return None  # Django's handlers deliver the file


# --- unpacked size (XLSX is a zip archive) ----------------------------------------------------


def xlsx_pruefen(datei) -> None:
    """Refuses a zip archive that would unpack beyond the bounds, from its central
    directory alone (``file_size`` and ``compress_size`` of each member).

    The declared sizes are what Python's zipfile holds a member to when unpacking it (it
    stops there and fails on the checksum), so a directory that lies cannot unpack more.
    A file that is no zip archive raises ``zipfile.BadZipFile`` and is left to the reader.
    """
    with zipfile.ZipFile(datei) as archiv:
        eintraege = archiv.infolist()
    datei.seek(0)
    entpackt = sum(eintrag.file_size for eintrag in eintraege)
    if entpackt > settings.IMPORT_MAX_ENTPACKT_BYTES:
        raise DateiAbgelehnt(
            _("Die Tabelle entpackt sich auf mehr als %(mb)s MB und wird nicht gelesen.")
            % {"mb": mb(settings.IMPORT_MAX_ENTPACKT_BYTES)}
        )
    faktor = settings.IMPORT_MAX_KOMPRESSION
    if any(
        eintrag.file_size > KLEINER_EINTRAG
        and eintrag.file_size > faktor * max(eintrag.compress_size, 1)
        for eintrag in eintraege
    ):
        raise DateiAbgelehnt(
            _(
                "Die Tabelle ist ungewöhnlich dicht gepackt (mehr als %(faktor)s zu 1) "
                "und wird nicht entpackt."
            )
            % {"faktor": number_format(faktor, force_grouping=True)}
        )


def upload_pruefen(datei) -> None:
    """Validator of upload form fields: the size, and for a zip archive its unpacked size.

    Both come from the file's length and its central directory; nothing is parsed.
    """
    try:
        groesse_pruefen(datei.size)
        if zipfile.is_zipfile(datei):
            xlsx_pruefen(datei)
    except DateiAbgelehnt as abgelehnt:
        raise ValidationError(str(abgelehnt), code="upload") from None
    except zipfile.BadZipFile:
        pass  # a broken archive: the reader says it cannot read the file
    finally:
        datei.seek(0)


# --- lines -----------------------------------------------------------------------------------


def zu_viele_zeilen() -> DateiAbgelehnt:
    return DateiAbgelehnt(
        _("Mehr als %(anzahl)s Zeilen unter der Kopfzeile; bitte teilen Sie die Datei auf.")
        % {"anzahl": number_format(settings.IMPORT_MAX_ZEILEN, force_grouping=True)}
    )


def zeilen_begrenzen(zeilen):
    """The lines below the header, refused beyond ``IMPORT_MAX_ZEILEN``.

    Reading stops at the first line too many, so a file of a million lines costs no more
    than one at the limit. Blank lines keep their place between lines with content (line
    numbers in messages stay right); blank lines at the end are dropped uncounted, as
    spreadsheet programs leave formatted empty rows behind, yet no file may claim more
    lines than Excel has.
    """
    hoechstens = settings.IMPORT_MAX_ZEILEN
    leer = 0
    for nummer, zeile in enumerate(zeilen, start=1):
        if nummer >= EXCEL_ZEILEN:
            raise zu_viele_zeilen()
        if all(zelle_leer(wert) for wert in zeile):
            leer += 1
            continue
        if nummer > hoechstens:
            raise zu_viele_zeilen()
        yield from [()] * leer
        leer = 0
        yield zeile
