from django import forms
from django.conf import settings
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from common.forms import Freitextfeld, ModelForm, Zeilenfeld
from konten.models import User
from unterkuenfte.forms import DATUM, ZEIT

from .gruende import ueberschneidung
from .models import Nachweis, Profil, Sprachkenntnis, Stundeneintrag, Verfuegbarkeit
from .services import stunden_pruefen


class RegistrierenForm(forms.Form):
    anzeigename = Zeilenfeld(
        label=_("Ihr Name"),
        max_length=150,
        help_text=_("Vor einer Bewerbung sehen Unterkünfte nur Ihren Vornamen."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-Mail-Adresse"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    sprache = forms.ChoiceField(label=_("Bevorzugte Sprache"), choices=settings.LANGUAGES)


class PasswortWaehlenForm(SetPasswordForm):
    """The password chosen on the verification page; checked against the person's name and
    address like every other password."""

    def __init__(self, *args, email, anzeigename, **kwargs):
        super().__init__(User(email=email, anzeigename=anzeigename), *args, **kwargs)


class ErklaerungenForm(forms.Form):
    """One required checkbox per declaration still to accept."""

    def __init__(self, *args, erklaerungen, **kwargs):
        super().__init__(*args, **kwargs)
        self.erklaerungen = erklaerungen
        for erklaerung in erklaerungen:
            self.fields[f"erklaerung_{erklaerung.pk}"] = forms.BooleanField(
                label=_("Ich habe „%(titel)s“ (Version %(version)s) gelesen und stimme zu.")
                % {"titel": erklaerung.titel, "version": erklaerung.version},
                error_messages={"required": _("Bitte stimmen Sie dieser Erklärung zu.")},
            )


class ProfilForm(ModelForm):
    class Meta:
        model = Profil
        fields = [
            "heimatbezirk",
            "bevorzugte_regionen",
            "interessen",
            "geburtsjahr",
            "telefon",
            "freitext",
        ]
        widgets = {
            "bevorzugte_regionen": forms.CheckboxSelectMultiple,
            "interessen": forms.CheckboxSelectMultiple,
            "telefon": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "geburtsjahr": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "freitext": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "geburtsjahr": _(
                "Nur das Jahr: Davon hängt ab, ob ein Masernschutz-Nachweis nötig ist."
            ),
            "heimatbezirk": _("Unterkünfte sehen Ihren Bezirk, nie Ihre Adresse."),
        }


class SprachkenntnisForm(ModelForm):
    class Meta:
        model = Sprachkenntnis
        fields = ["sprache", "niveau"]


SprachkenntnisFormSet = forms.inlineformset_factory(
    Profil,
    Sprachkenntnis,
    form=SprachkenntnisForm,
    extra=1,
    can_delete=True,
    max_num=12,
    validate_max=True,
)


class VerfuegbarkeitForm(ModelForm):
    class Meta:
        model = Verfuegbarkeit
        fields = ["wochentag", "von", "bis"]
        widgets = {"von": ZEIT, "bis": ZEIT}


class _VerfuegbarkeitBasis(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        fehler = ueberschneidung(
            (f.cleaned_data["wochentag"], f.cleaned_data["von"], f.cleaned_data["bis"])
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        )
        if fehler:
            raise forms.ValidationError(fehler)


VerfuegbarkeitFormSet = forms.inlineformset_factory(
    Profil,
    Verfuegbarkeit,
    form=VerfuegbarkeitForm,
    formset=_VerfuegbarkeitBasis,
    extra=1,
    can_delete=True,
    max_num=21,
    validate_max=True,
)


class BewerbenForm(forms.Form):
    nachricht = Freitextfeld(
        label=_("Kurze Nachricht an die Koordination"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Zum Beispiel: was Sie mitbringen und wann Sie anfangen können."),
    )


class TextForm(forms.Form):
    """One message: a question, an answer or a note on a decision."""

    text = Freitextfeld(
        label=_("Nachricht"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, label=None, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label
        self.fields["text"].required = required


class NachweisForm(ModelForm):
    """An inspection record; the model's rules (age at presentation, dates) check it."""

    class Meta:
        model = Nachweis
        fields = ["art", "ausgestellt_am", "eingesehen_am", "ergebnis"]
        widgets = {"ausgestellt_am": DATUM, "eingesehen_am": DATUM}
        help_texts = {
            "ausgestellt_am": _("Das Datum auf dem Dokument. Eine Kopie wird nicht gespeichert.")
        }

    def __init__(self, *args, person, akteur, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.person = person
        self.instance.eingesehen_von = akteur


class StundenForm(ModelForm):
    class Meta:
        model = Stundeneintrag
        fields = ["datum", "stunden", "taetigkeit"]
        widgets = {
            "datum": DATUM,
            "stunden": forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
        }

    def __init__(self, *args, einsatz, **kwargs):
        super().__init__(*args, **kwargs)
        self.einsatz = einsatz

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("datum"):
            for feld, fehler in stunden_pruefen(
                self.einsatz, cleaned["datum"], cleaned.get("stunden")
            ).items():
                self.add_error(feld, fehler)
        return cleaned
