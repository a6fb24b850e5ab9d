from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from common.admin import TextfelderMixin

from .models import Bezirk, JourFixeSerie, Region, Termin


class BezirkInline(TextfelderMixin, admin.TabularInline):
    model = Bezirk
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Region)
class RegionAdmin(TextfelderMixin, GuardedModelAdmin):
    list_display = ["name", "art", "oberregion"]
    list_filter = ["art"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BezirkInline]


@admin.register(Bezirk)
class BezirkAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(JourFixeSerie)
class JourFixeSerieAdmin(TextfelderMixin, admin.ModelAdmin):
    """Series are created by the regional coordination on its pages; here admins add
    individually invited persons (guests beyond the circle) and correct details."""

    list_display = ["titel", "region", "regel", "beendet_am"]
    list_filter = ["region"]
    search_fields = ["titel"]
    autocomplete_fields = ["weitere_eingeladene"]


@admin.register(Termin)
class TerminAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["serie", "beginn", "status"]
    list_filter = ["status", "serie__region"]
    date_hierarchy = "beginn"
    list_select_related = ["serie"]
