from rest_framework import serializers

from .models import Bezirk, Region


class BezirkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Bezirk
        fields = ["id", "name", "slug", "region"]


class RegionSerializer(serializers.ModelSerializer):
    bezirke = BezirkSerializer(many=True, read_only=True)

    class Meta:
        model = Region
        fields = ["id", "name", "slug", "art", "oberregion", "beschreibung", "bezirke"]
        read_only_fields = ["id", "slug", "art", "oberregion", "bezirke"]
