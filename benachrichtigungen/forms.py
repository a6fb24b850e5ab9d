from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import ModelForm

from .models import Einstellung, Kategorie


class EinstellungForm(ModelForm):
    """How often the digest comes, and the groups of immediate notices a person wants by
    mail, as checkboxes that are on."""

    gewuenscht = forms.MultipleChoiceField(
        label=_("Sofort per E-Mail benachrichtigen bei"),
        choices=Kategorie.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ohne Häkchen erhalten Sie zu diesem Bereich keine Mails."),
    )

    class Meta:
        model = Einstellung
        fields = ["digest", "wochentag"]
        widgets = {"digest": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        abbestellt = set(self.instance.abbestellt or [])
        self.fields["gewuenscht"].initial = [k for k in Kategorie.values if k not in abbestellt]

    def save(self, commit=True):
        gewuenscht = set(self.cleaned_data["gewuenscht"])
        self.instance.abbestellt = [k for k in Kategorie.values if k not in gewuenscht]
        return super().save(commit)
