from rest_framework import serializers

from .models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "art",
            "region",
            "kontakt_name",
            "kontakt_email",
            "kontakt_telefon",
            "website",
        ]
        read_only_fields = ["id", "art", "region"]
