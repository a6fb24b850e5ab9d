"""The pages that are not the platform's own templates work under its Content-Security-Policy:
Django's admin (with django-import-export's pages), the API documentation (Swagger UI) and
DRF's browsable API. csp_wache (conftest.py) fails each test if the browser refused anything
on the way."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_admin_works_under_the_policy(welt, page, anmelden, live_server):
    anmelden(page, welt.admin)
    unterkunft = welt.unterkunft_a
    for route, args, ueberschrift in [
        ("admin:index", [], "Website-Verwaltung"),
        ("admin:unterkuenfte_unterkunft_changelist", [], "Unterkunft"),
        ("admin:unterkuenfte_unterkunft_change", [unterkunft.pk], "Unterkunft ändern"),
        ("admin:konten_user_change", [welt.admin.pk], "ändern"),
        ("admin:unterkuenfte_unterkunft_import", [], "Importieren"),
    ]:
        page.goto(live_server.url + reverse(route, args=args))
        expect(page.get_by_role("heading", level=1)).to_contain_text(ueberschrift)

    # the export page's "select all" box, wired by a file instead of an onchange attribute
    page.goto(live_server.url + reverse("admin:unterkuenfte_unterkunft_export"))
    felder = page.locator('.selectable-field-export-row input[type="checkbox"]:visible')
    expect(felder.first).to_be_checked()
    page.get_by_label("Select all").uncheck()
    for feld in felder.all():
        expect(feld).not_to_be_checked()


def test_the_api_documentation_works_under_the_policy(page, live_server):
    page.goto(live_server.url + reverse("swagger-ui"))
    expect(page.get_by_role("heading", name="Ehrenamt-Plattform API")).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()


def test_the_browsable_api_works_under_the_policy(welt, page, anmelden, live_server):
    anmelden(page, welt.admin)
    page.goto(live_server.url + reverse("api:region-list"))
    expect(page.get_by_role("heading", name="Region List")).to_be_visible()
    expect(page.get_by_label("Antwort-Informationen")).to_contain_text("Berlin-Nord")
