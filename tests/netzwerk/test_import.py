"""Importing an existing distribution list from a spreadsheet (CSV as German Excel writes
it, XLSX): checked first, written only when every line is right; problems name their line
(the header is line 1)."""

import io

import openpyxl
import pytest
from django.core.validators import EmailValidator
from django.urls import reverse

from netzwerk.importe import verteiler_importieren
from netzwerk.models import Mitgliedschaft, Organisation, Verteilerereignis

pytestmark = pytest.mark.django_db

KOPF = ["organisation", "art", "ansprechperson", "email", "telefon", "bezirk", "website"]

RICHTIG = [
    KOPF,
    [
        "Deutsch-Syrischer Kulturverein",
        "mso",
        "Rami Nasser",
        "rami@kulturverein.invalid",
        "030 1234567",
        "Pankow",
        "www.kulturverein.invalid",
    ],
    ["Ukrainische Mütter Berlin", "", "Olena Koval", "olena@muetter.invalid", "", "neukoelln", ""],
    # already known to the platform: joins the list, not created again
    ["Träger Alpha", "traeger", "", "", "", "", ""],
]

#: Django's own (German) message for an invalid address
UNGUELTIGE_ADRESSE = str(EmailValidator.message)

FEHLERHAFT = [
    KOPF,
    ["Afghanischer Frauenverein", "mso", "Laila", "laila@frauenverein.invalid", "", "Pankow", ""],
    ["Eritreische Gemeinde", "mso", "", "", "", "Atlantis", ""],
    ["Kurdisches Zentrum", "mso", "", "keine-adresse", "", "", ""],
    ["afghanischer frauenverein", "mso", "", "", "", "", ""],
]


def csv_datei(zeilen) -> bytes:
    """As German Excel saves 'CSV UTF-8': semicolons, a BOM, CRLF line ends."""
    text = "\r\n".join(";".join(zeile) for zeile in zeilen) + "\r\n"
    return "\ufeff".encode() + text.encode("utf-8")


def xlsx_datei(zeilen) -> bytes:
    mappe = openpyxl.Workbook()
    blatt = mappe.active
    for zeile in zeilen:
        blatt.append([wert or None for wert in zeile])
    puffer = io.BytesIO()
    mappe.save(puffer)
    return puffer.getvalue()


DATEIEN = {"csv": csv_datei, "xlsx": xlsx_datei}


def _zustand():
    return (
        list(Organisation.objects.order_by("pk").values_list("pk", "name")),
        list(Mitgliedschaft.objects.order_by("pk").values_list("pk", "status")),
        Verteilerereignis.objects.count(),
    )


@pytest.fixture(params=list(DATEIEN))
def format(request):
    return request.param


def _importieren(welt, verteiler, zeilen, format, dry_run=True):
    return verteiler_importieren(
        verteiler, welt.rk_nord, DATEIEN[format](zeilen), format, dry_run=dry_run
    )


# --- the dry run --------------------------------------------------------------------------------


def test_the_dry_run_reports_what_would_happen_and_writes_nothing(welt, verteiler_nord, format):
    vorher = _zustand()
    ergebnis = _importieren(welt, verteiler_nord, RICHTIG, format)
    assert ergebnis.fehler == []
    assert not ergebnis.ausgefuehrt
    assert (ergebnis.neue_mitglieder, ergebnis.neue_organisationen, ergebnis.schon_dabei) == (
        3,
        2,
        0,
    )
    assert ergebnis.zusammenfassung() == (
        "Neue Mitglieder: 3, davon neu angelegte Organisationen: 2. Schon auf dem Verteiler: 0."
    )
    assert _zustand() == vorher


def test_the_dry_run_is_the_default(welt, verteiler_nord):
    vorher = _zustand()
    ergebnis = verteiler_importieren(verteiler_nord, welt.rk_nord, csv_datei(RICHTIG), "csv")
    assert ergebnis.fehler == [] and not ergebnis.ausgefuehrt
    assert _zustand() == vorher


# --- the real run -------------------------------------------------------------------------------


def test_a_correct_file_creates_the_organisations_and_puts_them_on_the_list(
    welt, verteiler_nord, format
):
    ergebnis = _importieren(welt, verteiler_nord, RICHTIG, format, dry_run=False)
    assert ergebnis.fehler == [] and ergebnis.ausgefuehrt
    verein = Organisation.objects.get(name="Deutsch-Syrischer Kulturverein")
    assert verein.art == Organisation.Art.MSO
    assert verein.region == welt.nord
    assert verein.bezirk.slug == "pankow"
    assert (verein.kontakt_name, verein.kontakt_email, verein.kontakt_telefon) == (
        "Rami Nasser",
        "rami@kulturverein.invalid",
        "030 1234567",
    )
    assert verein.website == "https://www.kulturverein.invalid"
    muetter = Organisation.objects.get(name="Ukrainische Mütter Berlin")
    assert muetter.art == Organisation.Art.MSO  # the default for a list of the network
    assert muetter.bezirk.slug == "neukoelln"
    assert Organisation.objects.filter(name="Träger Alpha").count() == 1
    mitglieder = verteiler_nord.mitgliedschaften.order_by("organisation__name")
    assert [(m.organisation.name, m.status) for m in mitglieder] == [
        ("Deutsch-Syrischer Kulturverein", "aktiv"),
        ("Träger Alpha", "aktiv"),
        ("Ukrainische Mütter Berlin", "aktiv"),
    ]
    assert all(
        list(m.ereignisse.values_list("art", flat=True)) == ["aufgenommen"] for m in mitglieder
    )


