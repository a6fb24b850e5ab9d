from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import ModelForm, UebersetzungenFormMixin
from konten.models import User

from .models import Bedarf, Hausverbot, Unterkunft, Zeitfenster

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ZEIT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class UnterkunftForm(ModelForm):
    """What a shelter's coordination keeps up to date (name, operator and region are admin data)."""

    class Meta:
        model = Unterkunft
        fields = [
            "beschreibung",
            "kapazitaet",
            "belegung",
            "sprachen",
            "status",
            "in_betrieb_seit",
            "schliessung_am",
            "strasse",
            "plz",
            "ort",
            "ek_name",
            "ek_email",
            "ek_telefon",
            "anforderungen",
        ]
        widgets = {
            "in_betrieb_seit": DATUM,
            "schliessung_am": DATUM,
            "sprachen": forms.CheckboxSelectMultiple,
            "anforderungen": forms.CheckboxSelectMultiple,
        }

    def clean_plz(self):
        plz = self.cleaned_data["plz"].strip()
        if not (plz.isdigit() and len(plz) == 5):
            raise forms.ValidationError(_("Bitte eine fünfstellige Postleitzahl angeben."))
        return plz


class BedarfForm(UebersetzungenFormMixin, ModelForm):
    class Meta:
        model = Bedarf
        fields = [
            "titel",
            "taetigkeitsfeld",
            "beschreibung",
            "sprachen",
            "anzahl_helfende",
            "einmalig_am",
            "beginn",
            "ende",
            "zusaetzliche_anforderungen",
        ]
        widgets = {
            "einmalig_am": DATUM,
            "beginn": DATUM,
            "ende": DATUM,
            "sprachen": forms.CheckboxSelectMultiple,
            "zusaetzliche_anforderungen": forms.CheckboxSelectMultiple,
        }


class ZeitfensterForm(ModelForm):
    class Meta:
        model = Zeitfenster
        fields = ["wochentag", "von", "bis"]
        widgets = {"von": ZEIT, "bis": ZEIT}


class _ZeitfensterBasis(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        hat_fenster = any(
            form.cleaned_data and not form.cleaned_data.get("DELETE") for form in self.forms
        )
        einmalig = self.instance.einmalig_am
        if not hat_fenster and not einmalig:
            raise forms.ValidationError(
                _(
                    "Bitte mindestens ein wöchentliches Zeitfenster "
                    "oder einen einmaligen Termin angeben."
                )
            )


ZeitfensterFormSet = forms.inlineformset_factory(
    Bedarf,
    Zeitfenster,
    form=ZeitfensterForm,
    formset=_ZeitfensterBasis,
    extra=2,
    can_delete=True,
    max_num=14,
    validate_max=True,
)


class HausverbotForm(ModelForm):
    email = forms.EmailField(
        label=_("E-Mail-Adresse der Person"),
        help_text=_("Die Person muss ein Konto auf der Plattform haben."),
    )

    class Meta:
        model = Hausverbot
        fields = ["email", "von", "bis", "grund"]
        widgets = {"von": DATUM, "bis": DATUM}

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        person = User.objects.filter(email__iexact=email).first()
        if person is None:
            raise forms.ValidationError(_("Zu dieser E-Mail-Adresse gibt es kein Konto."))
        self.instance.person = person
        return email
