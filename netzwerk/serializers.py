"""The network API's shapes: organisations with their Steckbrief, distribution lists and
their members, events with seats and registrations.

Related rows offered for writing come through ``for_user()``: a hidden id is refused like
a missing one. Counts (members of a list, seats taken, waiting people) are annotations of
the viewset's queryset, so a list costs the same number of queries however long it is.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.models import Sprache
from common.serializers import (
    KuerzelFeld,
    ModelCleanMixin,
    ModelSerializer,
    UebersetzungenField,
)
from regionen.models import Bezirk, Region

from .models import (
    Arbeitsfeld,
    Mitgliedschaft,
    Organisation,
    Veranstaltung,
    Veranstaltungsanmeldung,
    Verteiler,
)
from .permissions import vertretene_organisationen


def _user(field):
    request = field.context.get("request")
    return request.user if request else None


# --- fields -----------------------------------------------------------------------------------


def _sprachen(**kwargs):
    """Languages by their ISO code (``"ar"``), as everywhere in the API."""
    return KuerzelFeld(
        slug_field="code",
        many=True,
        queryset=Sprache.objects.all(),
        error_messages={"does_not_exist": _("Die Sprache „{value}“ ist unbekannt.")},
        **kwargs,
    )


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string"}]})
class ArbeitsfeldField(serializers.PrimaryKeyRelatedField):
    """A field of work by id or by its name; answered by id."""

    default_error_messages = {
        "does_not_exist": _("Das Arbeitsfeld „{pk_value}“ gibt es nicht."),
        "incorrect_type": _("Bitte die Id oder den Namen eines Arbeitsfelds angeben."),
    }

    def to_internal_value(self, data):
        if isinstance(data, str) and not data.strip().isdigit():
            try:
                return self.get_queryset().get(name__iexact=data.strip())
            except Arbeitsfeld.DoesNotExist:
                self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class WaehlbarField(serializers.PrimaryKeyRelatedField):
    """Rows the caller may choose (``waehlbar(user)``); the value already stored stays
    valid, so a change by someone else with the right to change keeps it."""

    def __init__(self, model, waehlbar, **kwargs):
        self.model, self.waehlbar = model, waehlbar
        super().__init__(**kwargs)

    def get_queryset(self):
        erlaubt = Q(pk__in=self.waehlbar(_user(self)).values("pk"))
        instance = getattr(self.parent, "instance", None)
        bisher = getattr(instance, f"{self.source}_id", None) if instance else None
        if bisher is not None:
            erlaubt |= Q(pk=bisher)
        return self.model.objects.filter(erlaubt)


def _eigene_organisationen(user):
    return Organisation.objects.for_user(user, "change")


def _koordinierte_regionen(user):
    return Region.objects.for_user(user) if user else Region.objects.none()


def _regionen_fuer_veranstaltungen(user):
    """The network coordination's regions and the regions of one's own organisations."""
    if user is None or not user.is_authenticated:
        return Region.objects.none()
    if user.is_staff:
        return Region.objects.all()
    return Region.objects.filter(
        Q(pk__in=_koordinierte_regionen(user).values("pk"))
        | Q(pk__in=vertretene_organisationen(user).values("region"))
    )


def _verwaltete_verteiler(user):
    return Verteiler.objects.for_user(user)


# --- organisations ----------------------------------------------------------------------------


class OrganisationSerializer(ModelCleanMixin, ModelSerializer):
    """An organisation with its Steckbrief. Its contacts change the profile and decide
    whether it is public (``veroeffentlicht``); region, statutes and admission are the
    network coordination's record, read-only here and left out for everyone else."""

    region_name = serializers.CharField(source="region.name", read_only=True, allow_null=True)
    bezirk = serializers.PrimaryKeyRelatedField(
        queryset=Bezirk.objects.all(), required=False, allow_null=True
    )
    bezirk_name = serializers.CharField(source="bezirk.name", read_only=True, allow_null=True)
    sprachen = _sprachen(required=False)
    arbeitsfelder = ArbeitsfeldField(many=True, queryset=Arbeitsfeld.objects.all(), required=False)
    arbeitsfelder_namen = serializers.SerializerMethodField()
    uebersetzungen = UebersetzungenField(Organisation.uebersetzbare_felder)
    veroeffentlicht = serializers.BooleanField(
        required=False,
        help_text=_(
            "Der Steckbrief erscheint öffentlich im Verzeichnis, solange die Organisation "
            "zustimmt; false nimmt die Zustimmung zurück."
        ),
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "art",
            "region",
            "region_name",
            "bezirk",
            "bezirk_name",
            "gemeinschaften",
            "sprachen",
            "arbeitsfelder",
            "arbeitsfelder_namen",
            "beschreibung",
            "angebote",
            "treffpunkt",
            "kontakt_name",
            "kontakt_email",
            "kontakt_telefon",
            "website",
            "uebersetzungen",
            "veroeffentlicht",
            "steckbrief_freigegeben_am",
            "satzung_liegt_vor",
            "satzung_datum",
            "aufgenommen_am",
        ]
        read_only_fields = [
            "id",
            "region",
            "steckbrief_freigegeben_am",
            "satzung_liegt_vor",
            "satzung_datum",
            "aufgenommen_am",
        ]

    def get_arbeitsfelder_namen(self, organisation) -> list[str]:
        return [feld.name for feld in organisation.arbeitsfelder.all()]

    #: the organisation's record: for its contacts and its network coordination only
    AKTE = ("satzung_liegt_vor", "satzung_datum", "aufgenommen_am")
    #: the schema marks them optional: other readers get the Steckbrief without them
    auslassbare_felder = AKTE

    def to_representation(self, instance):
        daten = super().to_representation(instance)
        if not getattr(instance, "akte_sichtbar", True):
            for feld in self.AKTE:
                daten.pop(feld, None)
        return daten

    def validate(self, attrs):
        # not a model field: the model's rules see the consent as its date
        freigeben = attrs.pop("veroeffentlicht", None)
        attrs = super().validate(attrs)
        if freigeben is not None:
            attrs["veroeffentlicht"] = freigeben
        return attrs

    def update(self, instance, validated_data):
        freigeben = validated_data.pop("veroeffentlicht", None)
        if freigeben and not instance.steckbrief_freigegeben_am:
            instance.steckbrief_freigegeben_am = timezone.now()
        elif freigeben is False:
            instance.steckbrief_freigegeben_am = None
        return super().update(instance, validated_data)


