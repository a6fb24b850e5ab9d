from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import Freitextfeld, ModelForm
from konten.models import User

from .models import Kurs, Qualifikation, Reihe, Sitzung, Themenwunsch


def _zeitpunkt():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ReiheForm(ModelForm):
    class Meta:
        model = Reihe
        fields = ["titel", "stufe", "jahr", "zielgruppe", "beschreibung"]
        widgets = {"beschreibung": forms.Textarea(attrs={"rows": 3})}


class KursForm(ModelForm):
    class Meta:
        model = Kurs
        fields = [
            "reihe",
            "titel",
            "beschreibung",
            "leitung",
            "plaetze",
            "anmeldung_ab",
            "anmeldung_bis",
            "abmeldung_bis",
            "mindestanwesenheit",
            "vermittelt",
            "voraussetzungen",
            "themenwunsch",
            "veroeffentlicht",
        ]
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 4}),
            "anmeldung_ab": _zeitpunkt(),
            "anmeldung_bis": _zeitpunkt(),
            "abmeldung_bis": _zeitpunkt(),
            "voraussetzungen": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        daten = super().clean()
        ab, bis = daten.get("anmeldung_ab"), daten.get("anmeldung_bis")
        # named here, so the person reads a sentence instead of the constraint's name
        if ab and bis and bis <= ab:
            self.add_error("anmeldung_bis", _("Die Anmeldung muss enden, nachdem sie beginnt."))
        return daten

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reihe"].queryset = Reihe.objects.for_user(user, "change")
        self.fields["vermittelt"].queryset = Qualifikation.objects.for_user(user)
        self.fields["voraussetzungen"].queryset = Qualifikation.objects.for_user(user)
        self.fields["themenwunsch"].queryset = Themenwunsch.objects.for_user(user)


class SitzungForm(ModelForm):
    online_link = forms.URLField(
        label=_("Link zur Online-Teilnahme"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Sitzung
        fields = ["beginn", "ende", "ort", "online_link"]
        widgets = {"beginn": _zeitpunkt(), "ende": _zeitpunkt()}

    def clean(self):
        daten = super().clean()
        beginn, ende = daten.get("beginn"), daten.get("ende")
        if beginn and ende and ende <= beginn:
            self.add_error("ende", _("Die Sitzung endet, bevor sie beginnt."))
        return daten


class _SitzungBasis(forms.BaseInlineFormSet):
    def sitzungen(self) -> list[Sitzung]:
        """The course's complete list of sessions as entered (removed and empty rows left out)."""
        return [
            form.instance
            for form in self.forms
            if form not in self.deleted_forms and (form.instance.pk or form.has_changed())
        ]


SitzungFormSet = forms.inlineformset_factory(
    Kurs,
    Sitzung,
    form=SitzungForm,
    formset=_SitzungBasis,
    extra=2,
    can_delete=True,
)


class ErteilungForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse der Person"))
    qualifikation = forms.ModelChoiceField(
        label=_("Qualifikation"), queryset=Qualifikation.objects.none()
    )
    grund = Freitextfeld(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zum Beispiel: mehrjährige Erfahrung als Ehrenamtskoordination."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qualifikation"].queryset = Qualifikation.objects.for_user(user)

    def clean_email(self):
        person = User.objects.filter(
            email__iexact=self.cleaned_data["email"], is_active=True
        ).first()
        if person is None:
            raise forms.ValidationError(_("Zu dieser Adresse gibt es kein aktives Konto."))
        self.person = person
        return self.cleaned_data["email"]


class ThemenwunschForm(ModelForm):
    class Meta:
        model = Themenwunsch
        fields = ["titel", "beschreibung"]
        widgets = {"beschreibung": forms.Textarea(attrs={"rows": 2})}
