from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.serializers import ModelSerializer, Zeilenfeld

from . import roles
from .models import User


class TokenAnfrageSerializer(serializers.Serializer):
    email = serializers.EmailField(label=_("E-Mail-Adresse"))
    password = serializers.CharField(
        label=_("Passwort"),
        style={"input_type": "password"},
        trim_whitespace=False,
        write_only=True,
    )
    name = Zeilenfeld(
        label=_("Name des Zugangs"),
        max_length=64,
        help_text=_(
            "Woran Sie den Zugang unter „Mein Konto → API-Zugänge“ erkennen, z. B. "
            "„Telefon“ oder „Auswertungsskript“. Ein neues Token unter demselben Namen "
            "ersetzt das bisherige."
        ),
    )
    code = serializers.CharField(
        label=_("Code"),
        required=False,
        allow_blank=True,
        write_only=True,
        help_text=_(
            "Der Code der Authenticator-App (oder ein Wiederherstellungscode), wo die Rolle "
            "zwei Faktoren verlangt."
        ),
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
    token = serializers.CharField(
        read_only=True, help_text=_("Senden als „Authorization: Token …“; nur hier zu sehen.")
    )
    ablauf = serializers.DateTimeField(read_only=True, help_text=_("Bis dahin gilt das Token."))


class KontoSerializer(ModelSerializer):
    rollen = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "anzeigename", "sprache", "rollen"]
        read_only_fields = ["id", "email", "rollen"]

    def get_rollen(self, user) -> list[str]:
        return [r.key for r in roles.rollen_von(user)]
