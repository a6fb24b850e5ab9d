from django.contrib import admin

from common.admin import TextfelderMixin

from .models import Anmeldung, Erteilung, Kurs, Qualifikation, Reihe, Sitzung, Themenwunsch


@admin.register(Qualifikation)
class QualifikationAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["name", "gueltigkeit_monate"]
    search_fields = ["name"]


@admin.register(Reihe)
class ReiheAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["titel", "stufe", "jahr", "zielgruppe"]
    list_filter = ["stufe", "jahr", "zielgruppe"]


class SitzungInline(TextfelderMixin, admin.TabularInline):
    model = Sitzung
    extra = 0


@admin.register(Kurs)
class KursAdmin(TextfelderMixin, admin.ModelAdmin):
    """Seats and registrations are changed on the team's pages, whose service functions
    count seats under a lock; the admin shows courses for reference."""

    list_display = ["titel", "reihe", "plaetze", "anmeldung_bis", "veroeffentlicht"]
    list_filter = ["reihe", "veroeffentlicht"]
    search_fields = ["titel"]
    inlines = [SitzungInline]


@admin.register(Anmeldung)
class AnmeldungAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["person", "kurs", "status", "abgeschlossen_am"]
    list_filter = ["status", "kurs__reihe"]
    search_fields = ["person__email", "person__anzeigename", "bescheinigungscode"]
    readonly_fields = ["kurs", "person", "status", "bescheinigungscode", "abgeschlossen_am"]


@admin.register(Erteilung)
class ErteilungAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["person", "qualifikation", "erteilt_am", "gueltig_bis", "kurs"]
    list_filter = ["qualifikation"]
    search_fields = ["person__email", "person__anzeigename"]


@admin.register(Themenwunsch)
class ThemenwunschAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["titel", "vorgeschlagen_von", "created_at"]
    search_fields = ["titel"]
