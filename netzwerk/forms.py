from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import Freitextfeld, ModelForm, UebersetzungenFormMixin, Zeilenfeld
from common.models import Sprache
from common.uploads import grenzen_text, upload_pruefen
from konten.models import User
from regionen.models import Bezirk, Region, Termin

from .models import Arbeitsfeld, Aufnahmeschritt, Organisation, Veranstaltung, Verteiler
from .permissions import vertretene_organisationen
from .services import verteiler_fuehrung_pruefen


def _zeitpunkt():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _datum():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationForm(UebersetzungenFormMixin, ModelForm):
    """The Steckbrief, edited by the organisation's contacts."""

    # A website typed without a scheme means https.
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    steckbrief_freigeben = forms.BooleanField(
        label=_(
            "Wir sind einverstanden, dass dieser Steckbrief öffentlich im Verzeichnis erscheint."
        ),
        required=False,
        help_text=_(
            "Die Zustimmung lässt sich jederzeit zurücknehmen; der Steckbrief ist dann nicht "
            "mehr öffentlich."
        ),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "art",
            "bezirk",
            "gemeinschaften",
            "sprachen",
            "arbeitsfelder",
            "beschreibung",
            "angebote",
            "treffpunkt",
            "kontakt_name",
            "kontakt_email",
            "kontakt_telefon",
            "website",
        ]
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 4}),
            "angebote": forms.Textarea(attrs={"rows": 3}),
            "sprachen": forms.CheckboxSelectMultiple,
            "arbeitsfelder": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["steckbrief_freigeben"].initial = self.instance.veroeffentlicht
        self.fields["bezirk"].queryset = Bezirk.objects.select_related("region")
        # the field order of the page: the consent comes last, after everything it publishes
        self.order_fields([*self.Meta.fields, "steckbrief_freigeben"])

    def save(self, commit=True):
        freigeben = self.cleaned_data["steckbrief_freigeben"]
        if freigeben and not self.instance.steckbrief_freigegeben_am:
            self.instance.steckbrief_freigegeben_am = timezone.now()
        elif not freigeben:
            self.instance.steckbrief_freigegeben_am = None
        return super().save(commit)


def _auswahl(label, queryset, **kwargs):
    """A filter select whose empty choice means "all"."""
    return forms.ModelChoiceField(
        label=label, queryset=queryset, required=False, empty_label=_("alle"), **kwargs
    )


def _art(label, choices):
    return forms.ChoiceField(label=label, choices=[("", _("alle")), *choices], required=False)


class VerzeichnisFilter(forms.Form):
    """Filters of the public directory; unknown values are ignored, not errors."""

    q = Zeilenfeld(label=_("Suche"), required=False)
    bezirk = _auswahl(_("Bezirk"), Bezirk.objects.all())
    sprache = _auswahl(_("Sprache"), Sprache.objects.all(), to_field_name="code")
    arbeitsfeld = _auswahl(_("Arbeitsfeld"), Arbeitsfeld.objects.all())
    art = _art(_("Art"), Organisation.Art.choices)


class KalenderFilter(forms.Form):
    art = _art(_("Art"), Veranstaltung.Art.choices)
    bezirk = _auswahl(_("Bezirk"), Bezirk.objects.all())
    sprache = _auswahl(_("Sprache"), Sprache.objects.all(), to_field_name="code")
    kostenlos = forms.BooleanField(label=_("nur Eintritt frei"), required=False)


class VeranstaltungForm(UebersetzungenFormMixin, ModelForm):
    class Meta:
        model = Veranstaltung
        fields = [
            "art",
            "titel",
            "beschreibung",
            "organisation",
            "region",
            "bezirk",
            "beginn",
            "ende",
            "ort",
            "online_link",
            "eintritt",
            "oeffentlich",
            "verteiler",
            "termin",
            "anmeldung_erforderlich",
            "plaetze",
            "sprachen",
            "veroeffentlicht",
        ]
        widgets = {
            "beschreibung": forms.Textarea(attrs={"rows": 4}),
            "beginn": _zeitpunkt(),
            "ende": _zeitpunkt(),
            "sprachen": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):

        super().__init__(*args, **kwargs)
        eigene = (
            vertretene_organisationen(user) if not user.is_staff else Organisation.objects.all()
        )
        self.fields["organisation"].queryset = eigene
        koordiniert = Region.objects.for_user(user)
        if not koordiniert.exists():
            # an organisation presents its own events in its own region
            self.fields["organisation"].required = True
            self.fields["organisation"].empty_label = None
            self.fields["region"].queryset = Region.objects.filter(
                organisationen__in=eigene
            ).distinct()
        else:
            self.fields["region"].queryset = koordiniert
        self.fields["verteiler"].queryset = Verteiler.objects.for_user(user)
        self.fields["termin"].queryset = (
            Termin.objects.for_user(user, "change")
            .filter(beginn__gte=timezone.now())
            .select_related("serie")
            .order_by("beginn")
        )
        self.fields["bezirk"].queryset = Bezirk.objects.select_related("region")

    def clean(self):
        daten = super().clean()
        beginn, ende = daten.get("beginn"), daten.get("ende")
        if beginn and ende and ende <= beginn:
            self.add_error("ende", _("Das Ende muss nach dem Beginn liegen."))
        return daten


