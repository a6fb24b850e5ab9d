from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.serializers import Freitextfeld, ModelSerializer, Zeilenfeld, Zeitpunktfeld

from . import kreise
from .models import Aufgabe, Bezirk, JourFixeSerie, Region, Teilnahme, Termin, Thema
from .services import verantwortliche_auswahl


class BezirkSerializer(ModelSerializer):
    class Meta:
        model = Bezirk
        fields = ["id", "name", "slug", "region"]


class RegionSerializer(ModelSerializer):
    bezirke = BezirkSerializer(many=True, read_only=True)
    oberregion = serializers.SerializerMethodField()

    def get_oberregion(self, region) -> int | None:
        """The parent's id, only where the caller may see the parent."""
        return region.oberregion_id if getattr(region, "oberregion_sichtbar", False) else None

    class Meta:
        model = Region
        fields = ["id", "name", "slug", "art", "oberregion", "beschreibung", "bezirke"]
        read_only_fields = ["id", "slug", "art", "bezirke"]


# --- jours fixes ------------------------------------------------------------------------------


class _Sichtbar(serializers.PrimaryKeyRelatedField):
    """Only rows the caller sees exist here: a hidden id is refused like a missing one."""

    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.model.objects.for_user(request.user if request else None)


class _SichtbareRegionen(_Sichtbar):
    """The regions the caller coordinates: the only ones a series can be created for."""

    def __init__(self, **kwargs):
        super().__init__(Region, **kwargs)


class JourFixeSerieSerializer(ModelSerializer):
    region = _SichtbareRegionen()
    region_name = serializers.CharField(source="region.name", read_only=True)
    rhythmus = serializers.CharField(read_only=True)
    kreis = serializers.ChoiceField(choices=[], default=kreise.STANDARD, allow_blank=True)
    darf_aendern = serializers.BooleanField(read_only=True)

    class Meta:
        model = JourFixeSerie
        fields = [
            "id",
            "region",
            "region_name",
            "titel",
            "beschreibung",
            "regel",
            "rhythmus",
            "erster_tag",
            "beginn",
            "ende",
            "ort",
            "online_link",
            "kreis",
            "themenfrist_tage",
            "beendet_am",
            "darf_aendern",
        ]

    def get_fields(self):
        fields = super().get_fields()
        # Circles are registered by the apps above this one once they are ready, after
        # this module is imported; so the choices are read per serializer, not per class.
        fields["kreis"].choices = kreise.auswahl()
        return fields


class JourFixeSerieAendernSerializer(JourFixeSerieSerializer):
    """A running series' details; its region and rhythm stay (end it, start a new one)."""

    region = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta(JourFixeSerieSerializer.Meta):
        read_only_fields = ["regel", "erster_tag", "beginn", "ende"]


class TerminSerializer(ModelSerializer):
    serie_titel = serializers.CharField(source="serie.titel", read_only=True)
    region_name = serializers.CharField(source="serie.region.name", read_only=True)
    ort_angezeigt = serializers.CharField(read_only=True)
    link_angezeigt = serializers.CharField(read_only=True)
    verschoben = serializers.BooleanField(read_only=True)
    themenfrist = serializers.DateTimeField(read_only=True)
    themen_offen = serializers.BooleanField(read_only=True)
    zusagen = serializers.IntegerField(read_only=True)
    vielleicht = serializers.IntegerField(read_only=True)
    absagen = serializers.IntegerField(read_only=True)
    meine_antwort = serializers.ChoiceField(
        choices=Teilnahme.Antwort.choices, read_only=True, allow_null=True
    )
    darf_aendern = serializers.BooleanField(read_only=True)

    class Meta:
        model = Termin
        fields = [
            "id",
            "serie",
            "serie_titel",
            "region_name",
            "beginn",
            "ende",
            "verschoben",
            "ort",
            "online_link",
            "ort_angezeigt",
            "link_angezeigt",
            "status",
            "absagegrund",
            "themenfrist",
            "themen_offen",
            "tagesordnung_veroeffentlicht_am",
            "protokoll_veroeffentlicht_am",
            "zusagen",
            "vielleicht",
            "absagen",
            "meine_antwort",
            "darf_aendern",
        ]
        read_only_fields = fields


class TagesordnungspunktSerializer(ModelSerializer):
    class Meta:
        model = Thema
        fields = ["id", "titel", "beschreibung", "position"]
        read_only_fields = fields


class AufgabeKurzSerializer(ModelSerializer):
    verantwortlich_name = serializers.CharField(
        source="verantwortlich.anzeigename", read_only=True, allow_null=True
    )

    class Meta:
        model = Aufgabe
        fields = ["id", "termin", "titel", "verantwortlich_name", "faellig_am", "status"]
        read_only_fields = fields


