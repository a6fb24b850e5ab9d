"""PDF documents (letters, certificates) rendered from templates with WeasyPrint.

The fonts are vendored (DejaVu: Latin, Cyrillic and Arabic), so a name in any of these
scripts renders the same on every machine. WeasyPrint needs Pango from the system; where
it is missing, the page says so instead of failing obscurely.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


class PdfNichtVerfuegbar(RuntimeError):
    """WeasyPrint or the system's Pango library is missing."""


def _schrift(name: str) -> str:
    pfad = finders.find(f"vendor/dejavu/{name}")
    return Path(pfad).as_uri()


def pdf_bytes(template: str, kontext: dict) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as fehler:  # OSError: libpango not installed
        raise PdfNichtVerfuegbar(str(fehler)) from fehler
    html = render_to_string(
        template,
        {
            **kontext,
            "schrift_normal": _schrift("DejaVuSans.ttf"),
            "schrift_fett": _schrift("DejaVuSans-Bold.ttf"),
            "site_url": settings.SITE_URL,
        },
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def pdf_response(template: str, kontext: dict, dateiname: str) -> HttpResponse:
    try:
        inhalt = pdf_bytes(template, kontext)
    except PdfNichtVerfuegbar:
        return HttpResponse(
            _("PDF-Dokumente können auf diesem Server gerade nicht erzeugt werden."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    antwort = HttpResponse(inhalt, content_type="application/pdf")
    antwort["Content-Disposition"] = f'inline; filename="{dateiname}"'
    return antwort
