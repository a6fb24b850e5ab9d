from django.contrib import admin

from common.admin import TextfelderMixin

from .models import Bewerbung, Einsatz, Nachweis, Profil, Sprachkenntnis, Verlaufseintrag


class SprachkenntnisInline(TextfelderMixin, admin.TabularInline):
    model = Sprachkenntnis
    extra = 0


@admin.register(Profil)
class ProfilAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["person", "status", "heimatbezirk"]
    list_filter = ["status"]
    search_fields = ["person__email", "person__anzeigename"]
    raw_id_fields = ["person"]
    filter_horizontal = ["bevorzugte_regionen", "interessen"]
    inlines = [SprachkenntnisInline]


@admin.register(Nachweis)
class NachweisAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["person", "art", "ausgestellt_am", "eingesehen_am", "ergebnis", "faellig_am"]
    list_filter = ["art", "ergebnis"]
    search_fields = ["person__email"]
    raw_id_fields = ["person", "eingesehen_von"]
    readonly_fields = ["faellig_am"]


class VerlaufInline(TextfelderMixin, admin.TabularInline):
    model = Verlaufseintrag
    extra = 0
    can_delete = False
    readonly_fields = ["von_status", "nach_status", "akteur", "notiz", "zeitpunkt", "einsatz"]


@admin.register(Bewerbung)
class BewerbungAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["person", "bedarf", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["person__email", "bedarf__titel"]
    raw_id_fields = ["person", "bedarf"]
    inlines = [VerlaufInline]


@admin.register(Einsatz)
class EinsatzAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["person", "bedarf", "unterkunft", "status", "beginn", "ende"]
    list_filter = ["status"]
    search_fields = ["person__email", "unterkunft__name"]
    raw_id_fields = ["person", "bedarf", "unterkunft", "bewerbung"]
