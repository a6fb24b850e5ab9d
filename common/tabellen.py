"""Spreadsheet import machinery shared by the apps (CSV as German Excel writes it, XLSX).

Everything here rests on django-import-export; the only additions are what German
spreadsheets and an all-or-nothing import need:

* ``DeutschesCSV`` reads CSV as German Excel writes it: UTF-8 with or without BOM (or the
  older Windows-1252 export) and ``;`` or ``,`` as delimiter, detected from the header line.
* Every row goes through the model's ``full_clean`` (``clean_model_instances``); an unknown
  reference becomes a row error that names the value instead of a crash.
* The import is all-or-nothing: one faulty row and nothing is written, not even the valid
  rows (``TabellenResource.import_data``).
* Row numbers in results are spreadsheet lines: the header is line 1, the first data row
  line 2 (``Tabellenergebnis``). The admin preview shows the same numbers.
* Files are read within the bounds of common/uploads.py (size, unpacked size, lines), XLSX
  in openpyxl's read-only (streaming) mode, so no file costs more than the bounds allow.
"""

import csv
import io
import re
from contextlib import contextmanager
from datetime import date, datetime
from functools import cached_property

import openpyxl
import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.formats import base_formats
from import_export.results import Error, ErrorRow, InvalidRow, Result, RowResult

from .uploads import DateiAbgelehnt, groesse_pruefen, xlsx_pruefen, zeilen_begrenzen, zelle_leer
from .zeichen import einzeilig, mehrzeilig

# --- Formats ------------------------------------------------------------------------------

#: delimiters German and international spreadsheet programs write, most likely first
TRENNZEICHEN = (";", ",", "\t")


def text_dekodieren(inhalt: bytes) -> str:
    """UTF-8 (a BOM is dropped); files that are not UTF-8 are Excel's Windows-1252 export."""
    try:
        return inhalt.decode("utf-8-sig")
    except UnicodeDecodeError:
        return inhalt.decode("cp1252")


def trennzeichen_erkennen(text: str) -> str:
    """The delimiter of a CSV text, read from its header line.

    Column names contain none of the candidates, so the most frequent one in the first
    line is the delimiter. Data lines are not looked at: a cell like ``ar,fa,uk`` in a
    ``;``-separated file would mislead a sniffer.
    """
    kopfzeile = text.lstrip("\ufeff").split("\n", 1)[0]
    anzahl = {zeichen: kopfzeile.count(zeichen) for zeichen in TRENNZEICHEN}
    bestes = max(TRENNZEICHEN, key=lambda zeichen: anzahl[zeichen])
    return bestes if anzahl[bestes] else ","


class DeutschesCSV(base_formats.CSV):
    """CSV as German Excel writes it, read within the bounds (:func:`datensatz_lesen`).

    Declared binary so the admin hands over the raw bytes and the encoding is decided here
    (UTF-8 with or without BOM, else Windows-1252) instead of failing on a non-UTF-8 file.
    Exports use ``;`` and a BOM, which Excel opens correctly by double-click.
    """

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs):
        return datensatz_lesen(in_stream, "csv")

    def export_data(self, dataset, **kwargs):
        kwargs.setdefault("delimiter", ";")
        return ("\ufeff" + super().export_data(dataset, **kwargs)).encode("utf-8")


class BegrenztesXLSX(base_formats.XLSX):
    """XLSX, read within the bounds (:func:`datensatz_lesen`)."""

    def create_dataset(self, in_stream):
        return datensatz_lesen(in_stream, "xlsx")


FORMATE = {"csv": DeutschesCSV, "xlsx": BegrenztesXLSX}


def _csv_zeilen(datei):
    inhalt = datei.read(settings.UPLOAD_MAX_BYTES + 1)  # one byte more tells a file too large
    groesse_pruefen(len(inhalt))
    text = text_dekodieren(inhalt).lstrip("\ufeff")
    return csv.reader(io.StringIO(text), delimiter=trennzeichen_erkennen(text))