# --- distribution lists -----------------------------------------------------------------------


class VerteilerSerializer(ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, allow_null=True
    )
    mitglieder = serializers.IntegerField(
        read_only=True, help_text=_("Mitglieder auf dem Verteiler (aktiv und inaktiv)")
    )
    inaktive = serializers.IntegerField(
        read_only=True, help_text=_("davon als inaktiv markiert und gewarnt")
    )

    class Meta:
        model = Verteiler
        fields = [
            "id",
            "name",
            "region",
            "region_name",
            "organisation",
            "organisation_name",
            "beschreibung",
            "inaktiv_nach_monaten",
            "karenz_tage",
            "mitglieder",
            "inaktive",
        ]
        read_only_fields = fields


class MitgliedschaftSerializer(ModelSerializer):
    """A member of a list as its managers see it. The unsubscribe token stays secret: it
    works without signing in."""

    verteiler_name = serializers.CharField(source="verteiler.name", read_only=True)
    name = serializers.CharField(read_only=True, help_text=_("Organisation oder Person"))

    class Meta:
        model = Mitgliedschaft
        fields = [
            "id",
            "verteiler",
            "verteiler_name",
            "organisation",
            "person",
            "name",
            "status",
            "letzte_aktivitaet",
            "letzte_aktivitaet_art",
            "gewarnt_am",
            "entfernt_am",
            "created_at",
        ]
        read_only_fields = fields


# --- events -----------------------------------------------------------------------------------


