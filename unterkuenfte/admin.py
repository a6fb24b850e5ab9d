from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from common.admin import TextfelderMixin
from common.importadmin import TabellenImportAdminMixin

from .importe import UnterkunftResource
from .models import (
    Anforderungsart,
    Bedarf,
    Hausverbot,
    Taetigkeitsfeld,
    Unterkunft,
    Unterkunftsart,
    Zeitfenster,
)


@admin.register(Unterkunftsart)
class UnterkunftsartAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["name", "kuerzel"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Anforderungsart)
class AnforderungsartAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "rechtsgrundlage",
        "hoechstalter_bei_vorlage_tage",
        "gueltigkeit_monate",
    ]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Taetigkeitsfeld)
class TaetigkeitsfeldAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["anforderungen"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Unterkunft)
class UnterkunftAdmin(TextfelderMixin, TabellenImportAdminMixin, GuardedModelAdmin):
    """Shelters; import and export as CSV or XLSX (columns: see UnterkunftResource)."""

    resource_classes = [UnterkunftResource]
    list_display = [
        "name",
        "betreiber",
        "region",
        "bezirk",
        "art",
        "status",
        "belegung",
        "kapazitaet",
    ]
    list_filter = ["status", "region", "art"]
    search_fields = ["name", "betreiber__name"]
    autocomplete_fields = ["betreiber"]
    filter_horizontal = ["sprachen", "anforderungen"]
    list_select_related = ["betreiber", "region", "bezirk", "art"]


class ZeitfensterInline(TextfelderMixin, admin.TabularInline):
    model = Zeitfenster
    extra = 0


@admin.register(Bedarf)
class BedarfAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = [
        "titel",
        "unterkunft",
        "taetigkeitsfeld",
        "status",
        "anzahl_helfende",
        "beginn",
        "ende",
    ]
    list_filter = ["status", "taetigkeitsfeld"]
    search_fields = ["titel", "unterkunft__name"]
    inlines = [ZeitfensterInline]
    list_select_related = ["unterkunft", "taetigkeitsfeld"]


@admin.register(Hausverbot)
class HausverbotAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["person", "unterkunft", "von", "bis"]
    search_fields = ["person__email", "unterkunft__name"]
    raw_id_fields = ["person", "erteilt_von"]