@contextmanager
def _xlsx_zeilen(datei):
    groesse_pruefen(datei.seek(0, io.SEEK_END))
    datei.seek(0)
    xlsx_pruefen(datei)
    mappe = openpyxl.load_workbook(datei, read_only=True, data_only=True)
    try:
        blatt = mappe.active
        # Rows as the file has them: a declared size of A1:XFD1048576 would otherwise pad
        # every row to 16,384 cells and add empty rows up to line 1,048,576.
        blatt.reset_dimensions()
        yield blatt.iter_rows(values_only=True)
    finally:
        mappe.close()


def _datensatz(zeilen, fueller, breiter_kopf: bool) -> tablib.Dataset:
    """Header and at most ``IMPORT_MAX_ZEILEN`` lines as a Dataset.

    Short lines are filled up with ``fueller``. With ``breiter_kopf`` (XLSX) the header
    is widened to the longest line, as openpyxl reports a sheet, and cells beyond the
    named columns are ignored later; without it (CSV) a line longer than the header is
    an error, as tablib has it.
    """
    kopf = list(next(zeilen, None) or [])
    daten = [list(zeile) for zeile in zeilen_begrenzen(zeilen)]
    breite = max([len(kopf), *map(len, daten)]) if breiter_kopf else len(kopf)
    datensatz = tablib.Dataset(headers=kopf + [fueller] * (breite - len(kopf)))
    for zeile in daten:
        datensatz.append(zeile + [fueller] * (breite - len(zeile)))
    return datensatz


def datensatz_lesen(datei, format: str) -> tablib.Dataset:
    """A ``tablib.Dataset`` from a CSV or XLSX file: its bytes or the open (binary) file.

    A file beyond the bounds of common/uploads.py raises ``DateiAbgelehnt`` naming the
    bound; :func:`lesefehler` turns any failure into the sentence the person reads.
    """
    format = format.lower().lstrip(".")
    if format not in FORMATE:
        raise ValueError(
            _("Unbekanntes Dateiformat „%(format)s“; möglich sind CSV und XLSX.")
            % {"format": format}
        )
    if isinstance(datei, bytes):
        datei = io.BytesIO(datei)
    if format == "csv":
        return _datensatz(iter(_csv_zeilen(datei)), fueller="", breiter_kopf=False)
    with _xlsx_zeilen(datei) as zeilen:
        return _datensatz(zeilen, fueller=None, breiter_kopf=True)


def lesefehler(fehler: Exception, format: str) -> str:
    """What a person reads when a file could not be read: the bound it broke, or that it
    is no readable file of its format."""
    if isinstance(fehler, DateiAbgelehnt):
        return str(fehler)
    return _("Die Datei lässt sich nicht als %(format)s lesen (%(fehler)s).") % {
        "format": format.upper(),
        "fehler": type(fehler).__name__,
    }


# --- Widgets: cell value ⇄ Python value, with German messages naming the value -------------


