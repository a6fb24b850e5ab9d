"""Importing operators and shelters from spreadsheets (CSV as German Excel writes it, XLSX).

All or nothing: a single broken row and nothing is written; every problem is reported with
its spreadsheet line (the header is line 1).
"""

import csv
import io
from datetime import date, datetime

import pytest
from django.urls import reverse
from import_export import resources

from netzwerk.models import Organisation
from tests.importe import gespeicherte_dateien, xlsx
from unterkuenfte.importe import (
    UnterkunftResource,
    datensatz_lesen,
    fehlerzeilen,
    organisationen_importieren,
    stammdaten_importieren,
    unterkuenfte_importieren,
)
from unterkuenfte.models import Unterkunft

ORGANISATIONEN = [
    ["name", "art", "kontakt_name", "kontakt_email", "kontakt_telefon", "website", "region"],
    [
        "Hilfswerk Nord e. V.",
        "traeger",
        "Nora Nord",
        "nora@hilfswerk.invalid",
        "030 1234",
        "www.hilfswerk.invalid",
        "berlin-nord",
    ],
    ["Südost gGmbH", "Träger / Betreiber", "", "", "", "", "berlin-suedost"],
]

SPALTEN = [
    "name",
    "betreiber",
    "region",
    "bezirk",
    "art",
    "kapazitaet",
    "belegung",
    "sprachen",
    "status",
    "in_betrieb_seit",
    "schliessung_am",
    "beschreibung",
    "strasse",
    "plz",
    "ort",
    "ek_name",
    "ek_email",
    "ek_telefon",
    "anforderungen",
]


def unterkunft(name, **werte):
    """One shelter row; unspecified columns hold a valid shelter in Pankow."""
    zeile = {
        "name": name,
        "betreiber": "Hilfswerk Nord e. V.",
        "region": "berlin-nord",
        "bezirk": "pankow",
        "art": "gemeinschaftsunterkunft",
        "kapazitaet": "120",
        "belegung": "95",
        "sprachen": "ar,fa,uk",
        "status": "in_betrieb",
        "in_betrieb_seit": "01.03.2023",
        "schliessung_am": "",
        "beschreibung": "Haus mit Garten; Kinder willkommen",
        "strasse": "Musterstraße 1",
        "plz": "13187",
        "ort": "Berlin",
        "ek_name": "Eva Koordination",
        "ek_email": "ek@hilfswerk.invalid",
        "ek_telefon": "030 5678",
        "anforderungen": "fuehrungszeugnis,masernschutz",
    }
    zeile.update(werte)
    return [zeile[spalte] for spalte in SPALTEN]


UNTERKUENFTE = [
    SPALTEN,
    unterkunft("GU Pankow"),
    unterkunft(
        "Notunterkunft Neukölln",
        betreiber="Südost gGmbH",
        region="berlin-suedost",
        bezirk="neukoelln",
        art="notunterkunft",
        kapazitaet="300",
        belegung="",
        sprachen="uk",
        status="",
        in_betrieb_seit="",
        beschreibung="",
        plz="12043",
        ort="",
        ek_name="",
        ek_email="",
        ek_telefon="",
        anforderungen="",
    ),
]


def csv_wie_excel(zeilen, trennzeichen=";"):
    """What Excel's "CSV UTF-8" writes: a BOM, ';' between cells, CRLF line ends."""
    puffer = io.StringIO()
    csv.writer(puffer, delimiter=trennzeichen, lineterminator="\r\n").writerows(zeilen)
    return ("\ufeff" + puffer.getvalue()).encode("utf-8")


def namen(ergebnis, art):
    return sorted(zeile.object_repr for zeile in ergebnis.rows if zeile.import_type == art)


def aus_der_datei(model, zeilen):
    """Names of the file's rows that exist in the database (``welt`` brings other rows)."""
    return sorted(
        model.objects.filter(name__in=[zeile[0] for zeile in zeilen[1:]]).values_list(
            "name", flat=True
        )
    )


def test_a_semicolon_csv_from_german_excel_is_previewed_without_writing_anything(welt):
    ergebnis = stammdaten_importieren(
        csv_wie_excel(ORGANISATIONEN), csv_wie_excel(UNTERKUENFTE), "csv", dry_run=True
    )

    assert ergebnis.fehlerzeilen() == []
    assert namen(ergebnis.organisationen, "new") == ["Hilfswerk Nord e. V.", "Südost gGmbH"]
    assert namen(ergebnis.unterkuenfte, "new") == ["GU Pankow", "Notunterkunft Neukölln"]
    assert ergebnis.unterkuenfte.totals["update"] == 0
    assert aus_der_datei(Organisation, ORGANISATIONEN) == []
    assert aus_der_datei(Unterkunft, UNTERKUENFTE) == []


