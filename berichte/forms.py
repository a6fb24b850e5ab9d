from django import forms
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.forms import Zeilenfeld

from .models import Exportauftrag
from .permissions import berichtsregionen, sieht_alles
from .zeitraum import Periode


def sicheres_ziel(ziel) -> str:
    """A path on this site, else the reports' start (never another host)."""
    if ziel and url_has_allowed_host_and_scheme(ziel, allowed_hosts=None):
        return ziel
    return reverse("berichte:uebersicht")


class ExportForm(forms.Form):
    """Which report to export in which format; checked against what the person may read."""

    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=Exportauftrag.Format.choices)
    region = forms.IntegerField(required=False, widget=forms.HiddenInput)
    nebeneinander = forms.BooleanField(required=False, widget=forms.HiddenInput)
    zeitraum = Zeilenfeld(widget=forms.HiddenInput)
    zurueck = Zeilenfeld(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_zeitraum(self):
        try:
            return Periode.aus_schluessel(self.cleaned_data["zeitraum"])
        except ValueError as fehler:
            raise forms.ValidationError(str(fehler)) from None

    def clean_region(self):
        region_id = self.cleaned_data.get("region")
        if region_id is None:
            if not sieht_alles(self.user):
                raise forms.ValidationError(_("Bitte wählen Sie eine Region."))
            return None
        region = berichtsregionen(self.user).filter(pk=region_id).first()
        if region is None:
            raise forms.ValidationError(_("Diese Region gibt es nicht oder nicht für Sie."))
        return region

    def ziel(self) -> str:
        """Where to go back to: the report page the export was asked for on."""
        return sicheres_ziel(self.data.get("zurueck"))

    def speichern(self, user) -> Exportauftrag:
        return Exportauftrag.objects.create(
            erstellt_von=user,
            format=self.cleaned_data["format"],
            region=self.cleaned_data["region"],
            nebeneinander=self.cleaned_data["nebeneinander"],
            periode=self.cleaned_data["zeitraum"].schluessel,
        )
