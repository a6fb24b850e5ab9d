"""The administration reads a region report, switches the period and downloads every
export; each file says what the page says."""

import csv
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.berichte.hilfen import einsaetze, monat, pdf_text

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.pdf,
    pytest.mark.pdftotext,
]


def _herunterladen(page, format_label: str, pfad):
    auftraege = page.locator("#exportliste li")
    vorher = auftraege.count()
    page.get_by_label("Format").select_option(label=format_label)
    page.get_by_role("button", name="Export erstellen").click()
    expect(auftraege).to_have_count(vorher + 1)  # the new job heads the list
    link = auftraege.first.get_by_role("link", name="Herunterladen")
    expect(link).to_be_visible(timeout=20_000)
    with page.expect_download() as download:
        link.click()
    download.value.save_as(pfad)
    return download.value.suggested_filename


def test_the_administration_reads_and_exports_a_report(
    welt, page, anmelden, live_server, fremde_anfragen, tmp_path
):
    einsaetze(welt.bedarf_a, 6)  # Nord: 6 volunteers
    einsaetze(welt.bedarf_b, 2)  # Südost: Hanna and two more
    page.set_viewport_size({"width": 375, "height": 800})
    anmelden(page, welt.verwaltung)

    page.get_by_role("link", name="Regionsberichte öffnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Regionen von Berlin im Vergleich")
    page.get_by_label("Zeitraum").select_option(label=monat().label)
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator(".lead")).to_have_text(monat().label)

    zeile = page.get_by_role("row", name="Freiwillige im Einsatz")
    auf_der_seite = [text.strip() for text in zeile.locator("td").all_inner_texts()]
    assert auf_der_seite == ["6", "< 5", "verborgen"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    expect(page.locator("canvas[data-diagramm]")).to_have_count(3)

    name = _herunterladen(page, "CSV (Excel)", tmp_path / "bericht.csv")
    assert name == f"vergleich-berlin-{monat().schluessel}.csv"
    text = (tmp_path / "bericht.csv").read_text(encoding="utf-8-sig")
    zeilen = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert next(z for z in zeilen if z[1] == "Freiwillige im Einsatz")[2:] == auf_der_seite

    _herunterladen(page, "Excel mit Diagrammen", tmp_path / "bericht.xlsx")
    blatt = load_workbook(tmp_path / "bericht.xlsx")["Bericht"]
    xlsx = next(r for r in blatt.iter_rows(values_only=True) if r[1] == "Freiwillige im Einsatz")
    assert [str(wert) for wert in xlsx[2:5]] == auf_der_seite
    assert blatt._charts

    _herunterladen(page, "PDF", tmp_path / "bericht.pdf")
    pdf = pdf_text(tmp_path / "bericht.pdf")
    pdf_zeile = next(z for z in pdf.splitlines() if z.strip().startswith("Freiwillige im Einsatz"))
    assert " ".join(pdf_zeile.split()[3:]).replace("< 5", "<5") == "6 <5 verborgen"

    _herunterladen(
        page,
        "Einsätze je Region, Monat und Tätigkeitsfeld (CSV)",
        tmp_path / "einsaetze.csv",
    )
    einsatzzeilen = list(
        csv.reader(
            io.StringIO((tmp_path / "einsaetze.csv").read_text(encoding="utf-8-sig")),
            delimiter=";",
        )
    )
    assert ["Berlin-Nord", monat().von.strftime("%Y-%m"), "Deutschkurs", "6", "6"] in einsatzzeilen
    assert fremde_anfragen == []
