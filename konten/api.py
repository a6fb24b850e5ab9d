from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from .serializers import KontoSerializer, TokenAnfrageSerializer, TokenSerializer


class TokenView(APIView):
    """Exchanges e-mail address and password for the account's API token."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(request=TokenAnfrageSerializer, responses=TokenSerializer)
    def post(self, request):
        serializer = TokenAnfrageSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            # Answer without raising: a raised error rolls the request's transaction back,
            # and with it the failed attempt django-axes has just recorded.
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class KontoView(generics.RetrieveUpdateAPIView):
    """The signed-in person's own account."""

    serializer_class = KontoSerializer
    kennzahlen_lesbar = True
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return self.request.user
