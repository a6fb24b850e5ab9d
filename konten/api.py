from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from common.drosselung import BereichsDrossel

from . import services, zwei_faktoren
from .authentifizierung import ZugangAuthentifizierung
from .serializers import KontoSerializer, TokenAnfrageSerializer, TokenSerializer


class TokenView(APIView):
    """POST: exchanges e-mail address, password and a name for the client (plus the code of
    the authenticator app where the role needs two factors) for a new API token.
    DELETE: revokes the token the request carries."""

    throttle_classes = [BereichsDrossel]
    throttle_scope = "token"
    kennzahlen_lesbar = True

    def get_authenticators(self):
        # Signing in takes the credentials alone: a stale token sent along must not refuse it.
        methode = getattr(self.request, "method", None)  # none while the schema is built
        return [] if methode == "POST" else [ZugangAuthentifizierung()]

    def get_permissions(self):
        if self.request.method == "DELETE":
            return [permissions.IsAuthenticated()]
        return [permissions.AllowAny()]

    @extend_schema(
        request=TokenAnfrageSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description=_("Anmeldedaten oder Code stimmen nicht.")),
            403: OpenApiResponse(
                description=_("Die Rolle verlangt zwei Faktoren: erst eine App einrichten.")
            ),
            429: OpenApiResponse(description=_("Zu viele fehlgeschlagene Anmeldeversuche.")),
        },
    )
    def post(self, request):
        # Answer without raising: a raised error rolls the request's transaction back, and
        # with it the failed attempt django-axes has just recorded (and a failed code).
        serializer = TokenAnfrageSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        daten = serializer.validated_data
        try:
            mit_code = zwei_faktoren.fuer_token(daten["user"], daten.get("code"))
        except zwei_faktoren.NichtEingerichtet as fehler:
            return Response({"detail": str(fehler)}, status=status.HTTP_403_FORBIDDEN)
        except zwei_faktoren.CodeFehler as fehler:
            return Response({"code": [str(fehler)]}, status=status.HTTP_400_BAD_REQUEST)
        zugang, token = services.api_zugang_anlegen(daten["user"], daten["name"], mit_code)
        return Response(TokenSerializer({"token": token, "ablauf": zugang.expiry}).data)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class AbmeldenView(APIView):
    """Signs out of the API on every device: revokes all of the person's tokens."""

    kennzahlen_lesbar = True

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        services.api_zugaenge_widerrufen(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class KontoView(generics.RetrieveUpdateAPIView):
    """The signed-in person's own account."""

    serializer_class = KontoSerializer
    kennzahlen_lesbar = True
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return self.request.user