def test_the_delimiter_is_detected_and_a_list_cell_with_commas_stays_one_cell(welt):
    for trennzeichen in (";", ",", "\t"):
        datensatz = datensatz_lesen(csv_wie_excel(UNTERKUENFTE, trennzeichen), "csv")
        assert datensatz.headers == SPALTEN
        assert datensatz.dict[0]["sprachen"] == "ar,fa,uk"
        assert datensatz.dict[0]["beschreibung"] == "Haus mit Garten; Kinder willkommen"


def test_a_csv_from_older_excel_in_windows_1252_is_read_too(welt):
    datei = csv_wie_excel(UNTERKUENFTE).decode("utf-8-sig").encode("cp1252")

    datensatz = datensatz_lesen(datei, "csv")

    assert datensatz.dict[1]["name"] == "Notunterkunft Neukölln"


def test_the_real_run_creates_shelters_with_languages_and_requirements(welt):
    ergebnis = stammdaten_importieren(
        csv_wie_excel(ORGANISATIONEN), csv_wie_excel(UNTERKUENFTE), "csv", dry_run=False
    )

    assert ergebnis.fehlerzeilen() == []
    hilfswerk = Organisation.objects.get(name="Hilfswerk Nord e. V.")
    assert hilfswerk.region == welt.nord
    assert hilfswerk.website == "https://www.hilfswerk.invalid"
    assert Organisation.objects.get(name="Südost gGmbH").art == Organisation.Art.TRAEGER

    pankow = Unterkunft.objects.get(name="GU Pankow")
    assert pankow.betreiber == hilfswerk
    assert (pankow.region, pankow.bezirk.slug, pankow.art.slug) == (
        welt.nord,
        "pankow",
        "gemeinschaftsunterkunft",
    )
    assert (pankow.kapazitaet, pankow.belegung) == (120, 95)
    assert sorted(pankow.sprachen.values_list("code", flat=True)) == ["ar", "fa", "uk"]
    assert sorted(pankow.anforderungen.values_list("slug", flat=True)) == [
        "fuehrungszeugnis",
        "masernschutz",
    ]
    assert pankow.in_betrieb_seit == date(2023, 3, 1)
    assert pankow.beschreibung == "Haus mit Garten; Kinder willkommen"

    # empty cells take the model's defaults
    neukoelln = Unterkunft.objects.get(name="Notunterkunft Neukölln")
    assert (neukoelln.belegung, neukoelln.status, neukoelln.ort) == (0, "in_betrieb", "Berlin")
    assert list(neukoelln.sprachen.values_list("code", flat=True)) == ["uk"]
    assert not neukoelln.anforderungen.exists()


def test_running_the_same_file_again_updates_instead_of_duplicating(welt):
    organisationen = csv_wie_excel(ORGANISATIONEN)
    stammdaten_importieren(organisationen, csv_wie_excel(UNTERKUENFTE), "csv", dry_run=False)
    anzahl = (Organisation.objects.count(), Unterkunft.objects.count())
    geaendert = [SPALTEN, unterkunft("GU Pankow", belegung="110", sprachen="ar, de")]

    ergebnis = stammdaten_importieren(
        organisationen, csv_wie_excel(geaendert), "csv", dry_run=False
    )

    assert ergebnis.fehlerzeilen() == []
    assert ergebnis.organisationen.totals["update"] == 2
    assert namen(ergebnis.unterkuenfte, "update") == ["GU Pankow"]
    assert (Organisation.objects.count(), Unterkunft.objects.count()) == anzahl
    pankow = Unterkunft.objects.get(name="GU Pankow")
    assert pankow.belegung == 110
    assert sorted(pankow.sprachen.values_list("code", flat=True)) == ["ar", "de"]


