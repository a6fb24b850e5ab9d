from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from common.tabellen import TabellenImportAdminMixin

from .importe import OrganisationResource
from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(TabellenImportAdminMixin, GuardedModelAdmin):
    """Organisations; import and export as CSV or XLSX (columns: see OrganisationResource)."""

    resource_classes = [OrganisationResource]
    list_display = ["name", "art", "region", "kontakt_email"]
    list_filter = ["art", "region"]
    search_fields = ["name", "kontakt_name", "kontakt_email"]
