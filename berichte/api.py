"""The report figures through the API, scoped like the pages: the administration reads
every region and the whole platform, a regional coordination its own regions. Values are
numbers, or the text the page shows where a value is hidden ("< 5", "verborgen")."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from common.api import ScopedViewSet
from common.serializers import ModelSerializer
from regionen.models import Region

from .bericht import bericht_erstellen
from .permissions import sieht_alles
from .zeitraum import Periode

ZEITRAUM = OpenApiParameter(
    "zeitraum",
    OpenApiTypes.STR,
    description="2026-11 (Monat), 2026-Q4 (Quartal) oder 2026 (Jahr); ohne: der letzte "
    "abgeschlossene Monat",
)


class BerichtsregionSerializer(ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "name", "oberregion"]


class SpalteSerializer(serializers.Serializer):
    titel = serializers.CharField()
    region = serializers.IntegerField(allow_null=True)
    kennzahlen = serializers.DictField(child=serializers.JSONField())
    vorzeitraum = serializers.DictField(child=serializers.JSONField())
    je_taetigkeitsfeld = serializers.DictField(child=serializers.JSONField())
    eingefroren_am = serializers.DateTimeField(allow_null=True)


class BerichtSerializer(serializers.Serializer):
    zeitraum = serializers.CharField()
    vorzeitraum = serializers.CharField()
    region = serializers.IntegerField(allow_null=True)
    nebeneinander = serializers.BooleanField()
    spalten = SpalteSerializer(many=True)


def _wert(zelle):
    return zelle.text if zelle.verborgen else zelle.wert


def als_daten(bericht) -> dict:
    return {
        "zeitraum": bericht.periode.schluessel,
        "vorzeitraum": bericht.vorige.schluessel,
        "region": bericht.region.pk if bericht.region else None,
        "nebeneinander": bericht.nebeneinander,
        "spalten": [
            {
                "titel": spalte.titel,
                "region": spalte.region.pk if spalte.region else None,
                "kennzahlen": {key: _wert(z) for key, z in spalte.zellen.items()},
                "vorzeitraum": {key: _wert(z) for key, z in spalte.vorher.items()},
                "je_taetigkeitsfeld": {name: _wert(z) for name, z in spalte.je_feld},
                "eingefroren_am": spalte.eingefroren_am,
            }
            for spalte in bericht.spalten
        ],
    }


def _periode(request) -> Periode:
    schluessel = request.query_params.get("zeitraum")
    if not schluessel:
        return Periode.monat_von(timezone.localdate()).vorige()
    try:
        return Periode.aus_schluessel(schluessel)
    except ValueError as fehler:
        raise ValidationError({"zeitraum": [str(fehler)]}) from None


class BerichtViewSet(mixins.ListModelMixin, ScopedViewSet):
    """Regions whose reports the caller reads; per region its report, or its regions side
    by side; for the administration the whole platform."""

    model = Region
    scope_action = "report"
    kennzahlen_lesbar = True
    serializer_class = BerichtsregionSerializer

    def narrow_queryset(self, queryset):
        return queryset.order_by("pfad")

    def _antwort(self, region, nebeneinander):
        bericht = bericht_erstellen(region, _periode(self.request), nebeneinander)
        return Response(BerichtSerializer(als_daten(bericht)).data)

    @extend_schema(parameters=[ZEITRAUM], responses=BerichtSerializer)
    def retrieve(self, request, pk=None):
        """The region's report compared with the previous period."""
        return self._antwort(self.get_object(), nebeneinander=False)

    @extend_schema(parameters=[ZEITRAUM], responses=BerichtSerializer)
    @action(detail=True)
    def vergleich(self, request, pk=None):
        """The regions directly below the region side by side, and their total."""
        return self._antwort(self.get_object(), nebeneinander=True)

    @extend_schema(parameters=[ZEITRAUM], responses=BerichtSerializer)
    @action(detail=False)
    def gesamt(self, request):
        """The highest regions side by side and the whole platform (administration)."""
        if not sieht_alles(request.user):
            raise PermissionDenied
        return self._antwort(None, nebeneinander=True)
