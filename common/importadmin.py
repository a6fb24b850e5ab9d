"""Spreadsheet import and export in the Django admin (the worker's part: adminimport.py).

django-import-export's pages stay as they are: upload, preview with row errors by line,
confirm. In between, the upload is bounded (common/uploads.py) and becomes an
``Importauftrag``: the worker builds the preview, a page shows the progress (reloading
itself, the admin has no htmx), then the preview; confirming runs the same job again for
real (common/auftraege.py).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.forms import ImportForm

from .adminimport import ADMIN
from .auftraege import import_anlegen, import_uebernehmen
from .models import Importauftrag
from .tabellen import (
    BegrenztesXLSX,
    DeutschesCSV,
    ergebnis_laden,
    fehlerzeilen,
)
from .tasks import tabellen_import
from .uploads import grenzen_text, upload_pruefen
from .views import get_scoped_object_or_404


class BegrenztesImportFormular(ImportForm):
    """django-import-export's upload form with the upload's bounds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["import_file"].help_text = grenzen_text()

    def clean_import_file(self):
        datei = self.cleaned_data["import_file"]
        upload_pruefen(datei)
        return datei


class ImportBestaetigung(forms.Form):
    """Confirms a clean dry run: the job it was."""

    auftrag = forms.IntegerField(widget=forms.HiddenInput)


class TabellenImportAdminMixin(ImportExportMixin):
    """Import and export buttons for a ModelAdmin (put it before GuardedModelAdmin).

    Upload CSV or XLSX, see the dry-run preview with row errors by spreadsheet line,
    confirm. Only who may add and change rows may import; only who may view them, export.
    """

    import_formats = [DeutschesCSV, BegrenztesXLSX]
    export_formats = [DeutschesCSV, base_formats.XLSX]
    import_form_class = BegrenztesImportFormular
    confirm_form_class = ImportBestaetigung
    # the library's page without its inline handler and styles, which the CSP refuses
    export_template_name = "admin/tabellen_export.html"

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_urls(self):
        name = "{}_{}_import_auftrag".format(*self.get_model_info())
        return [
            path("import/<int:pk>/", self.admin_site.admin_view(self.import_auftrag), name=name),
            *super().get_urls(),
        ]

    def _url(self, seite: str, *args) -> str:
        return reverse(
            "admin:{}_{}_{}".format(*self.get_model_info(), seite),
            args=args,
            current_app=self.admin_site.name,
        )

    def import_action(self, request, **kwargs):
        """A valid upload becomes a job; the form itself (and its errors) as before."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        formular = self.create_import_form(request) if request.method == "POST" else None
        if formular is None or not formular.is_valid():
            return super().import_action(request, **kwargs)
        format_klasse = self.get_import_formats()[int(formular.cleaned_data["format"])]
        auftrag = import_anlegen(
            request.user,
            ADMIN + self.opts.label_lower,
            formular.cleaned_data["import_file"],
            format_klasse().get_title(),
            probelauf=True,
            task=tabellen_import,
            optionen={"resource": int(formular.cleaned_data.get("resource") or 0)},
        )
        return redirect(self._url("import_auftrag", auftrag.pk))

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """Confirming the preview: the dry run's job runs again for real."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        formular = ImportBestaetigung(request.POST)
        if not formular.is_valid():
            raise Http404
        auftrag = self._auftrag(request, formular.cleaned_data["auftrag"])
        import_uebernehmen(auftrag, tabellen_import)
        return redirect(self._url("import_auftrag", auftrag.pk))

    def _auftrag(self, request, pk):
        auftrag = get_scoped_object_or_404(request.user, Importauftrag, pk)
        if auftrag.art != ADMIN + self.opts.label_lower:
            raise Http404
        return auftrag

    def import_auftrag(self, request, pk):
        """The job: its progress, then the preview (dry run) or where the import led."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        auftrag = self._auftrag(request, pk)
        if auftrag.status != Importauftrag.Status.FERTIG:
            kontext = {
                **self.admin_site.each_context(request),
                "title": _("Import"),
                "opts": self.opts,
                "auftrag": auftrag,
            }
            return TemplateResponse(request, "admin/import_auftrag.html", kontext)
        ergebnis = ergebnis_laden(auftrag.ergebnis)
        if not auftrag.probelauf:
            return self._uebernommen(request, auftrag, ergebnis)
        antwort = super().import_action(request)  # the upload form, as a GET shows it
        antwort.context_data["result"] = ergebnis
        if auftrag.fehlerfrei:
            antwort.context_data["confirm_form"] = ImportBestaetigung(
                initial={"auftrag": auftrag.pk}
            )
        return antwort

    def _uebernommen(self, request, auftrag, ergebnis):
        if auftrag.fehlerfrei:
            self.add_success_message(ergebnis, request)
            return redirect(self._url("changelist"))
        # the data changed since the preview: the import was rolled back
        messages.error(
            request,
            _("Nichts wurde importiert: %(fehler)s")
            % {"fehler": "; ".join(fehlerzeilen(ergebnis))},
        )
        return redirect(self._url("import"))
