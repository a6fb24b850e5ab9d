from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from common.models import Sprache
from common.serializers import Freitextfeld, KuerzelFeld, ModelSerializer
from unterkuenfte.models import Bedarf
from unterkuenfte.serializers import ZeitfensterSerializer

from .gruende import ueberschneidung
from .models import (
    Bewerbung,
    Einsatz,
    Profil,
    Sprachkenntnis,
    Stundeneintrag,
    Verfuegbarkeit,
    Verlaufseintrag,
)


def _vollstaendig(attrs, felder):
    """A replaced row must be whole, even in a PATCH (DRF's partial mode reaches nested rows)."""
    fehlend = {feld: _("Dieses Feld ist erforderlich.") for feld in felder if feld not in attrs}
    if fehlend:
        raise serializers.ValidationError(fehlend)


class SprachkenntnisSerializer(ModelSerializer):
    sprache = KuerzelFeld(slug_field="code", queryset=Sprache.objects.all())

    class Meta:
        model = Sprachkenntnis
        fields = ["sprache", "niveau"]

    def validate(self, attrs):
        _vollstaendig(attrs, self.Meta.fields)
        return attrs


class VerfuegbarkeitSerializer(ModelSerializer):
    class Meta:
        model = Verfuegbarkeit
        fields = ["wochentag", "von", "bis"]

    def validate(self, attrs):
        _vollstaendig(attrs, self.Meta.fields)
        if attrs["bis"] <= attrs["von"]:
            raise serializers.ValidationError({"bis": _("„bis“ muss nach „von“ liegen.")})
        return attrs


class ProfilSerializer(ModelSerializer):
    """The volunteer's own profile; languages and weekly times are replaced as a whole."""

    sprachkenntnisse = SprachkenntnisSerializer(many=True, required=False)
    verfuegbarkeiten = VerfuegbarkeitSerializer(many=True, required=False)

    class Meta:
        model = Profil
        fields = [
            "status",
            "geburtsjahr",
            "telefon",
            "heimatbezirk",
            "bevorzugte_regionen",
            "interessen",
            "freitext",
            "sprachkenntnisse",
            "verfuegbarkeiten",
        ]
        # the engagement changes through its own endpoint (it withdraws and ends things)
        read_only_fields = ["status"]

    def validate_sprachkenntnisse(self, zeilen):
        codes = [zeile["sprache"].code for zeile in zeilen]
        if len(codes) != len(set(codes)):
            raise serializers.ValidationError(_("Jede Sprache bitte nur einmal angeben."))
        return zeilen

    def validate_verfuegbarkeiten(self, zeilen):
        fehler = ueberschneidung((z["wochentag"], z["von"], z["bis"]) for z in zeilen)
        if fehler:
            raise serializers.ValidationError(fehler)
        return zeilen

    @transaction.atomic
    def update(self, instance, validated_data):
        sprachen = validated_data.pop("sprachkenntnisse", None)
        zeiten = validated_data.pop("verfuegbarkeiten", None)
        instance = super().update(instance, validated_data)
        if sprachen is not None:
            instance.sprachkenntnisse.all().delete()
            Sprachkenntnis.objects.bulk_create(
                Sprachkenntnis(profil=instance, **zeile) for zeile in sprachen
            )
        if zeiten is not None:
            instance.verfuegbarkeiten.all().delete()
            Verfuegbarkeit.objects.bulk_create(
                Verfuegbarkeit(profil=instance, **zeile) for zeile in zeiten
            )
        return instance


class EngagementSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Profil.Status.choices)


class VerlaufSerializer(ModelSerializer):
    akteur = serializers.CharField(source="akteur.anzeigename", allow_null=True)

    class Meta:
        model = Verlaufseintrag
        fields = ["von_status", "nach_status", "akteur", "notiz", "zeitpunkt"]


class BewerbungSerializer(ModelSerializer):
    bedarf = serializers.PrimaryKeyRelatedField(queryset=Bedarf.objects.oeffentlich())
    bedarf_titel = serializers.CharField(source="bedarf.titel", read_only=True)
    anbieter = serializers.CharField(source="bedarf.anbieter.name", read_only=True)
    unterkunft = serializers.CharField(
        source="bedarf.unterkunft.name", read_only=True, allow_null=True
    )
    person = serializers.CharField(source="person.anzeigename", read_only=True)
    verlauf = VerlaufSerializer(many=True, read_only=True)

    class Meta:
        model = Bewerbung
        fields = [
            "id",
            "bedarf",
            "bedarf_titel",
            "anbieter",
            "unterkunft",
            "person",
            "nachricht",
            "status",
            "created_at",
            "verlauf",
        ]
        read_only_fields = ["status", "created_at"]