def test_importing_the_same_file_twice_adds_nobody_twice(welt, verteiler_nord):
    _importieren(welt, verteiler_nord, RICHTIG, "csv", dry_run=False)
    zweites = _importieren(welt, verteiler_nord, RICHTIG, "csv", dry_run=False)
    assert zweites.fehler == []
    assert (zweites.neue_mitglieder, zweites.neue_organisationen, zweites.schon_dabei) == (0, 0, 3)
    assert verteiler_nord.mitgliedschaften.count() == 3


def test_an_import_does_not_put_back_an_organisation_that_unsubscribed(
    welt, verteiler_nord, aufnehmen
):
    from netzwerk import services

    traeger = Organisation.objects.get(name="Träger Alpha")
    abgemeldet = aufnehmen(verteiler_nord, organisation=traeger)
    services.mitgliedschaft_abmelden(abgemeldet.abmeldetoken)
    ergebnis = _importieren(welt, verteiler_nord, RICHTIG, "csv", dry_run=False)
    assert ergebnis.ausgefuehrt
    abgemeldet.refresh_from_db()
    assert abgemeldet.status == Mitgliedschaft.Status.ABGEMELDET
    assert ergebnis.neue_mitglieder == 2


def test_a_file_written_with_windows_1252_and_commas_is_read_too(welt, verteiler_nord):
    text = "\r\n".join(",".join(zeile) for zeile in RICHTIG[:3])
    ergebnis = verteiler_importieren(
        verteiler_nord, welt.rk_nord, text.encode("cp1252"), "csv", dry_run=False
    )
    assert ergebnis.fehler == []
    assert Organisation.objects.filter(name="Ukrainische Mütter Berlin").exists()


# --- files with errors --------------------------------------------------------------------------


def test_each_faulty_line_is_reported_with_its_line_number_and_nothing_is_written(
    welt, verteiler_nord, format
):
    vorher = _zustand()
    ergebnis = _importieren(welt, verteiler_nord, FEHLERHAFT, format, dry_run=False)
    assert not ergebnis.ausgefuehrt
    assert ergebnis.fehler == [
        "Zeile 3: Spalte „bezirk“: keinen Bezirk „Atlantis“ gefunden.",
        f"Zeile 4: Spalte „email“: {UNGUELTIGE_ADRESSE}",
        "Zeile 5: dieselbe Organisation wie in Zeile 2.",
    ]
    assert _zustand() == vorher
    assert not Organisation.objects.filter(name="Afghanischer Frauenverein").exists()


def test_an_unknown_kind_of_organisation_is_reported_with_its_line(welt, verteiler_nord):
    zeilen = [KOPF, ["Verein Eins", "verein", "", "", "", "", ""]]
    ergebnis = _importieren(welt, verteiler_nord, zeilen, "csv", dry_run=False)
    assert len(ergebnis.fehler) == 1
    assert ergebnis.fehler[0].startswith("Zeile 2: Spalte „art“:")
    assert not Organisation.objects.filter(name="Verein Eins").exists()


def test_a_line_without_an_organisation_name_is_reported(welt, verteiler_nord):
    zeilen = [KOPF, ["", "mso", "Nur Person", "person@test.invalid", "", "", ""]]
    ergebnis = _importieren(welt, verteiler_nord, zeilen, "csv", dry_run=False)
    assert ergebnis.fehler == [
        "Zeile 2: Spalte „organisation“: bitte den Namen der Organisation angeben."
    ]


# --- malformed files ----------------------------------------------------------------------------


def test_random_bytes_as_xlsx_get_a_clear_message_and_change_nothing(welt, verteiler_nord):
    vorher = _zustand()
    ergebnis = verteiler_importieren(
        verteiler_nord, welt.rk_nord, b"\x00\x17PK-kein-Excel\xff" * 40, "xlsx", dry_run=False
    )
    assert len(ergebnis.fehler) == 1
    assert ergebnis.fehler[0].startswith("Die Datei lässt sich nicht als XLSX lesen")
    assert not ergebnis.ausgefuehrt
    assert _zustand() == vorher


def test_a_file_without_the_organisation_column_is_refused_with_a_clear_message(
    welt, verteiler_nord, format
):
    vorher = _zustand()
    zeilen = [[spalte for spalte in KOPF if spalte != "organisation"], ["mso", "", "", "", "", ""]]
    ergebnis = _importieren(welt, verteiler_nord, zeilen, format, dry_run=False)
    assert ergebnis.fehler == ["Es fehlt die Spalte „organisation“."]
    assert _zustand() == vorher