class VerweisWidget(widgets.ForeignKeyWidget):
    """A foreign key by a readable key (slug, name); an unknown key is a row error."""

    def __init__(self, model, field, meldung, kleinschreibung=False):
        super().__init__(model, field)
        self.meldung = meldung
        self.kleinschreibung = kleinschreibung

    def get_queryset(self, value, row, *args, **kwargs):
        return self.model._default_manager.all()

    def clean(self, value, row=None, **kwargs):
        if zelle_leer(value):
            return None
        wert = str(value).strip()
        if self.kleinschreibung:
            wert = wert.lower()
        try:
            return super().clean(wert, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(str(self.meldung) % {"wert": wert}) from None


class KatalogListeWidget(widgets.ManyToManyWidget):
    """Comma-separated codes or slugs (``ar,fa,uk``), any case; unknown ones are a row error."""

    def __init__(self, model, field, meldung):
        super().__init__(model, separator=",", field=field)
        self.meldung = meldung

    def clean(self, value, row=None, **kwargs):
        if zelle_leer(value):
            return self.model._default_manager.none()
        werte = list(dict.fromkeys(teil for teil in re.split(r"[,\s]+", str(value)) if teil))
        # catalogues are short (a few dozen rows): compare without case in Python
        katalog = {
            str(schluessel).lower(): pk
            for pk, schluessel in self.model._default_manager.values_list("pk", self.field)
        }
        unbekannt = [wert for wert in werte if wert.lower() not in katalog]
        if unbekannt:
            raise ValueError(
                str(self.meldung) % {"werte": ", ".join(f"„{wert}“" for wert in unbekannt)}
            )
        return self.model._default_manager.filter(pk__in=[katalog[wert.lower()] for wert in werte])


class GanzzahlWidget(widgets.IntegerWidget):
    """Whole numbers; ``12,5`` or ``viele`` is a row error, not a crash or a silent 12."""

    def clean(self, value, row=None, **kwargs):
        if zelle_leer(value):
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            raise ValueError(
                _("„%(wert)s“ ist keine ganze Zahl.") % {"wert": str(value).strip()}
            ) from None


class DatumWidget(widgets.DateWidget):
    """Dates as German spreadsheets write them (``31.12.2025``) or ISO (``2025-12-31``)."""

    FORMATE = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")

    def __init__(self):
        super().__init__()
        self.formats = self.FORMATE

    def clean(self, value, row=None, **kwargs):
        if zelle_leer(value):
            return None
        if isinstance(value, datetime):  # XLSX cells are datetimes
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return super().clean(str(value).strip(), row, **kwargs)
        except ValueError:
            raise ValueError(
                _("„%(wert)s“ ist kein Datum; erwartet wird TT.MM.JJJJ.")
                % {"wert": str(value).strip()}
            ) from None


class PostleitzahlWidget(widgets.CharWidget):
    """A PLZ typed as number loses its leading zero in Excel (1067 for 01067): restore it."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int):
            return f"{value:05d}"
        return super().clean(value, row, **kwargs)


class AuswahlWidget(widgets.CharWidget):
    """A choice by its stored value (``traeger``) or its label (``Träger / Betreiber``).

    Anything else is kept, so ``full_clean`` reports it as an invalid choice.
    """

    def __init__(self, choices):
        super().__init__()
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        wert = super().clean(value, row, **kwargs).strip()
        for gespeichert, beschriftung in self.choices:
            if wert.lower() in (gespeichert, str(beschriftung).lower()):
                return gespeichert
        return wert


# --- Resources ----------------------------------------------------------------------------


class Tabellenergebnis(Result):
    """A ``Result`` whose row numbers are spreadsheet lines (header line 1, data from 2)."""

    def append_invalid_row(self, number, row, validation_error):
        super().append_invalid_row(number + 1, row, validation_error)

    def append_error_row(self, number, row, errors):
        super().append_error_row(number + 1, row, errors)

    def row_errors(self):
        # The default numbers rows by their position among reported rows, which skipped
        # empty lines would shift; the recorded line numbers are right.
        return [(zeile.number, zeile.errors) for zeile in self.error_rows]


class TabellenResource(resources.ModelResource):
    """Shared behaviour; each subclass sets the options below again in its own ``Meta``.

    ``use_transactions`` and ``clean_model_instances`` are required; ``report_skipped`` is
    off so blank lines do not show up in the preview.
    """

    #: columns a file must have: the ones that identify a row
    pflichtspalten: tuple[str, ...] = ()
    #: called with (lines done, lines in all) while importing (the worker's progress)
    fortschritt = None

    def get_result_class(self):
        return Tabellenergebnis

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        """All or nothing, whoever calls: admin, shell or :func:`importieren`.

        django-import-export 4.4 rolls back only on *errors* by default; with
        ``dry_run=False`` and ``raise_errors=False`` it commits the valid rows and merely
        reports the invalid ones. Every row problem here is a *validation* error, so the
        rollback on validation errors is forced, inside a transaction.
        """
        self._zeilen = [0, len(dataset)]
        return super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=True,
            collect_failed_rows=collect_failed_rows,
            rollback_on_validation_errors=True,
            **kwargs,
        )

    def before_import(self, dataset, **kwargs):
        """Column names are compared without case and spaces; unknown columns are refused.

        A misspelt column would otherwise be ignored silently and its data lost.
        """
        dataset.headers = [
            "" if kopf is None else str(kopf).lstrip("\ufeff").strip().lower()
            for kopf in (dataset.headers or [])
        ]
        erlaubt = [feld.column_name for feld in self.get_import_fields()]
        fehlend = [spalte for spalte in self.pflichtspalten if spalte not in dataset.headers]
        unbekannt = [kopf for kopf in dataset.headers if kopf and kopf not in erlaubt]
        if fehlend or unbekannt:
            dataset.wipe()  # no row-by-row follow-up errors: the file as a whole is wrong
            meldungen = []
            if fehlend:
                meldungen.append(
                    _("Es fehlt die Spalte %(spalten)s.")
                    % {"spalten": ", ".join(f"„{s}“" for s in fehlend)}
                )
            if unbekannt:
                meldungen.append(
                    _("Unbekannte Spalte %(spalten)s.")
                    % {"spalten": ", ".join(f"„{s}“" for s in unbekannt)}
                )
            meldungen.append(_("Möglich sind: %(spalten)s.") % {"spalten": ", ".join(erlaubt)})
            raise ValueError(" ".join(meldungen))

    def import_row(self, row, instance_loader, **kwargs):
        self._zeilen[0] += 1
        if self.fortschritt:
            self.fortschritt(*self._zeilen)
        if all(zelle_leer(wert) for wert in row.values()):  # blank line, e.g. formatted in Excel
            ergebnis = self.get_row_result_class()()
            ergebnis.import_type = RowResult.IMPORT_TYPE_SKIP
            return ergebnis
        return super().import_row(row, instance_loader, **kwargs)

    def before_import_row(self, row, **kwargs):
        # An empty XLSX cell is None, an empty CSV cell "": treat both alike, as "".
        # (None would reach NOT NULL text columns such as beschreibung.)
        for spalte, wert in row.items():
            if wert is None:
                row[spalte] = ""
            elif isinstance(wert, str):
                # a cell is typed text like any form's (common/zeichen.py); a line break
                # (Alt+Enter in Excel) stays only where the column is a multi-line text
                row[spalte] = (
                    mehrzeilig(wert) if spalte in self._mehrzeilige_spalten else einzeilig(wert)
                )

    @cached_property
    def _mehrzeilige_spalten(self) -> set[str]:
        felder = {f.name: f for f in self._meta.model._meta.get_fields()}
        return {
            feld.column_name
            for feld in self.get_import_fields()
            if isinstance(felder.get(feld.attribute), models.TextField)
        }

    def get_instance(self, instance_loader, row):
        # An unknown operator in an identifying column: treat the row as new, so the value
        # is reported by import_instance as a row error naming it.
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None

    def import_instance(self, instance, row, **kwargs):
        """Also checks the many-to-many columns before anything is saved.

        django-import-export applies them only after saving (``save_m2m``), where an unknown
        code would be a crash instead of a row error next to the other field errors.
        """
        fehler = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as e:
            fehler = e.update_error_dict(fehler)
        for feld in self.get_import_fields():
            if isinstance(feld.widget, widgets.ManyToManyWidget) and feld.column_name in row:
                try:
                    feld.clean(row)
                except ValueError as e:
                    fehler.setdefault(feld.attribute, []).append(
                        ValidationError(str(e), code="invalid")
                    )
        if fehler:
            raise ValidationError(fehler)


# --- Functions for code and tests --------------------------------------------------------


def importieren(
    resource_klasse, datei, format: str, dry_run: bool = True, fortschritt=None, **optionen
):
    """Imports one CSV or XLSX file (its bytes or the open file); returns the
    django-import-export ``Result``.

    ``dry_run`` (the default) only checks and reports. Either way nothing is written if
    any row has an error; :func:`fehlerzeilen` lists them. ``fortschritt`` is called
    with (lines done, lines in all); ``optionen`` go to ``import_data``.
    """
    resource = resource_klasse()
    try:
        datensatz = datensatz_lesen(datei, format)
    except Exception as e:  # an unreadable file is a message, not a crash
        ergebnis = Tabellenergebnis()
        ergebnis.append_base_error(
            resource.get_error_result_class()(ValueError(lesefehler(e, format)))
        )
        return ergebnis
    resource.fortschritt = fortschritt
    return resource.import_data(datensatz, dry_run=dry_run, **optionen)


def fehlerzeilen(ergebnis: Result) -> list[str]:
    """Every problem of an import as "Zeile N: …", N being the spreadsheet line."""
    meldungen = [
        _("Datei: %(meldung)s") % {"meldung": fehler.error} for fehler in ergebnis.base_errors
    ]
    zeilen = []
    for zeile in ergebnis.invalid_rows:
        for spalte, texte in zeile.error_dict.items():
            for text in texte:
                if spalte != NON_FIELD_ERRORS:
                    text = _("Spalte „%(spalte)s“: %(meldung)s") % {
                        "spalte": spalte,
                        "meldung": text,
                    }
                zeilen.append((zeile.number, text))
    for nummer, fehlerliste in ergebnis.row_errors():
        zeilen.extend((nummer, str(fehler.error)) for fehler in fehlerliste)
    zeilen.sort(key=lambda eintrag: eintrag[0])
    return meldungen + [
        _("Zeile %(nummer)s: %(meldung)s") % {"nummer": nummer, "meldung": meldung}
        for nummer, meldung in zeilen
    ]


def ergebnis_speichern(ergebnis: Result) -> dict:
    """What the admin's preview shows of a result, as JSON for the import job."""
    return {
        "basisfehler": [str(fehler.error) for fehler in ergebnis.base_errors],
        "kopf": [str(kopf) for kopf in ergebnis.diff_headers],
        "zeilen": [
            {"art": zeile.import_type, "diff": [str(zelle) for zelle in zeile.diff or []]}
            for zeile in ergebnis.valid_rows()
        ],
        "ungueltig": [
            {
                "nummer": zeile.number,
                "fehler": zeile.error_dict,
                "werte": list(map(str, zeile.values)),
            }
            for zeile in ergebnis.invalid_rows
        ],
        "fehlerhaft": [
            {"nummer": zeile.number, "fehler": [str(fehler.error) for fehler in zeile.errors]}
            for zeile in ergebnis.error_rows
        ],
        "summen": dict(ergebnis.totals),
    }


def _fehler(text: str) -> Error:
    fehler = Error(ValueError(text))
    fehler.traceback = ""  # the admin prints it under each error; the message says it all
    return fehler


def ergebnis_laden(daten: dict) -> Tabellenergebnis:
    """The result :func:`ergebnis_speichern` stored, for the admin's templates and
    :func:`fehlerzeilen` alike."""
    ergebnis = Tabellenergebnis()
    ergebnis.base_errors = [_fehler(text) for text in daten["basisfehler"]]
    ergebnis.diff_headers = daten["kopf"]
    for zeile in daten["zeilen"]:
        gueltig = RowResult()
        gueltig.import_type = zeile["art"]
        # django-import-export's diff: HTML it built from escaped cell values
        gueltig.diff = [mark_safe(zelle) for zelle in zeile["diff"]]  # noqa: S308
        ergebnis.rows.append(gueltig)
    ergebnis.invalid_rows = [
        InvalidRow(zeile["nummer"], ValidationError(zeile["fehler"]), tuple(zeile["werte"]))
        for zeile in daten["ungueltig"]
    ]
    ergebnis.error_rows = [
        ErrorRow(zeile["nummer"], [_fehler(text) for text in zeile["fehler"]])
        for zeile in daten["fehlerhaft"]
    ]
    ergebnis.totals.update(daten["summen"])
    return ergebnis
