from django.contrib import admin

from .models import Nachweis, Profil, Sprachkenntnis


class SprachkenntnisInline(admin.TabularInline):
    model = Sprachkenntnis
    extra = 0


@admin.register(Profil)
class ProfilAdmin(admin.ModelAdmin):
    list_display = ["person", "status", "heimatbezirk"]
    list_filter = ["status"]
    search_fields = ["person__email", "person__anzeigename"]
    raw_id_fields = ["person"]
    filter_horizontal = ["bevorzugte_regionen", "interessen"]
    inlines = [SprachkenntnisInline]


@admin.register(Nachweis)
class NachweisAdmin(admin.ModelAdmin):
    list_display = ["person", "art", "ausgestellt_am", "eingesehen_am", "ergebnis", "faellig_am"]
    list_filter = ["art", "ergebnis"]
    search_fields = ["person__email"]
    raw_id_fields = ["person", "eingesehen_von"]
    readonly_fields = ["faellig_am"]
