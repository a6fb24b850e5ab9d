"""The worker's part of a spreadsheet import of the Django admin (common/importadmin.py has the
pages): the model admin's own import resource and permissions, applied to the upload."""

from types import SimpleNamespace

from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from import_export.signals import post_import

from .tabellen import ergebnis_speichern, importieren

#: ``Importauftrag.art`` of an admin import: "admin:" and the model's label
ADMIN = "admin:"


def admin_import_ausfuehren(auftrag, datei, fortschritt):
    """The worker's part of an admin import (common.tasks.tabellen_import)."""
    model = apps.get_model(auftrag.art.removeprefix(ADMIN))
    modeladmin = admin.site.get_model_admin(model)
    # all the admin's methods read of a request is the person
    anfrage = SimpleNamespace(user=auftrag.erstellt_von)
    if not modeladmin.has_import_permission(anfrage):
        raise PermissionDenied
    resource = modeladmin.get_import_resource_classes(anfrage)[auftrag.optionen["resource"]]
    ergebnis = importieren(
        resource,
        datei,
        auftrag.format,
        dry_run=auftrag.probelauf,
        fortschritt=fortschritt,
        retain_instance_in_row_result=not auftrag.probelauf,
    )
    fehlerfrei = not (ergebnis.has_errors() or ergebnis.has_validation_errors())
    if fehlerfrei and not auftrag.probelauf:
        modeladmin.generate_log_entries(ergebnis, anfrage)  # the admin's history, as before
        post_import.send(sender=None, model=model)
    return fehlerfrei, ergebnis_speichern(ergebnis)
