"""Imports run in the worker: the request stores the bounded upload and queues a job, its
page shows the progress (htmx asks again, without JavaScript the page reloads itself) and
then the result; a clean dry run is taken over from there. A job is its creator's alone."""

import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, transaction
from django.urls import reverse
from django.utils import timezone

from common.auftraege import Fortschritt, importe_aufraeumen
from common.models import Importauftrag
from common.tasks import tabellen_import
from netzwerk.importe import VERTEILER_SPALTEN
from netzwerk.models import Organisation, Verteiler
from netzwerk.tasks import verteiler_import
from tests.celery_hilfen import warten, worker_im_prozess
from tests.factories import ImportauftragFactory, UserFactory, VerteilerFactory
from tests.importe import gespeicherte_dateien

KOPF = list(VERTEILER_SPALTEN)
LISTE = [
    KOPF,
    ["Kulturverein Nord", "mso", "Rami Nasser", "rami@kulturverein.invalid", "", "", ""],
    ["Ukrainische Mütter", "", "Olena Koval", "olena@muetter.invalid", "", "", ""],
]


def _csv(zeilen) -> bytes:
    return ("\ufeff" + "\r\n".join(";".join(zeile) for zeile in zeilen)).encode()


@pytest.fixture
def liste(welt):
    return VerteilerFactory(name="Netzwerk Nord", region=welt.nord)


def _ohne_worker(client, liste, importieren=False):
    """Uploads as the page does; the job waits (its commit has not happened yet)."""
    daten = {"datei": SimpleUploadedFile("verteiler.csv", _csv(LISTE))}
    daten["importieren" if importieren else "pruefen"] = ""
    antwort = client.post(reverse("netzwerk:import", args=[liste.pk]), daten)
    assert antwort.status_code == 302
    return Importauftrag.objects.latest("pk"), antwort["Location"]


# --- through the worker ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_list_file_is_checked_by_the_worker_and_taken_over_from_its_page(
    welt, liste, client_als, liste_hochladen, django_capture_on_commit_callbacks, importordner
):
    client = client_als(welt.rk_nord)

    pruefung = liste_hochladen(client, liste, _csv(LISTE), "verteiler.csv")

    text = pruefung.content.decode()
    assert "Probelauf ohne Fehler:" in text
    assert "Neue Mitglieder: 2, davon neu angelegte Organisationen: 2." in text
    assert "Datei „verteiler.csv“" in text
    assert not Organisation.objects.filter(name="Kulturverein Nord").exists()
    auftrag = Importauftrag.objects.get()
    assert (auftrag.status, auftrag.fortschritt, auftrag.probelauf) == ("fertig", 100, True)
    assert gespeicherte_dateien(importordner) == [auftrag.datei]  # kept for taking it over

    with django_capture_on_commit_callbacks(execute=True):
        client.post(pruefung.redirect_chain[-1][0])
    antwort = client.get(pruefung.redirect_chain[-1][0], follow=True)

    assert antwort.redirect_chain[-1][0] == reverse("netzwerk:verteiler", args=[liste.pk])
    assert "Neue Mitglieder: 2, davon neu angelegte Organisationen: 2." in antwort.content.decode()
    assert liste.mitgliedschaften.auf_der_liste().count() == 2
    assert gespeicherte_dateien(importordner) == []


@pytest.mark.django_db
def test_taking_a_dry_run_over_twice_imports_once(
    welt, liste, client_als, liste_hochladen, django_capture_on_commit_callbacks
):
    client = client_als(welt.rk_nord)
    seite = liste_hochladen(client, liste, _csv(LISTE), "verteiler.csv").redirect_chain[-1][0]

    with django_capture_on_commit_callbacks(execute=True) as aufgaben:
        client.post(seite)
        client.post(seite)

    assert len(aufgaben) == 1
    assert liste.mitgliedschaften.auf_der_liste().count() == 2


