from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .models import Einladung, User


class KontoErstellenForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "anzeigename"]


class KontoAendernForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = KontoErstellenForm
    form = KontoAendernForm
    ordering = ["email"]
    list_display = ["email", "anzeigename", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_active", "groups", "sprache"]
    search_fields = ["email", "anzeigename"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["anzeigename", "sprache"]}),
        (_("Rechte"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Zeiten"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "anzeigename", "password1", "password2"]}),
    ]


@admin.register(Einladung)
class EinladungAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "rolle",
        "eingeladen_von",
        "created_at",
        "gueltig_bis",
        "angenommen_am",
    ]
    list_filter = ["rolle"]
    search_fields = ["email"]
    readonly_fields = ["angenommen_am", "angenommen_von", "versendet_am"]