def test_an_unknown_column_is_refused_naming_it_and_the_possible_columns(
    welt, verteiler_nord, format
):
    vorher = _zustand()
    zeilen = [[*KOPF, "lieblingsfarbe"], [*RICHTIG[1], "blau"]]
    ergebnis = _importieren(welt, verteiler_nord, zeilen, format, dry_run=False)
    assert ergebnis.fehler == [
        "Unbekannte Spalte „lieblingsfarbe“. Möglich sind: organisation, art, ansprechperson, "
        "email, telefon, bezirk, website."
    ]
    assert _zustand() == vorher


def test_a_file_with_only_the_header_says_it_has_no_lines_and_does_not_count_as_imported(
    welt, verteiler_nord
):
    ergebnis = _importieren(welt, verteiler_nord, [KOPF], "csv", dry_run=False)
    assert ergebnis.fehler == ["Die Datei enthält keine Zeilen."]
    # a result with an error is never a completed import (callers read ``ausgefuehrt``)
    assert not ergebnis.ausgefuehrt


# --- the page -----------------------------------------------------------------------------------


def test_the_import_page_checks_a_file_first_and_writes_nothing(
    welt, verteiler_nord, client_als, liste_hochladen
):
    vorher = _zustand()
    antwort = liste_hochladen(
        client_als(welt.rk_nord), verteiler_nord, csv_datei(RICHTIG), "verteiler.csv"
    )
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert "Probelauf ohne Fehler:" in text
    assert "Neue Mitglieder: 3, davon neu angelegte Organisationen: 2." in text
    assert _zustand() == vorher


def test_the_import_button_takes_a_correct_xlsx_file_over(
    welt, verteiler_nord, client_als, liste_hochladen
):
    antwort = liste_hochladen(
        client_als(welt.rk_nord),
        verteiler_nord,
        xlsx_datei(RICHTIG),
        "Verteiler.XLSX",
        importieren=True,
    )
    assert antwort.redirect_chain[-1][0] == reverse("netzwerk:verteiler", args=[verteiler_nord.pk])
    assert "Neue Mitglieder: 3, davon neu angelegte Organisationen: 2." in antwort.content.decode()
    assert verteiler_nord.mitgliedschaften.auf_der_liste().count() == 3


def test_the_import_button_writes_nothing_from_a_faulty_file_and_lists_the_lines(
    welt, verteiler_nord, client_als, liste_hochladen
):
    vorher = _zustand()
    antwort = liste_hochladen(
        client_als(welt.rk_nord),
        verteiler_nord,
        csv_datei(FEHLERHAFT),
        "verteiler.csv",
        importieren=True,
    )
    text = antwort.content.decode()
    assert "Nichts wurde übernommen:" in text
    assert "Zeile 3: Spalte „bezirk“: keinen Bezirk „Atlantis“ gefunden." in text
    assert f"Zeile 4: Spalte „email“: {UNGUELTIGE_ADRESSE}" in text
    assert "Zeile 5: dieselbe Organisation wie in Zeile 2." in text
    assert _zustand() == vorher


def test_the_import_page_answers_a_broken_xlsx_with_a_message(
    welt, verteiler_nord, client_als, liste_hochladen
):
    vorher = _zustand()
    antwort = liste_hochladen(
        client_als(welt.rk_nord),
        verteiler_nord,
        b"kein Excel" * 100,
        "verteiler.xlsx",
        importieren=True,
    )
    assert antwort.status_code == 200
    assert "Die Datei lässt sich nicht als XLSX lesen" in antwort.content.decode()
    assert _zustand() == vorher


@pytest.mark.parametrize("persona", ["rk_suedost", "org_a", "freiwillig"])
def test_nobody_outside_the_lists_coordination_imports_into_it(
    welt, verteiler_nord, client_als, persona, liste_hochladen
):
    vorher = _zustand()
    antwort = liste_hochladen(
        client_als(welt.personas[persona]),
        verteiler_nord,
        csv_datei(RICHTIG),
        "verteiler.csv",
        importieren=True,
    )
    assert antwort.status_code == 404
    assert _zustand() == vorher


def test_an_organisation_cell_becomes_one_clean_line(welt, verteiler_nord):
    zeilen = [
        KOPF,
        ["Kulturverein\r\nBcc: x@y\u2028Nord\u202e", "mso", "Rami\u0085Nasser", "", "", "", ""],
        ["جمعية الثقافة العربية", "mso", "", "", "", "", ""],
    ]

    ergebnis = _importieren(welt, verteiler_nord, zeilen, "xlsx", dry_run=False)

    assert ergebnis.fehler == []
    verein = Organisation.objects.get(name="Kulturverein Bcc: x@y Nord")
    assert verein.kontakt_name == "Rami Nasser"
    assert Organisation.objects.filter(name="جمعية الثقافة العربية").exists()