class VeranstaltungSerializer(ModelCleanMixin, ModelSerializer):
    """An event with its seats. Organisation contacts present events of their own
    organisation; the network coordination those of its regions, with or without an
    organisation."""

    organisation = WaehlbarField(
        Organisation, _eigene_organisationen, required=False, allow_null=True
    )
    organisation_name = serializers.CharField(
        source="organisation.name", read_only=True, allow_null=True
    )
    region = WaehlbarField(Region, _regionen_fuer_veranstaltungen)
    region_name = serializers.CharField(source="region.name", read_only=True)
    bezirk = serializers.PrimaryKeyRelatedField(
        queryset=Bezirk.objects.all(), required=False, allow_null=True
    )
    bezirk_name = serializers.CharField(source="bezirk.name", read_only=True, allow_null=True)
    verteiler = WaehlbarField(Verteiler, _verwaltete_verteiler, required=False, allow_null=True)
    sprachen = _sprachen(required=False)
    uebersetzungen = UebersetzungenField(Veranstaltung.uebersetzbare_felder)
    belegt = serializers.IntegerField(read_only=True, help_text=_("vergebene Plätze"))
    wartend = serializers.IntegerField(read_only=True, help_text=_("Personen auf der Warteliste"))
    frei = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("freie Plätze; leer: unbegrenzt")
    )

    class Meta:
        model = Veranstaltung
        fields = [
            "id",
            "art",
            "titel",
            "beschreibung",
            "organisation",
            "organisation_name",
            "region",
            "region_name",
            "bezirk",
            "bezirk_name",
            "beginn",
            "ende",
            "ort",
            "online_link",
            "eintritt",
            "oeffentlich",
            "verteiler",
            "anmeldung_erforderlich",
            "plaetze",
            "belegt",
            "wartend",
            "frei",
            "sprachen",
            "veroeffentlicht",
            "abgesagt",
            "uebersetzungen",
        ]
        read_only_fields = ["id", "abgesagt"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        user = _user(self)
        if user is None or user.is_staff:
            return attrs
        organisation = attrs.get("organisation", getattr(self.instance, "organisation", None))
        region = attrs.get("region", getattr(self.instance, "region", None))
        # without an organisation the event is the network coordination's own: only those
        # coordinating its region may present (and afterwards change) it
        if organisation is None and not _koordinierte_regionen(user).filter(pk=region.pk).exists():
            raise serializers.ValidationError(
                {"organisation": [_("Bitte die veranstaltende Organisation angeben.")]}
            )
        return attrs


@extend_schema_field(
    {
        "type": "string",
        "enum": list(Veranstaltungsanmeldung.Status.values),
        "description": "\n".join(
            f"* `{wert}` - {label}" for wert, label in Veranstaltungsanmeldung.Status.choices
        ),
    }
)
class AnmeldestatusField(serializers.ChoiceField):
    """The status of a registration. Its choices equal those of a training registration;
    a schema of its own keeps the two ``status`` enums apart without a settings entry."""

    def __init__(self, **kwargs):
        super().__init__(choices=Veranstaltungsanmeldung.Status.choices, **kwargs)


class VeranstaltungsanmeldungSerializer(ModelSerializer):
    status = AnmeldestatusField(read_only=True)
    veranstaltung_titel = serializers.CharField(source="veranstaltung.titel", read_only=True)
    beginn = serializers.DateTimeField(source="veranstaltung.beginn", read_only=True)
    person_name = serializers.CharField(source="person.anzeigename", read_only=True)
    warteposition = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=_("Platz auf der Warteliste (1 rückt als Nächste*r nach); sonst leer."),
    )

    class Meta:
        model = Veranstaltungsanmeldung
        fields = [
            "id",
            "veranstaltung",
            "veranstaltung_titel",
            "beginn",
            "person",
            "person_name",
            "status",
            "warteposition",
            "created_at",
            "nachgerueckt_am",
            "abgemeldet_am",
            "teilgenommen",
        ]
        read_only_fields = fields