def test_an_xlsx_file_imports_the_same_way(welt):
    organisationen_importieren(xlsx(ORGANISATIONEN), "xlsx", dry_run=False)
    # Excel stores numbers and dates as such, and drops the leading zero of a PLZ
    zeilen = [
        SPALTEN,
        unterkunft(
            "GU Pankow",
            kapazitaet=120,
            belegung=95,
            in_betrieb_seit=datetime(2023, 3, 1),
            plz=1067,
        ),
    ]

    probe = unterkuenfte_importieren(xlsx(zeilen), "xlsx", dry_run=True)
    assert fehlerzeilen(probe) == []
    assert namen(probe, "new") == ["GU Pankow"]
    assert aus_der_datei(Unterkunft, zeilen) == []

    ergebnis = unterkuenfte_importieren(xlsx(zeilen), "xlsx", dry_run=False)
    assert fehlerzeilen(ergebnis) == []
    pankow = Unterkunft.objects.get(name="GU Pankow")
    assert (pankow.kapazitaet, pankow.belegung, pankow.plz) == (120, 95, "01067")
    assert pankow.in_betrieb_seit == date(2023, 3, 1)
    assert sorted(pankow.sprachen.values_list("code", flat=True)) == ["ar", "fa", "uk"]

    anzahl = Unterkunft.objects.count()
    wieder = unterkuenfte_importieren(xlsx(zeilen), "xlsx", dry_run=False)
    assert namen(wieder, "update") == ["GU Pankow"]
    assert Unterkunft.objects.count() == anzahl


FEHLERHAFT = [
    SPALTEN,
    unterkunft("Gültige Unterkunft"),  # line 2
    unterkunft("Zu voll", kapazitaet="120", belegung="130"),  # line 3
    unterkunft("Unbekannte Sprache", sprachen="ar,xx"),  # line 4
    unterkunft("Falscher Bezirk", bezirk="neukoelln"),  # line 5
    unterkunft("Negativ", kapazitaet="-5", belegung="0"),  # line 6
    unterkunft("Unbekannte Region", region="berlin-west"),  # line 7
    unterkunft("Unbekannter Betreiber", betreiber="Gibt es nicht e. V."),  # line 8
]


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_broken_rows_are_reported_by_line_and_not_even_the_valid_rows_are_written(welt, format):
    organisationen_importieren(csv_wie_excel(ORGANISATIONEN), "csv", dry_run=False)
    datei = csv_wie_excel(FEHLERHAFT) if format == "csv" else xlsx(FEHLERHAFT)

    anzahl = Unterkunft.objects.count()

    ergebnis = unterkuenfte_importieren(datei, format, dry_run=False)

    assert Unterkunft.objects.count() == anzahl
    assert aus_der_datei(Unterkunft, FEHLERHAFT) == []
    assert not ergebnis.has_errors(), "every problem is a row error, none a crash"
    meldungen = fehlerzeilen(ergebnis)
    for erwartet in [
        "Zeile 3: Spalte „belegung“: Die Belegung (130) kann nicht über der Kapazität (120) "
        "liegen.",
        "Zeile 4: Spalte „sprachen“: Unbekannte Sprachcodes: „xx“.",
        "Zeile 5: Spalte „bezirk“: Der Bezirk gehört nicht zur gewählten Region.",
        "Zeile 7: Spalte „region“: Keine Region mit dem Kurznamen „berlin-west“.",
        "Zeile 8: Spalte „betreiber“: Kein Betreiber mit dem Namen „Gibt es nicht e. V.“.",
    ]:
        assert erwartet in meldungen
    # Django's own message for the negative number ("… größer oder gleich 0 …")
    assert any(m.startswith("Zeile 6: Spalte „kapazitaet“: ") and " 0 " in m for m in meldungen)
    assert {m.split(":")[0] for m in meldungen} == {f"Zeile {n}" for n in range(3, 9)}


class NurBibliothek(resources.ModelResource):
    """django-import-export as it comes, only with full_clean per row."""

    class Meta:
        model = Organisation
        fields = ("name", "kontakt_email")
        import_id_fields = ("name",)
        clean_model_instances = True


def test_unlike_the_library_default_the_valid_rows_of_a_broken_file_are_not_kept(welt):
    """django-import-export 4.4 commits the valid rows of a file with validation errors when
    called with dry_run=False and raise_errors=False; the resources here refuse that, even
    when a caller asks for the library's defaults explicitly."""
    datei = csv_wie_excel(
        [["name", "kontakt_email"], ["Gut e. V.", "gut@test.invalid"], ["Schlecht", "kaputt"]]
    )
    bibliothek = NurBibliothek().import_data(
        datensatz_lesen(datei, "csv"), dry_run=False, raise_errors=False
    )
    assert bibliothek.has_validation_errors()
    assert Organisation.objects.filter(name="Gut e. V.").exists(), "library default changed?"
    Organisation.objects.filter(name="Gut e. V.").delete()

    organisationen_importieren(csv_wie_excel(ORGANISATIONEN), "csv", dry_run=False)
    anzahl = Unterkunft.objects.count()
    ergebnis = UnterkunftResource().import_data(
        datensatz_lesen(csv_wie_excel(FEHLERHAFT), "csv"),
        dry_run=False,
        raise_errors=False,
        use_transactions=False,
        rollback_on_validation_errors=False,
    )

    assert ergebnis.has_validation_errors()
    assert Unterkunft.objects.count() == anzahl
    assert not Unterkunft.objects.filter(name="Gültige Unterkunft").exists()


