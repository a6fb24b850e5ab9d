from django.contrib import admin

from common.admin import TextfelderMixin

from .models import Einstellung


@admin.register(Einstellung)
class EinstellungAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["person", "abbestellt", "updated_at"]
    search_fields = ["person__email"]
    raw_id_fields = ["person"]
    readonly_fields = ["abmeldetoken"]
