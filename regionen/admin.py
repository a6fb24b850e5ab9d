from django.contrib import admin
from guardian.admin import GuardedModelAdmin

from .models import Bezirk, Region


class BezirkInline(admin.TabularInline):
    model = Bezirk
    extra = 0
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Region)
class RegionAdmin(GuardedModelAdmin):
    list_display = ["name", "art", "oberregion"]
    list_filter = ["art"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BezirkInline]


@admin.register(Bezirk)
class BezirkAdmin(admin.ModelAdmin):
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