class TextSerializer(serializers.Serializer):
    text = Freitextfeld(max_length=2000, required=False, allow_blank=True, default="")


class EinsatzSerializer(ModelSerializer):
    bedarf_titel = serializers.CharField(source="bedarf.titel", read_only=True)
    anbieter_name = serializers.CharField(source="anbieter.name", read_only=True)
    unterkunft_name = serializers.CharField(
        source="unterkunft.name", read_only=True, allow_null=True
    )
    bezirk = serializers.CharField(source="bedarf.bezirk.name", read_only=True, allow_null=True)
    person = serializers.CharField(source="person.anzeigename", read_only=True)
    adresse = serializers.SerializerMethodField()
    stunden_bestaetigt = serializers.DecimalField(max_digits=8, decimal_places=2, read_only=True)
    zeitfenster = ZeitfensterSerializer(
        source="bedarf.zeitfenster",
        many=True,
        read_only=True,
        help_text=gettext_lazy("Die Wochentage und Uhrzeiten des Einsatzes (aus dem Bedarf)."),
    )
    einmalig_am = serializers.DateField(
        source="bedarf.einmalig_am",
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Der Tag eines einmaligen Einsatzes (aus dem Bedarf)."),
    )

    class Meta:
        model = Einsatz
        fields = [
            "id",
            "bewerbung",
            "bedarf",
            "bedarf_titel",
            "unterkunft",
            "organisation",
            "anbieter_name",
            "unterkunft_name",
            "bezirk",
            "adresse",
            "person",
            "status",
            "beginn",
            "ende",
            "zeitfenster",
            "einmalig_am",
            "stunden_bestaetigt",
        ]
        read_only_fields = fields

    def get_adresse(self, einsatz) -> str | None:
        """The shelter's street address where the caller may read it (active assignment,
        coordination); an organisation's place is on its public Steckbrief."""
        sichtbar = self.context.get("adresse_sichtbar", set())
        return einsatz.unterkunft.adresse if einsatz.unterkunft_id in sichtbar else None


class EinsatzStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Einsatz.Status.choices)


class _EigeneEinsaetze(serializers.PrimaryKeyRelatedField):
    """Only assignments the caller may log hours on exist here (no probing of other ids)."""

    def get_queryset(self):
        request = self.context.get("request")
        user = request.user if request else None
        return Einsatz.objects.for_user(user, "change")


class StundeneintragSerializer(ModelSerializer):
    einsatz = _EigeneEinsaetze()
    bestaetigt_von = serializers.CharField(
        source="bestaetigt_von.anzeigename", read_only=True, allow_null=True
    )

    class Meta:
        model = Stundeneintrag
        fields = [
            "id",
            "einsatz",
            "datum",
            "stunden",
            "taetigkeit",
            "bestaetigt_am",
            "bestaetigt_von",
        ]
        read_only_fields = ["bestaetigt_am"]


class KandidatSerializer(serializers.Serializer):
    """What a coordinator learns of a candidate before they apply: no surname, no contact."""

    profil = serializers.IntegerField(source="pk")
    vorname = serializers.CharField()
    bezirk = serializers.CharField(source="heimatbezirk.name", allow_null=True)
    sprachen = serializers.SerializerMethodField()
    verfuegbarkeiten = VerfuegbarkeitSerializer(many=True)
    punkte = serializers.IntegerField()
    gruende = serializers.ListField(child=serializers.CharField())
    hat_sich_beworben = serializers.BooleanField(source="beworben")

    def get_sprachen(self, profil) -> list[dict]:
        return [
            {"sprache": k.sprache.code, "niveau": k.niveau} for k in profil.sprachkenntnisse.all()
        ]


class PassenderBedarfSerializer(serializers.Serializer):
    bedarf = serializers.IntegerField(source="pk")
    titel = serializers.CharField()
    taetigkeitsfeld = serializers.CharField(source="taetigkeitsfeld.name")
    anbieter = serializers.CharField(source="anbieter.name")
    organisation = serializers.IntegerField(source="organisation_id", allow_null=True)
    unterkunft = serializers.CharField(source="unterkunft.name", allow_null=True)
    bezirk = serializers.CharField(source="bezirk.name", allow_null=True)
    punkte = serializers.IntegerField()
    gruende = serializers.ListField(child=serializers.CharField())
    eingeladen = serializers.BooleanField()
