from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from common.admin import TextfelderMixin
from common.forms import formfeld
from common.models import Aufbewahrungslauf, Aufbewahrungsregel

from . import loeschantraege
from .models import ApiZugang, Einladung, Loeschantrag, User


class KontoErstellenForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "anzeigename"]
        formfield_callback = staticmethod(formfeld)  # Django's user forms are no ModelForm of ours


class KontoAendernForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        formfield_callback = staticmethod(formfeld)


@admin.register(User)
class UserAdmin(TextfelderMixin, BaseUserAdmin):
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
        (_("Zeiten"), {"fields": ["last_login", "date_joined", "inaktivitaet_gewarnt_am"]}),
    ]
    readonly_fields = ["inaktivitaet_gewarnt_am"]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "anzeigename", "password1", "password2"]}),
    ]
    actions = ["loeschung_beantragen"]

    @admin.action(description=_("Löschung beantragen (nach der Karenzzeit)"))
    def loeschung_beantragen(self, request, queryset):
        """Records the request a person made by letter or phone; the person is mailed and
        can withdraw it on "Mein Konto" until it is due."""
        antraege = [
            loeschantraege.loeschantrag_stellen(person, beantragt_von=request.user)
            for person in queryset.exclude(pk=request.user.pk)
        ]
        self.message_user(
            request, _("%(anzahl)d Löschanträge erfasst.") % {"anzahl": len(antraege)}
        )


@admin.register(Loeschantrag)
class LoeschantragAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["person", "beantragt_am", "faellig_am", "widerrufen_am", "ausgefuehrt_am"]
    list_filter = ["ausgefuehrt_am", "widerrufen_am"]
    readonly_fields = [
        "person",
        "beantragt_von",
        "beantragt_am",
        "widerrufen_am",
        "ausgefuehrt_am",
        "ergebnis",
    ]

    def has_add_permission(self, request):
        return False  # requests are recorded from the accounts list (UserAdmin's action)


@admin.register(Einladung)
class EinladungAdmin(TextfelderMixin, admin.ModelAdmin):
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


@admin.register(ApiZugang)
class ApiZugangAdmin(TextfelderMixin, admin.ModelAdmin):
    """Everyone's API tokens, to revoke one (deleting it); tokens are only ever issued by
    signing in through the API."""

    list_display = ["name", "user", "created", "expiry", "zweiter_faktor"]
    list_filter = ["zweiter_faktor"]
    search_fields = ["name", "user__email"]
    fields = ["name", "user", "created", "expiry", "zweiter_faktor"]
    readonly_fields = fields
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Aufbewahrungsregel)
class AufbewahrungsregelAdmin(TextfelderMixin, admin.ModelAdmin):
    """The retention schedule: period, on or off and words are the admin's; what a rule
    selects is code under its key (common/aufbewahrung.py), so rules are neither added nor
    deleted here. The dry run and the confirmation are on the schedule's page."""

    list_display = ["name", "monate", "aktiv", "bestaetigt_am", "geaendert_am"]
    list_editable = ["monate", "aktiv"]
    fields = ["schluessel", "name", "beschreibung", "monate", "aktiv", "bestaetigt_am"]
    readonly_fields = ["schluessel", "bestaetigt_am"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Aufbewahrungslauf)
class AufbewahrungslaufAdmin(TextfelderMixin, admin.ModelAdmin):
    list_display = ["gestartet_am", "beendet_am", "probelauf", "anzahl"]
    list_filter = ["probelauf"]
    fields = ["gestartet_am", "beendet_am", "probelauf", "ergebnis"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
