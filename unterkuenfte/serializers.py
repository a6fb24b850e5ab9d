from django.utils.translation import gettext as _
from rest_framework import serializers

from common.models import Sprache
from common.serializers import (
    KuerzelFeld,
    ModelCleanMixin,
    ModelSerializer,
    UebersetzungenField,
)

from .models import (
    Anforderungsart,
    Bedarf,
    Taetigkeitsfeld,
    Unterkunft,
    Unterkunftsart,
    Zeitfenster,
)


class SpracheSerializer(ModelSerializer):
    class Meta:
        model = Sprache
        fields = ["code", "name"]


class UnterkunftsartSerializer(ModelSerializer):
    class Meta:
        model = Unterkunftsart
        fields = ["id", "name", "slug", "kuerzel"]


class AnforderungsartSerializer(ModelSerializer):
    class Meta:
        model = Anforderungsart
        fields = [
            "id",
            "name",
            "slug",
            "beschreibung",
            "rechtsgrundlage",
            "hoechstalter_bei_vorlage_tage",
            "gueltigkeit_monate",
            "gilt_fuer_geboren_ab",
        ]


class TaetigkeitsfeldSerializer(ModelSerializer):
    class Meta:
        model = Taetigkeitsfeld
        fields = ["id", "name", "slug", "hinweis", "anforderungen"]


class UnterkunftSerializer(ModelCleanMixin, ModelSerializer):
    sprachen = KuerzelFeld(
        slug_field="code", many=True, queryset=Sprache.objects.all(), required=False
    )
    adresse = serializers.SerializerMethodField()

    class Meta:
        model = Unterkunft
        fields = [
            "id",
            "name",
            "betreiber",
            "region",
            "bezirk",
            "art",
            "kapazitaet",
            "belegung",
            "sprachen",
            "status",
            "in_betrieb_seit",
            "schliessung_am",
            "beschreibung",
            "anforderungen",
            "adresse",
        ]
        read_only_fields = ["id", "name", "betreiber", "region", "bezirk", "art", "adresse"]

    def get_adresse(self, unterkunft) -> dict | None:
        """Street address only for those allowed to read it; everyone else has the district."""
        if not getattr(unterkunft, "adresse_sichtbar", False):
            return None
        return {"strasse": unterkunft.strasse, "plz": unterkunft.plz, "ort": unterkunft.ort}


class ZeitfensterSerializer(ModelSerializer):
    class Meta:
        model = Zeitfenster
        fields = ["wochentag", "von", "bis"]


class BedarfSerializer(ModelCleanMixin, ModelSerializer):
    """A need as the board shows it: the poster's name and district, never an address.
    ``unterkunft`` is set for a shelter's need, ``organisation`` for a call for helpers."""

    sprachen = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    zeitfenster = ZeitfensterSerializer(many=True, read_only=True)
    anbieter_name = serializers.CharField(source="anbieter.name", read_only=True)
    uebersetzungen = UebersetzungenField(Bedarf.uebersetzbare_felder)
    unterkunft_name = serializers.CharField(
        source="unterkunft.name", read_only=True, allow_null=True
    )
    bezirk = serializers.CharField(source="bezirk.name", read_only=True, allow_null=True)

    class Meta:
        model = Bedarf
        fields = [
            "id",
            "titel",
            "taetigkeitsfeld",
            "beschreibung",
            "sprachen",
            "anzahl_helfende",
            "anzahl_besetzt",
            "einmalig_am",
            "beginn",
            "ende",
            "status",
            "zeitfenster",
            "unterkunft",
            "organisation",
            "anbieter_name",
            "unterkunft_name",
            "region",
            "bezirk",
            "zusaetzliche_anforderungen",
            "uebersetzungen",
        ]
        read_only_fields = ["id", "anzahl_besetzt", "unterkunft", "organisation", "status"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        einmalig = attrs.get("einmalig_am", getattr(self.instance, "einmalig_am", None))
        hat_fenster = self.instance is not None and self.instance.zeitfenster.exists()
        if not einmalig and not hat_fenster:
            raise serializers.ValidationError(
                {
                    "einmalig_am": _(
                        "Bitte mindestens ein wöchentliches Zeitfenster "
                        "oder einen einmaligen Termin angeben."
                    )
                }
            )
        return attrs