def test_a_broken_operator_file_stops_the_shelters_too(welt):
    organisationen = [*ORGANISATIONEN, ["Kaputt e. V.", "verein", "", "keine-mail", "", "", ""]]

    ergebnis = stammdaten_importieren(
        csv_wie_excel(organisationen), csv_wie_excel(UNTERKUENFTE), "csv", dry_run=False
    )

    assert not ergebnis.fehlerfrei
    art, email = ergebnis.fehlerzeilen()[:2]
    assert art == "Organisationen, Zeile 4: Spalte „art“: Wert 'verein' ist keine gültige Option."
    assert email.startswith("Organisationen, Zeile 4: Spalte „kontakt_email“: ")
    assert aus_der_datei(Organisation, organisationen) == []
    assert aus_der_datei(Unterkunft, UNTERKUENFTE) == []


def test_a_file_with_a_misspelt_or_missing_column_is_refused_as_a_whole(welt):
    kopf = [*SPALTEN]
    kopf[kopf.index("kapazitaet")] = "Kapazität"
    kopf.remove("betreiber")

    ergebnis = unterkuenfte_importieren(csv_wie_excel([kopf, ["GU Pankow"]]), "csv")

    assert len(meldungen := fehlerzeilen(ergebnis)) == 1
    assert "Es fehlt die Spalte „betreiber“." in meldungen[0]
    assert "Unbekannte Spalte „kapazität“." in meldungen[0]


def test_a_file_that_is_no_spreadsheet_gets_a_message_not_a_crash(welt):
    ergebnis = unterkuenfte_importieren(b"kein Excel", "xlsx")

    assert fehlerzeilen(ergebnis) == [
        "Datei: Die Datei lässt sich nicht als XLSX lesen (BadZipFile)."
    ]


# --- Admin ---------------------------------------------------------------------------------

IMPORTSEITEN = ["admin:unterkuenfte_unterkunft_import", "admin:netzwerk_organisation_import"]


@pytest.mark.parametrize("route", IMPORTSEITEN)
def test_the_admin_import_page_is_open_to_platform_admins_only(welt, client_als, route):
    url = reverse(route)

    antwort = client_als(welt.admin).get(url)
    assert antwort.status_code == 200
    assert "xlsx" in antwort.content.decode()
    liste = client_als(welt.admin).get(reverse(route.replace("_import", "_changelist")))
    assert f"href='{url}'" in liste.content.decode()

    for persona in (welt.rk_nord, welt.verwaltung, welt.freiwillig):
        antwort = client_als(persona).get(url)
        assert antwort.status_code == 302
        assert antwort["Location"].startswith(reverse("admin:login"))


def _warum_nicht(vorschau) -> str:
    """Why a preview offers no confirmation: the form's errors, or the rows'."""
    formular, ergebnis = vorschau.context.get("form"), vorschau.context.get("result")
    if ergebnis is None:
        return f"form: {formular and formular.errors}"
    fehler = [(nummer, [str(f.error) for f in liste]) for nummer, liste in ergebnis.row_errors()]
    return f"invalid: {ergebnis.invalid_rows}, errors: {ergebnis.base_errors} {fehler}"


def test_an_admin_sees_row_errors_by_line_in_the_preview_and_cannot_confirm(
    welt, client_als, unterkuenfte_hochladen
):
    organisationen_importieren(csv_wie_excel(ORGANISATIONEN), "csv", dry_run=False)
    client = client_als(welt.admin)

    antwort = unterkuenfte_hochladen(client, csv_wie_excel(FEHLERHAFT[:4]))

    assert antwort.status_code == 200
    assert "confirm_form" not in antwort.context
    assert [zeile.number for zeile in antwort.context["result"].invalid_rows] == [3, 4]
    inhalt = antwort.content.decode()
    assert "Die Belegung (130) kann nicht über der Kapazität (120) liegen." in inhalt
    assert "Unbekannte Sprachcodes: „xx“." in inhalt
    assert aus_der_datei(Unterkunft, FEHLERHAFT) == []


