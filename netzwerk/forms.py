from django import forms

from .models import Organisation


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kontakt_name", "kontakt_email", "kontakt_telefon", "website"]
