"""The training API's shapes: series, courses with their sessions, registrations.

Related rows offered for writing come through ``for_user()``: a hidden id is refused like
a missing one. Counts (free seats, waiting people, attendance) are annotations of the
viewset's queryset, so a list costs the same number of queries however long it is.
"""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.serializers import ModelSerializer

from .models import Anmeldung, Kurs, Qualifikation, Reihe, Sitzung, Themenwunsch


class _Sichtbar(serializers.PrimaryKeyRelatedField):
    """Only rows the caller may use for ``action`` exist here."""

    def __init__(self, model, action="view", **kwargs):
        self.model, self.action_name = model, action
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.model.objects.for_user(request.user if request else None, self.action_name)


class ReiheSerializer(ModelSerializer):
    class Meta:
        model = Reihe
        fields = ["id", "titel", "stufe", "jahr", "zielgruppe", "beschreibung"]


class SitzungSerializer(ModelSerializer):
    """A session inside a course. On writing, ``id`` names a session to keep and change;
    a session without ``id`` is new; the course's sessions missing from the list go."""

    id = serializers.IntegerField(required=False)

    class Meta:
        model = Sitzung
        fields = ["id", "beginn", "ende", "ort", "online_link"]


class SitzungLesenSerializer(ModelSerializer):
    kurs_titel = serializers.CharField(source="kurs.titel", read_only=True)

    class Meta:
        model = Sitzung
        fields = ["id", "kurs", "kurs_titel", "uid", "beginn", "ende", "ort", "online_link"]
        read_only_fields = fields


class KursSerializer(ModelSerializer):
    reihe = _Sichtbar(Reihe, "change")
    reihe_titel = serializers.CharField(source="reihe.titel", read_only=True)
    stufe = serializers.CharField(source="reihe.stufe", read_only=True)
    zielgruppe = serializers.CharField(source="reihe.zielgruppe", read_only=True)
    vermittelt = _Sichtbar(Qualifikation, required=False, allow_null=True)
    vermittelt_name = serializers.CharField(
        source="vermittelt.name", read_only=True, allow_null=True
    )
    voraussetzungen = _Sichtbar(Qualifikation, many=True, required=False)
    voraussetzungen_namen = serializers.SerializerMethodField()
    themenwunsch = _Sichtbar(Themenwunsch, required=False, allow_null=True)
    sitzungen = SitzungSerializer(many=True)
    anzahl_sitzungen = serializers.IntegerField(read_only=True)
    erster_beginn = serializers.DateTimeField(read_only=True, allow_null=True)
    letztes_ende = serializers.DateTimeField(read_only=True, allow_null=True)
    belegt = serializers.IntegerField(read_only=True)
    freie_plaetze = serializers.IntegerField(read_only=True)
    wartend = serializers.IntegerField(read_only=True)
    anmeldung_offen = serializers.BooleanField(read_only=True)

    class Meta:
        model = Kurs
        fields = [
            "id",
            "reihe",
            "reihe_titel",
            "stufe",
            "zielgruppe",
            "titel",
            "beschreibung",
            "leitung",
            "plaetze",
            "belegt",
            "freie_plaetze",
            "wartend",
            "anmeldung_ab",
            "anmeldung_bis",
            "abmeldung_bis",
            "anmeldung_offen",
            "mindestanwesenheit",
            "vermittelt",
            "vermittelt_name",
            "voraussetzungen",
            "voraussetzungen_namen",
            "themenwunsch",
            "veroeffentlicht",
            "anzahl_sitzungen",
            "erster_beginn",
            "letztes_ende",
            "sitzungen",
        ]

    def get_voraussetzungen_namen(self, kurs) -> list[str]:
        return [qualifikation.name for qualifikation in kurs.voraussetzungen.all()]

    def validate_sitzungen(self, zeilen):
        ids = [zeile["id"] for zeile in zeilen if "id" in zeile]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError(_("Jede Sitzung bitte nur einmal angeben."))
        return zeilen


class AnmeldungSerializer(ModelSerializer):
    kurs_titel = serializers.CharField(source="kurs.titel", read_only=True)
    person_name = serializers.CharField(source="person.anzeigename", read_only=True)
    warteposition = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=_("Platz auf der Warteliste (1 rückt als Nächste*r nach); sonst leer."),
    )
    abgeschlossen = serializers.BooleanField(read_only=True)
    bescheinigung = serializers.SerializerMethodField(
        help_text=_("Die Teilnahmebescheinigung (PDF), sobald der Kurs abgeschlossen ist.")
    )
    abschlusstag = serializers.SerializerMethodField(
        help_text=_("Der Tag der letzten Sitzung: das Datum auf der Bescheinigung.")
    )

    class Meta:
        model = Anmeldung
        fields = [
            "id",
            "kurs",
            "kurs_titel",
            "person",
            "person_name",
            "status",
            "warteposition",
            "created_at",
            "nachgerueckt_am",
            "abgemeldet_am",
            "abgeschlossen",
            "abgeschlossen_am",
            "abschlusstag",
            "bescheinigungscode",
            "bescheinigung",
        ]
        read_only_fields = fields

    def get_abschlusstag(self, anmeldung) -> date | None:
        return anmeldung.abschlusstag if anmeldung.abgeschlossen else None

    def get_bescheinigung(self, anmeldung) -> str | None:
        if not anmeldung.abgeschlossen:
            return None
        pfad = reverse("fortbildung:bescheinigung", args=[anmeldung.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(pfad) if request else pfad


class TeilnehmendeSerializer(ModelSerializer):
    """A registered person as the team sees them: contact, attendance, completion."""

    person_name = serializers.CharField(source="person.anzeigename", read_only=True)
    person_email = serializers.EmailField(source="person.email", read_only=True)
    anwesend = serializers.IntegerField(read_only=True, help_text=_("besuchte Sitzungen"))
    abgeschlossen = serializers.BooleanField(read_only=True)

    class Meta:
        model = Anmeldung
        fields = [
            "id",
            "person",
            "person_name",
            "person_email",
            "nachgerueckt_am",
            "anwesend",
            "abgeschlossen",
            "abgeschlossen_am",
            "bescheinigungscode",
        ]
        read_only_fields = fields


class AnwesenheitErfassenSerializer(serializers.Serializer):
    """Who attended one session of the course; everyone else registered was absent."""

    sitzung = serializers.PrimaryKeyRelatedField(queryset=Sitzung.objects.none())
    anwesend = serializers.ListField(
        child=serializers.IntegerField(),
        allow_empty=True,
        help_text=_("Ids der Anmeldungen, die da waren."),
    )

    def __init__(self, *args, kurs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kurs is not None:
            self.fields["sitzung"].queryset = kurs.sitzungen.all()


class AbschlussSerializer(serializers.Serializer):
    abgeschlossen = TeilnehmendeSerializer(
        many=True, help_text=_("Wer mit diesem Schritt den Kurs abgeschlossen hat.")
    )
