from rest_framework import serializers

from .models import Bezirk, Region


class BezirkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bezirk
        fields = ["id", "name", "slug", "region"]


class RegionSerializer(serializers.ModelSerializer):
    bezirke = BezirkSerializer(many=True, read_only=True)
    oberregion = serializers.SerializerMethodField()

    def get_oberregion(self, region) -> int | None:
        """The parent's id, only where the caller may see the parent."""
        return region.oberregion_id if getattr(region, "oberregion_sichtbar", False) else None

    class Meta:
        model = Region
        fields = ["id", "name", "slug", "art", "oberregion", "beschreibung", "bezirke"]
        read_only_fields = ["id", "slug", "art", "bezirke"]