@pytest.mark.parametrize("format_nummer, datei", [("0", "csv"), ("1", "xlsx")])
def test_an_admin_confirms_a_clean_file_and_the_shelters_exist(
    welt,
    client_als,
    format_nummer,
    datei,
    unterkuenfte_hochladen,
    unterkuenfte_bestaetigen,
    importordner,
):
    organisationen_importieren(csv_wie_excel(ORGANISATIONEN), "csv", dry_run=False)
    client = client_als(welt.admin)
    inhalt = csv_wie_excel(UNTERKUENFTE) if datei == "csv" else xlsx(UNTERKUENFTE)

    vorschau = unterkuenfte_hochladen(client, inhalt, f"unterkuenfte.{datei}", format_nummer)
    assert vorschau.status_code == 200
    assert aus_der_datei(Unterkunft, UNTERKUENFTE) == []
    assert "confirm_form" in vorschau.context, _warum_nicht(vorschau)
    assert "Neu" in vorschau.content.decode()  # the preview's rows

    antwort = unterkuenfte_bestaetigen(client, vorschau)

    assert antwort.redirect_chain[-1][0] == reverse("admin:unterkuenfte_unterkunft_changelist")
    assert "Import fertiggestellt: 2 neue, 0 aktualisierte" in antwort.content.decode()
    assert gespeicherte_dateien(importordner) == []  # the upload is gone with the import
    assert aus_der_datei(Unterkunft, UNTERKUENFTE) == ["GU Pankow", "Notunterkunft Neukölln"]
    assert sorted(
        Unterkunft.objects.get(name="GU Pankow").sprachen.values_list("code", flat=True)
    ) == ["ar", "fa", "uk"]


def test_if_an_operator_vanishes_before_confirming_nothing_is_imported_and_the_admin_is_told(
    welt, client_als, unterkuenfte_hochladen, unterkuenfte_bestaetigen
):
    organisationen_importieren(csv_wie_excel(ORGANISATIONEN), "csv", dry_run=False)
    client = client_als(welt.admin)
    vorschau = unterkuenfte_hochladen(client, csv_wie_excel(UNTERKUENFTE))
    Organisation.objects.filter(name="Südost gGmbH").delete()

    antwort = unterkuenfte_bestaetigen(client, vorschau)

    assert antwort.redirect_chain[-1][0] == reverse("admin:unterkuenfte_unterkunft_import")
    assert (
        "Nichts wurde importiert: Zeile 3: Spalte „betreiber“: Kein Betreiber mit dem Namen "
        "„Südost gGmbH“." in antwort.content.decode()
    )
    assert aus_der_datei(Unterkunft, UNTERKUENFTE) == []


def test_an_admin_export_opens_in_german_excel_and_imports_again_as_an_update(welt, client_als):
    client = client_als(welt.admin)
    formular = client.get(reverse("admin:unterkuenfte_unterkunft_export")).context["form"]
    felder = {name: "on" for name in formular.fields if name.startswith("unterkunftresource_")}

    antwort = client.post(
        reverse("admin:unterkuenfte_unterkunft_export"), {"format": "0", **felder}
    )

    assert antwort.status_code == 200
    datei = antwort.content
    assert datei.startswith("\ufeffname;betreiber;region;bezirk;".encode())
    ergebnis = unterkuenfte_importieren(datei, "csv", dry_run=True)
    assert fehlerzeilen(ergebnis) == []
    assert ergebnis.totals["new"] == 0
    assert ergebnis.totals["update"] == Unterkunft.objects.count()


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_a_name_cell_becomes_one_clean_line_and_a_description_keeps_its_lines(welt, format):
    datei = {"csv": csv_wie_excel, "xlsx": xlsx}[format]
    organisationen_importieren(datei(ORGANISATIONEN), format, dry_run=False)
    zeilen = [
        SPALTEN,
        unterkunft(
            "GU\r\nBcc: x@y\u2028Pankow\u202e",
            beschreibung="Haus mit Garten\r\n\u202eKinder willkommen",
            ek_name="می\u200cخواهم\u0085",
        ),
    ]

    ergebnis = unterkuenfte_importieren(datei(zeilen), format, dry_run=False)

    assert fehlerzeilen(ergebnis) == []
    unterkunft_ = Unterkunft.objects.get(name="GU Bcc: x@y Pankow")
    assert unterkunft_.beschreibung == "Haus mit Garten\nKinder willkommen"
    assert unterkunft_.ek_name == "می\u200cخواهم"
