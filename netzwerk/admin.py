from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from common.admin import TextfelderMixin
from common.importadmin import TabellenImportAdminMixin

from .importe import OrganisationResource
from .models import Arbeitsfeld, Mitgliedschaft, Organisation, Veranstaltung, Verteiler


@admin.register(Organisation)
class OrganisationAdmin(TextfelderMixin, TabellenImportAdminMixin, GuardedModelAdmin):
    """Organisations; import and export as CSV or XLSX (columns: see OrganisationResource)."""

    resource_classes = [OrganisationResource]
    list_display = ["name", "art", "region", "kontakt_email"]
    list_filter = ["art", "region"]
    search_fields = ["name", "kontakt_name", "kontakt_email"]


@admin.register(Arbeitsfeld)
class ArbeitsfeldAdmin(TextfelderMixin, admin.ModelAdmin):
    search_fields = ["name"]


class MitgliedschaftInline(TextfelderMixin, admin.TabularInline):
    model = Mitgliedschaft
    fields = ["organisation", "person", "status", "letzte_aktivitaet", "gewarnt_am", "entfernt_am"]
    readonly_fields = ["letzte_aktivitaet", "gewarnt_am", "entfernt_am"]
    autocomplete_fields = ["organisation", "person"]
    extra = 0


@admin.register(Verteiler)
class VerteilerAdmin(TextfelderMixin, admin.ModelAdmin):
    """Lists; members join and leave through the pages, which keep their history."""

    list_display = ["name", "region", "organisation", "inaktiv_nach_monaten", "karenz_tage"]
    list_filter = ["region"]
    search_fields = ["name"]
    inlines = [MitgliedschaftInline]


@admin.register(Veranstaltung)
class VeranstaltungAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["titel", "art", "beginn", "organisation", "region", "veroeffentlicht"]
    list_filter = ["art", "veroeffentlicht", "oeffentlich", "region"]
    search_fields = ["titel", "organisation__name"]
    date_hierarchy = "beginn"
    raw_id_fields = ["termin"]