class TerminDetailSerializer(TerminSerializer):
    """One Termin with its agenda, minutes and action items.

    Before publication the agenda and the minutes are drafts only the management sees.
    """

    tagesordnung = serializers.SerializerMethodField()
    protokoll = serializers.SerializerMethodField()
    beschluesse = serializers.SerializerMethodField()
    aufgaben = serializers.SerializerMethodField()
    offene_aufgaben = serializers.SerializerMethodField()

    class Meta(TerminSerializer.Meta):
        fields = [
            *TerminSerializer.Meta.fields,
            "tagesordnung",
            "protokoll",
            "beschluesse",
            "aufgaben",
            "offene_aufgaben",
        ]
        read_only_fields = fields

    def _user(self):
        return self.context["request"].user

    @extend_schema_field(TagesordnungspunktSerializer(many=True))
    def get_tagesordnung(self, termin):
        if not (termin.tagesordnung_veroeffentlicht_am or termin.darf_aendern):
            return []
        themen = Thema.objects.for_user(self._user()).filter(termin=termin, auf_tagesordnung=True)
        return TagesordnungspunktSerializer(themen.order_by("position"), many=True).data

    def get_protokoll(self, termin) -> str:
        return (
            termin.protokoll if termin.protokoll_veroeffentlicht_am or termin.darf_aendern else ""
        )

    def get_beschluesse(self, termin) -> list[str]:
        if not (termin.protokoll_veroeffentlicht_am or termin.darf_aendern):
            return []
        return termin.beschluss_liste()

    @extend_schema_field(AufgabeKurzSerializer(many=True))
    def get_aufgaben(self, termin):
        aufgaben = Aufgabe.objects.for_user(self._user()).filter(termin=termin)
        return AufgabeKurzSerializer(aufgaben.select_related("verantwortlich"), many=True).data

    @extend_schema_field(AufgabeKurzSerializer(many=True))
    def get_offene_aufgaben(self, termin):
        """Items of earlier Termine still open at this one: they head its agenda."""
        aufgaben = Aufgabe.objects.for_user(self._user()).offen_bei(termin)
        return AufgabeKurzSerializer(aufgaben.select_related("verantwortlich"), many=True).data


class VerschiebenSerializer(serializers.Serializer):
    beginn = Zeitpunktfeld()
    ende = Zeitpunktfeld()
    ort = Zeilenfeld(max_length=300, required=False, allow_blank=True, default="")
    online_link = serializers.URLField(required=False, allow_blank=True, default="")


class AbsagenSerializer(serializers.Serializer):
    grund = Zeilenfeld(max_length=300, required=False, allow_blank=True, default="")


class AntwortSerializer(serializers.Serializer):
    antwort = serializers.ChoiceField(choices=Teilnahme.Antwort.choices)


class TagesordnungSerializer(serializers.Serializer):
    themen = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Die Themen der Tagesordnung, in Folge.")
    )
    veroeffentlichen = serializers.BooleanField(default=False)


class AnwesenheitSerializer(serializers.Serializer):
    anwesende = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=_("Wer da war; alle anderen der Liste gelten als abwesend."),
    )


class ProtokollSerializer(serializers.Serializer):
    protokoll = Freitextfeld(allow_blank=True)
    beschluesse = Freitextfeld(
        required=False, allow_blank=True, default="", help_text=_("Ein Beschluss je Zeile.")
    )
    veroeffentlichen = serializers.BooleanField(default=False)


class ThemaSerializer(ModelSerializer):
    termin = _Sichtbar(Termin)
    vorgeschlagen_von = serializers.CharField(
        source="vorgeschlagen_von.anzeigename", read_only=True, allow_null=True
    )
    anzahl_stimmen = serializers.IntegerField(read_only=True)
    meine_stimme = serializers.BooleanField(read_only=True)

    class Meta:
        model = Thema
        fields = [
            "id",
            "termin",
            "titel",
            "beschreibung",
            "vorgeschlagen_von",
            "auf_tagesordnung",
            "position",
            "anzahl_stimmen",
            "meine_stimme",
        ]
        read_only_fields = ["auf_tagesordnung", "position"]


class TeilnahmeSerializer(ModelSerializer):
    person_name = serializers.CharField(source="person.anzeigename", read_only=True)

    class Meta:
        model = Teilnahme
        fields = ["id", "termin", "person", "person_name", "antwort", "anwesend"]
        read_only_fields = fields


class AufgabeSerializer(ModelSerializer):
    termin = _Sichtbar(Termin)
    serie_titel = serializers.CharField(source="termin.serie.titel", read_only=True)
    # An id, not a related field: whether the person exists at all is nobody's business
    # here; anyone outside the series' circle is refused with the same sentence.
    verantwortlich = serializers.IntegerField(
        source="verantwortlich_id", required=False, allow_null=True
    )
    verantwortlich_name = serializers.CharField(
        source="verantwortlich.anzeigename", read_only=True, allow_null=True
    )
    darf_aendern = serializers.BooleanField(read_only=True)

    class Meta:
        model = Aufgabe
        fields = [
            "id",
            "termin",
            "serie_titel",
            "titel",
            "verantwortlich",
            "verantwortlich_name",
            "faellig_am",
            "status",
            "abgeschlossen_am",
            "darf_aendern",
        ]
        read_only_fields = ["status", "abgeschlossen_am"]

    def validate(self, attrs):
        pk = attrs.pop("verantwortlich_id", None)
        if pk is not None:
            attrs["verantwortlich"] = (
                verantwortliche_auswahl(attrs["termin"].serie).filter(pk=pk).first()
            )
            if attrs["verantwortlich"] is None:
                raise serializers.ValidationError(
                    {
                        "verantwortlich": _(
                            "Die verantwortliche Person gehört nicht zum Kreis dieses Jour fixe."
                        )
                    }
                )
        return attrs


class AufgabeStatusSerializer(AufgabeSerializer):
    """Only the state changes once an item exists (its owner or the management set it)."""

    termin = serializers.PrimaryKeyRelatedField(read_only=True)
    verantwortlich = serializers.IntegerField(source="verantwortlich_id", read_only=True)

    class Meta(AufgabeSerializer.Meta):
        read_only_fields = [f for f in AufgabeSerializer.Meta.fields if f != "status"]
