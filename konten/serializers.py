from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .models import User


class TokenAnfrageSerializer(serializers.Serializer):
    email = serializers.EmailField(label=_("E-Mail-Adresse"))
    password = serializers.CharField(
        label=_("Passwort"),
        style={"input_type": "password"},
        trim_whitespace=False,
        write_only=True,
    )

    def validate(self, attrs):
        request = self.context["request"]
        # django-axes counts and locks API attempts exactly like form logins.
        user = authenticate(
            request=request._request, username=attrs["email"], password=attrs["password"]
        )
        if user is None:
            raise serializers.ValidationError(
                _("E-Mail-Adresse oder Passwort stimmen nicht."), code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class KontoSerializer(serializers.ModelSerializer):
    rollen = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "anzeigename", "sprache", "rollen"]
        read_only_fields = ["id", "email", "rollen"]

    def get_rollen(self, user) -> list[str]:
        from . import roles

        return [r.key for r in roles.rollen_von(user)]