class AufnahmeschrittForm(forms.Form):
    schritt = forms.ChoiceField(label=_("Schritt"), choices=Aufnahmeschritt.Schritt.choices)
    datum = forms.DateField(label=_("Datum"), widget=_datum(), initial=timezone.localdate)
    notiz = Freitextfeld(label=_("Notiz"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    satzung_datum = forms.DateField(
        label=_("Satzung vom"),
        required=False,
        widget=_datum(),
        help_text=_("Nur beim Schritt „Satzung erfasst“."),
    )
    verteiler = forms.ModelChoiceField(
        label=_("Verteiler"),
        queryset=Verteiler.objects.none(),
        required=False,
        help_text=_("Nur beim Schritt „Zustimmung zum Verteiler“."),
    )
    veranstaltung = forms.ModelChoiceField(
        label=_("Netzwerktreffen"),
        queryset=Veranstaltung.objects.none(),
        required=False,
        help_text=_("Nur beim Schritt „Eingeladen“."),
    )

    def __init__(self, *args, user, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verteiler"].queryset = (
            Verteiler.objects.for_user(user).filter(region=organisation.region_id)
            if organisation.region_id
            else Verteiler.objects.for_user(user)
        )
        self.fields["veranstaltung"].queryset = Veranstaltung.objects.for_user(
            user, "change"
        ).filter(art=Veranstaltung.Art.NETZWERKTREFFEN, beginn__gt=timezone.now(), abgesagt=False)
        erledigt = organisation.aufnahme_erledigt()
        offen = [(w, n) for w, n in Aufnahmeschritt.Schritt.choices if w not in erledigt]
        self.fields["schritt"].choices = offen
        if offen:
            self.fields["schritt"].initial = offen[0][0]


class MitgliedForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )
    email = forms.EmailField(label=_("oder E-Mail-Adresse einer Person mit Konto"), required=False)

    def clean(self):
        daten = super().clean()
        if bool(daten.get("organisation")) == bool(daten.get("email")):
            raise forms.ValidationError(
                _("Bitte eine Organisation oder eine E-Mail-Adresse angeben.")
            )
        if daten.get("email"):
            person = User.objects.filter(email__iexact=daten["email"], is_active=True).first()
            if person is None:
                self.add_error(
                    "email", _("Zu dieser Adresse gibt es kein Konto auf der Plattform.")
                )
            daten["person"] = person
        return daten


class VerteilerForm(ModelForm):
    """A new list, run by the coordination of a region or by one's own organisation."""

    class Meta:
        model = Verteiler
        fields = [
            "name",
            "region",
            "organisation",
            "beschreibung",
            "inaktiv_nach_monaten",
            "karenz_tage",
        ]
        widgets = {"beschreibung": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):

        super().__init__(*args, **kwargs)
        self.user = user
        eigene = vertretene_organisationen(user)
        koordiniert = Region.objects.for_user(user)
        self.fields["organisation"].queryset = eigene
        self.fields["region"].queryset = Region.objects.filter(
            Q(pk__in=koordiniert) | Q(organisationen__in=eigene)
        ).distinct()

    def clean(self):
        daten = super().clean()
        fehler = verteiler_fuehrung_pruefen(
            self.user, daten.get("region"), daten.get("organisation")
        )
        if fehler:
            self.add_error("organisation", fehler)
        return daten


class NachrichtForm(forms.Form):
    betreff = Zeilenfeld(label=_("Betreff"), max_length=200)
    text = Freitextfeld(label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}))


class ImportForm(forms.Form):
    datei = forms.FileField(label=_("Datei (CSV oder XLSX)"), validators=[upload_pruefen])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        spalten = _("Spalten: organisation, art, ansprechperson, email, telefon, bezirk, website.")
        self.fields["datei"].help_text = f"{spalten} {grenzen_text()}"