# --- the progress page ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_progress_page_works_without_javascript_and_with_htmx(
    welt, liste, client_als, importordner
):
    client = client_als(welt.rk_nord)
    auftrag, seite = _ohne_worker(client, liste)

    html = client.get(seite).content.decode()
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html
    assert f'<progress id="fortschritt-{auftrag.pk}" max="100" value="0">' in html
    assert "Die Datei wird geprüft." in html
    assert 'name="datei"' not in html  # no second upload while one runs
    teil = client.get(seite, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="load delay:1s"' in teil.content.decode()
    assert "<html" not in teil.content.decode()

    verteiler_import(auftrag.pk, "de")  # the worker

    assert client.get(seite, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    html = client.get(seite).content.decode()
    assert "Probelauf ohne Fehler:" in html
    assert "<noscript><meta" not in html and "<progress" not in html


@pytest.mark.django_db
def test_the_admins_progress_page_reloads_itself_until_the_job_is_done(
    welt, client_als, importordner
):
    client = client_als(welt.admin)
    datei = SimpleUploadedFile("unterkuenfte.csv", b"name;betreiber\r\n")
    antwort = client.post(
        reverse("admin:unterkuenfte_unterkunft_import"),
        {"resource": "0", "format": "0", "import_file": datei},
    )
    auftrag = Importauftrag.objects.get()
    assert antwort["Location"] == reverse(
        "admin:unterkuenfte_unterkunft_import_auftrag", args=[auftrag.pk]
    )

    html = client.get(antwort["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "Die Datei wird geprüft; die Vorschau folgt." in html

    (importordner / auftrag.datei).unlink()  # the file is gone before the worker starts
    tabellen_import(auftrag.pk, "de")

    html = client.get(antwort["Location"]).content.decode()
    assert "Der Import ist fehlgeschlagen; es wurde nichts übernommen." in html
    assert '<meta http-equiv="refresh"' not in html


@pytest.mark.django_db
def test_a_failed_job_says_so_and_offers_a_new_upload(welt, liste, client_als, importordner):
    client = client_als(welt.rk_nord)
    auftrag, seite = _ohne_worker(client, liste)
    (importordner / auftrag.datei).unlink()  # the file is gone before the worker starts

    verteiler_import(auftrag.pk, "de")

    html = client.get(seite).content.decode()
    assert "Der Import ist fehlgeschlagen; es wurde nichts übernommen." in html
    assert 'name="datei"' in html


@pytest.mark.django_db
def test_the_worker_imports_nothing_into_a_list_the_person_no_longer_runs(
    welt, liste, client_als, importordner
):
    auftrag, _seite = _ohne_worker(client_als(welt.rk_nord), liste, importieren=True)
    Verteiler.objects.filter(pk=liste.pk).update(region=welt.suedost)

    verteiler_import(auftrag.pk, "de")

    auftrag.refresh_from_db()
    assert auftrag.status == "fehler"
    assert auftrag.fehler == "Sie dürfen hier nicht mehr importieren; es wurde nichts übernommen."
    assert not Organisation.objects.filter(name="Kulturverein Nord").exists()
    assert gespeicherte_dateien(importordner) == []


# --- whose job -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_someone_elses_import_job_answers_404_also_to_a_platform_admin(
    welt, liste, client_als, importordner, django_capture_on_commit_callbacks
):
    auftrag, seite = _ohne_worker(client_als(welt.rk_nord), liste)
    verteiler_import(auftrag.pk, "de")

    for fremd in (welt.admin, welt.rk_suedost):
        client = client_als(fremd)
        assert client.get(seite).status_code == 404
        with django_capture_on_commit_callbacks(execute=True) as aufgaben:
            assert client.post(seite).status_code == 404
        assert not aufgaben
    assert Importauftrag.objects.get().probelauf


@pytest.mark.django_db
def test_someone_elses_admin_import_job_answers_404(welt, client_als, unterkuenfte_hochladen):
    vorschau = unterkuenfte_hochladen(client_als(welt.admin), b"name;betreiber\r\n")
    auftrag = Importauftrag.objects.get()
    andere = UserFactory(email="zweite-admin@test.invalid", is_staff=True, is_superuser=True)
    client = client_als(andere)

    url = reverse("admin:unterkuenfte_unterkunft_import_auftrag", args=[auftrag.pk])
    assert vorschau.redirect_chain[-1][0] == url
    assert client.get(url).status_code == 404
    bestaetigen = reverse("admin:unterkuenfte_unterkunft_process_import")
    assert client.post(bestaetigen, {"auftrag": auftrag.pk}).status_code == 404


# --- progress from inside the import's transaction, and the real worker ------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_progress_written_inside_the_imports_transaction_is_seen_by_the_polling_page(
    welt, importordner
):
    auftrag = ImportauftragFactory(erstellt_von=welt.rk_nord)
    fortschritt = Fortschritt(auftrag.pk)
    seite = connections.create_connection("default")  # the web process polling the job
    try:
        with transaction.atomic():
            fortschritt(50, 100)
            with seite.cursor() as cursor:
                cursor.execute("SELECT fortschritt FROM common_importauftrag")
                assert cursor.fetchone() == (52,)
    finally:
        fortschritt.schliessen()
        seite.close()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_checks_an_uploaded_list(welt, liste, client_als, importordner):
    client = client_als(welt.rk_nord)
    with worker_im_prozess(pool="solo"):
        auftrag, seite = _ohne_worker(client, liste)
        assert warten(lambda: Importauftrag.objects.get(pk=auftrag.pk).status == "fertig")

    assert "Neue Mitglieder: 2" in client.get(seite).content.decode()
    assert not Organisation.objects.filter(name="Kulturverein Nord").exists()


# --- clearing away ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_uploads_are_cleared_away_a_day_later(welt, liste, client_als, importordner, settings):
    auftrag, _seite = _ohne_worker(client_als(welt.rk_nord), liste)
    neu, _seite = _ohne_worker(client_als(welt.rk_nord), liste)
    vor_25_stunden = timezone.now() - timedelta(hours=25)
    Importauftrag.objects.filter(pk=auftrag.pk).update(created_at=vor_25_stunden)
    verwaist = importordner / "verwaist"  # a request that failed after storing its upload
    verwaist.write_bytes(b"x")
    os.utime(verwaist, (vor_25_stunden.timestamp(),) * 2)
    settings.IMPORT_AUFBEWAHRUNG_STUNDEN = 24

    assert importe_aufraeumen() == 1

    assert list(Importauftrag.objects.values_list("pk", flat=True)) == [neu.pk]
    assert gespeicherte_dateien(importordner) == [neu.datei]
