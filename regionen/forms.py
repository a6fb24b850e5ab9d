from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import Freitextfeld, ModelForm, Zeilenfeld
from konten.models import User

from . import kreise, recurrence
from .models import JourFixeSerie, Region
from .services import verantwortliche_auswahl


class RegionForm(ModelForm):
    class Meta:
        model = Region
        fields = ["name", "beschreibung"]


def _link_feld():
    return forms.URLField(
        label=_("Link zur Online-Teilnahme"), required=False, assume_scheme="https"
    )


class SerieForm(ModelForm):
    """A new series: the rhythm is chosen in words; experts may write their own RRULE."""

    online_link = _link_feld()
    RHYTHMEN = [
        ("monatlich", _("monatlich, an einem bestimmten Wochentag")),
        ("woechentlich", _("jede Woche")),
        ("zweiwoechentlich", _("alle zwei Wochen")),
        ("eigene", _("eigene Regel (RRULE)")),
    ]
    rhythmus = forms.ChoiceField(label=_("Rhythmus"), choices=RHYTHMEN, initial="monatlich")
    woche_im_monat = forms.ChoiceField(
        label=_("Am"),
        choices=recurrence.WOCHEN_IM_MONAT,
        initial="2",
        required=False,
        help_text=_("Nur beim monatlichen Rhythmus."),
    )
    wochentag = forms.ChoiceField(label=_("Wochentag"), choices=recurrence.WOCHENTAGE, initial="WE")
    regel = Zeilenfeld(
        label=_("Eigene Regel (RRULE)"),
        required=False,
        max_length=300,
        help_text=_("Nur bei „eigene Regel“, z. B. FREQ=MONTHLY;BYDAY=-1FR (letzter Freitag)."),
    )

    class Meta:
        model = JourFixeSerie
        fields = [
            "region",
            "titel",
            "beschreibung",
            "rhythmus",
            "woche_im_monat",
            "wochentag",
            "regel",
            "erster_tag",
            "beginn",
            "ende",
            "ort",
            "online_link",
            "kreis",
            "themenfrist_tage",
        ]
        widgets = {
            "erster_tag": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "beginn": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ende": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "beschreibung": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.for_user(user)
        _kreis_feld(self)
        self.order_fields(self.Meta.fields)

    def clean(self):
        daten = super().clean()
        rhythmus, tag = daten.get("rhythmus"), daten.get("wochentag")
        if rhythmus == "eigene":
            if not daten.get("regel"):
                self.add_error("regel", _("Bitte geben Sie die Regel an."))
        elif rhythmus and tag:
            if rhythmus == "monatlich" and not daten.get("woche_im_monat"):
                self.add_error("woche_im_monat", _("Bitte wählen Sie die Woche im Monat."))
            daten["regel"] = recurrence.regel_bauen(rhythmus, tag, daten.get("woche_im_monat"))
            self.instance.regel = daten["regel"]
        return daten


def _kreis_feld(form):
    form.fields["kreis"] = forms.ChoiceField(
        label=_("Eingeladen sind"),
        choices=kreise.auswahl(),
        initial=kreise.STANDARD,
        required=False,
    )


class SerieBearbeitenForm(ModelForm):
    """Details of a running series; its rhythm stays (end it and start a new one instead)."""

    online_link = _link_feld()

    class Meta:
        model = JourFixeSerie
        fields = ["titel", "beschreibung", "ort", "online_link", "kreis", "themenfrist_tage"]
        widgets = {"beschreibung": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _kreis_feld(self)
        self.order_fields(self.Meta.fields)


class TerminForm(forms.Form):
    """Moving one Termin, or changing its place; the others of the series stay."""

    datum = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    beginn = forms.TimeField(label=_("Beginn"), widget=forms.TimeInput(attrs={"type": "time"}))
    ende = forms.TimeField(label=_("Ende"), widget=forms.TimeInput(attrs={"type": "time"}))
    ort = Zeilenfeld(
        label=_("Ort"), max_length=300, required=False, help_text=_("Leer: der Ort der Reihe.")
    )
    online_link = forms.URLField(
        label=_("Link zur Online-Teilnahme"),
        required=False,
        assume_scheme="https",
        help_text=_("Leer: der Link der Reihe."),
    )

    @classmethod
    def fuer(cls, termin, data=None):
        beginn, ende = timezone.localtime(termin.beginn), timezone.localtime(termin.ende)
        initial = {
            "datum": beginn.date(),
            "beginn": beginn.time(),
            "ende": ende.time(),
            "ort": termin.ort,
            "online_link": termin.online_link,
        }
        return cls(data, initial=initial)

    def clean(self):
        daten = super().clean()
        if daten.get("beginn") and daten.get("ende") and daten["ende"] <= daten["beginn"]:
            self.add_error("ende", _("Das Ende muss nach dem Beginn liegen."))
        return daten

    def zeiten(self):
        daten = self.cleaned_data
        zone = timezone.get_current_timezone()
        return (
            timezone.make_aware(datetime.combine(daten["datum"], daten["beginn"]), zone),
            timezone.make_aware(datetime.combine(daten["datum"], daten["ende"]), zone),
        )


class ThemaForm(forms.Form):
    titel = Zeilenfeld(label=_("Thema"), max_length=200)
    beschreibung = Freitextfeld(
        label=_("Worum geht es? (freiwillig)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProtokollForm(forms.Form):
    protokoll = Freitextfeld(
        label=_("Protokoll"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    beschluesse = Freitextfeld(
        label=_("Beschlüsse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ein Beschluss je Zeile."),
    )


class AufgabeForm(forms.Form):
    titel = Zeilenfeld(label=_("Aufgabe"), max_length=300)
    verantwortlich = forms.ModelChoiceField(
        label=_("verantwortlich"), queryset=User.objects.none(), required=False
    )
    faellig_am = forms.DateField(
        label=_("fällig am"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, serie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verantwortlich"].queryset = verantwortliche_auswahl(serie)
        self.fields["verantwortlich"].label_from_instance = lambda person: person.anzeigename
