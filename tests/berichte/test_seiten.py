"""Report pages, exports and API: who reads which region, and "< 5" wherever a small number
of people would show."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from berichte.models import Exportauftrag
from berichte.zeitraum import Periode
from tests.factories import BedarfFactory

from .hilfen import einsaetze, monat, pdf_text


def zeitraum_abfrage() -> str:
    return f"?zeitraum={monat().schluessel}"


@pytest.fixture
def zahlen(welt):
    """Nord: 6 volunteers; Südost: 3 (Hanna and two more)."""
    einsaetze(welt.bedarf_a, 6)
    einsaetze(welt.bedarf_b, 2)
    return welt


def _zeile(html: str, label: str) -> list[str]:
    """The cells of the report row ``label``."""
    treffer = re.search(rf"<th scope=\"row\"[^>]*>{re.escape(label)}</th>(.*?)</tr>", html, re.S)
    assert treffer, label
    return [z.strip() for z in re.findall(r"<td[^>]*>(.*?)</td>", treffer[1], re.S)]


def _seite(client, name, *args, query=None):
    antwort = client.get(
        reverse(name, args=args) + (zeitraum_abfrage() if query is None else query)
    )
    assert antwort.status_code == 200
    return antwort.content.decode()


# --- who reads what -----------------------------------------------------------------------


def test_the_administration_reads_every_region_side_by_side(zahlen, client_als):
    html = _seite(client_als(zahlen.verwaltung), "berichte:uebersicht")

    assert "Regionen von Berlin im Vergleich" in html
    assert _zeile(html, "Freiwillige im Einsatz") == ["6", "&lt; 5", "verborgen"]
    for name in ("Vertraulich", "Hanna", "Bea", "Finn"):
        assert name not in html


def test_a_regional_coordination_reads_its_region_only(zahlen, client_als):
    client = client_als(zahlen.rk_nord)

    # its overview is its own region (it has no regions below): the region's page
    antwort = client.get(reverse("berichte:uebersicht") + zeitraum_abfrage())
    assert (
        antwort["Location"]
        == reverse("berichte:region", args=[zahlen.nord.pk]) + zeitraum_abfrage()
    )
    html = _seite(client, "berichte:region", zahlen.nord.pk)
    assert _zeile(html, "Freiwillige im Einsatz")[0] == "6"
    for fremd in (zahlen.suedost.pk, zahlen.berlin.pk):
        assert client.get(reverse("berichte:region", args=[fremd])).status_code == 404
    assert (
        client.get(reverse("berichte:uebersicht") + f"?region={zahlen.berlin.pk}").status_code
        == 404
    )


@pytest.mark.parametrize("persona", ["ek_a", "freiwillig", "org_a", "fortbildung"])
def test_other_roles_get_no_report(zahlen, client_als, persona):
    client = client_als(getattr(zahlen, persona))
    assert client.get(reverse("berichte:uebersicht")).status_code == 403
    assert client.get(reverse("berichte:region", args=[zahlen.nord.pk])).status_code == 403
    assert client.get(reverse("api:bericht-detail", args=[zahlen.nord.pk])).status_code == 404


def test_the_menu_leads_the_administration_to_the_reports(zahlen, client_als):
    assert reverse("berichte:uebersicht") in _seite(
        client_als(zahlen.verwaltung), "start", query=""
    )
    assert reverse("berichte:uebersicht") not in _seite(client_als(zahlen.ek_a), "start", query="")


def test_the_page_shows_three_as_fewer_than_five_and_compares_with_the_month_before(
    zahlen, client_als
):
    html = _seite(client_als(zahlen.rk_suedost), "berichte:region", zahlen.suedost.pk)

    # Hanna began last month: fewer than five in the month before too, so no change shown
    assert _zeile(html, "Freiwillige im Einsatz") == ["&lt; 5", "&lt; 5", ""]
    assert _zeile(html, "Unterkünfte in Betrieb") == ["1", "1", "±0"]
    assert monat().vorige().label in html


def test_a_wrong_period_is_named_and_the_last_closed_month_shown(zahlen, client_als):
    html = _seite(client_als(zahlen.verwaltung), "berichte:uebersicht", query="?zeitraum=2026-13")

    assert "Einen Monat 13 gibt es nicht." in html
    assert Periode.monat_von(monat().von).vorige().label in html


def test_each_chart_comes_with_a_table_and_the_vendored_chartjs(zahlen, client_als):
    html = _seite(client_als(zahlen.verwaltung), "berichte:uebersicht")

    assert html.count('<canvas role="img"') == 3
    assert html.count("als Tabelle</caption>") == 3
    assert "/static/vendor/chartjs/chart.umd.min.js" in html
    # Every script and stylesheet comes from this server, none from another host.
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', html)


# --- exports ------------------------------------------------------------------------------


def _exportieren(client, region, format_, nebeneinander, callbacks):
    """Asks for an export as the page does, lets the worker run, and downloads the file."""
    with callbacks(execute=True):
        antwort = client.post(
            reverse("berichte:export_neu"),
            {
                "format": format_,
                "region": region.pk,
                "nebeneinander": "on" if nebeneinander else "",
                "zeitraum": monat().schluessel,
            },
        )
    assert antwort.status_code == 302
    auftrag = Exportauftrag.objects.latest("pk")
    assert auftrag.status == "fertig", auftrag.fehler
    assert auftrag.fortschritt == 100
    datei = client.get(reverse("berichte:export_datei", args=[auftrag.pk]))
    assert datei.status_code == 200
    return b"".join(datei.streaming_content), datei


def test_csv_opens_in_german_excel_and_hides_small_numbers(
    zahlen, client_als, django_capture_on_commit_callbacks
):
    inhalt, antwort = _exportieren(
        client_als(zahlen.verwaltung),
        zahlen.berlin,
        "csv",
        True,
        django_capture_on_commit_callbacks,
    )

    assert antwort["Content-Disposition"].endswith(f'vergleich-berlin-{monat().schluessel}.csv"')
    assert inhalt.startswith(b"\xef\xbb\xbf")
    zeilen = list(csv.reader(io.StringIO(inhalt.decode("utf-8-sig")), delimiter=";"))
    assert zeilen[0] == ["Bereich", "Kennzahl", "Berlin-Nord", "Berlin-Südost", "Berlin gesamt"]
    assert ["Freiwillige", "Freiwillige im Einsatz", "6", "< 5", "verborgen"] in zeilen


def test_xlsx_has_the_figures_and_native_charts(
    zahlen, client_als, django_capture_on_commit_callbacks
):
    inhalt, _antwort = _exportieren(
        client_als(zahlen.rk_suedost),
        zahlen.suedost,
        "xlsx",
        False,
        django_capture_on_commit_callbacks,
    )

    mappe = load_workbook(io.BytesIO(inhalt))
    blatt = mappe["Bericht"]
    zeilen = {row[1]: row[2:] for row in blatt.iter_rows(values_only=True) if len(row) > 2}
    assert zeilen["Freiwillige im Einsatz"][:2] == ("< 5", "< 5")
    assert zeilen["Unterkünfte in Betrieb"][0] == 1
    assert len(blatt._charts) == 2
    assert len(mappe["Tätigkeitsfelder"]._charts) == 1


@pytest.mark.pdf
@pytest.mark.pdftotext
def test_pdf_shows_the_figures_and_svg_charts(
    zahlen, client_als, django_capture_on_commit_callbacks, tmp_path
):
    inhalt, antwort = _exportieren(
        client_als(zahlen.verwaltung),
        zahlen.berlin,
        "pdf",
        True,
        django_capture_on_commit_callbacks,
    )

    assert antwort["Content-Type"] == "application/pdf"
    (tmp_path / "bericht.pdf").write_bytes(inhalt)
    text = pdf_text(tmp_path / "bericht.pdf")
    zeile = next(z for z in text.splitlines() if z.strip().startswith("Freiwillige im Einsatz"))
    assert " ".join(zeile.split()[3:]).replace("< 5", "<5") == "6 <5 verborgen"
    assert "Freiwillige im Einsatz je Region" in text  # the chart's title


def test_assignment_figures_per_month_hide_small_numbers(
    zahlen, client_als, django_capture_on_commit_callbacks
):
    inhalt, _antwort = _exportieren(
        client_als(zahlen.verwaltung),
        zahlen.berlin,
        "einsaetze",
        False,
        django_capture_on_commit_callbacks,
    )

    zeilen = list(csv.reader(io.StringIO(inhalt.decode("utf-8-sig")), delimiter=";"))
    assert zeilen[0] == ["Region", "Monat", "Tätigkeitsfeld", "Einsätze begonnen", "Personen"]
    assert ["Berlin-Nord", monat().von.strftime("%Y-%m"), "Deutschkurs", "6", "6"] in zeilen
    suedost = [z for z in zeilen if z[0] == "Berlin-Südost"]
    assert suedost and all(z[3] == z[4] == "< 5" for z in suedost)


def test_an_export_of_a_foreign_region_is_refused_and_nothing_created(zahlen, client_als):
    antwort = client_als(zahlen.rk_nord).post(
        reverse("berichte:export_neu"),
        {"format": "csv", "region": zahlen.suedost.pk, "zeitraum": monat().schluessel},
        follow=True,
    )

    assert "Diese Region gibt es nicht oder nicht für Sie." in antwort.content.decode()
    assert not Exportauftrag.objects.exists()


def test_someone_elses_export_answers_404(zahlen, client_als, django_capture_on_commit_callbacks):
    _exportieren(
        client_als(zahlen.verwaltung),
        zahlen.berlin,
        "csv",
        True,
        django_capture_on_commit_callbacks,
    )
    auftrag = Exportauftrag.objects.get()

    fremd = client_als(zahlen.rk_nord)
    assert fremd.get(reverse("berichte:export_status", args=[auftrag.pk])).status_code == 404
    assert fremd.get(reverse("berichte:export_datei", args=[auftrag.pk])).status_code == 404


def test_the_status_shows_progress_until_the_file_is_there(zahlen, client_als):
    client = client_als(zahlen.verwaltung)
    antwort = client.post(  # no commit callbacks: the worker has not started yet
        reverse("berichte:export_neu"),
        {"format": "pdf", "region": zahlen.berlin.pk, "nebeneinander": "on", "zeitraum": "2026"},
        HTTP_HX_REQUEST="true",
    )
    html = antwort.content.decode()
    assert "<progress" in html and 'hx-trigger="load delay:1s"' in html
    auftrag = Exportauftrag.objects.get()
    assert client.get(reverse("berichte:export_datei", args=[auftrag.pk])).status_code == 404


# --- API ----------------------------------------------------------------------------------


def test_the_api_gives_the_same_figures_with_fewer_than_five(zahlen, client_als):
    daten = (
        client_als(zahlen.verwaltung)
        .get(reverse("api:bericht-vergleich", args=[zahlen.berlin.pk]) + zeitraum_abfrage())
        .json()
    )

    werte = {s["titel"]: s["kennzahlen"]["freiwillige_aktiv"] for s in daten["spalten"]}
    assert werte == {"Berlin-Nord": 6, "Berlin-Südost": "< 5", "Berlin gesamt": "verborgen"}
    assert daten["zeitraum"] == monat().schluessel


def test_the_api_is_scoped_like_the_pages(zahlen, client_als):
    client = client_als(zahlen.rk_nord)
    liste = client.get(reverse("api:bericht-list")).json()

    assert [r["name"] for r in liste["results"]] == ["Berlin-Nord"]
    assert client.get(reverse("api:bericht-detail", args=[zahlen.suedost.pk])).status_code == 404
    assert client.get(reverse("api:bericht-gesamt")).status_code == 403
    assert client_als(zahlen.verwaltung).get(reverse("api:bericht-gesamt")).status_code == 200


def test_the_api_names_a_wrong_period(zahlen, client_als):
    antwort = client_als(zahlen.verwaltung).get(
        reverse("api:bericht-detail", args=[zahlen.nord.pk]) + "?zeitraum=2026-Q9"
    )

    assert antwort.status_code == 400
    assert "zeitraum" in antwort.json()


def test_regions_side_by_side_cost_as_many_queries_for_50_as_for_5(welt, client_als):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import BezirkFactory, RegionFactory

    client = client_als(welt.verwaltung)
    url = reverse("berichte:uebersicht") + f"?region={welt.nord.pk}&zeitraum={monat().schluessel}"

    def zaehlen(anzahl):
        for region in RegionFactory.create_batch(anzahl, oberregion=welt.nord):
            bedarf = BedarfFactory(unterkunft__bezirk=BezirkFactory(region=region))
            einsaetze(bedarf, 1, praefix=f"r{region.pk}-")
        with CaptureQueriesContext(connection) as abfragen:
            antwort = client.get(url)
        assert antwort.status_code == 200
        return len(abfragen), antwort.content.decode()

    fuenf, _html = zaehlen(5)
    fuenfzig, html = zaehlen(45)

    assert fuenf == fuenfzig
    assert html.count('<th scope="col" class="text-end"><a href="/berichte/regionen/') == 50
