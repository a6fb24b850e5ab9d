"""The API's token authentication: django-rest-knox's expiring tokens (``konten.ApiZugang``).

A revoked or expired token answers 401 with ``{"detail": …}``. A token issued without the
second factor no longer serves a person whom signing in now asks for one (the role or the
app came later, or two factors became required): 403 until they ask for a new token with
their code.
"""

from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication
from rest_framework import exceptions

from . import zwei_faktoren


class ZugangAuthentifizierung(TokenAuthentication):
    def validate_user(self, auth_token):
        user, zugang = super().validate_user(auth_token)
        if not zugang.zweiter_faktor and zwei_faktoren.verlangt(user):
            raise exceptions.PermissionDenied(zwei_faktoren.FEHLT)
        return user, zugang


class ZugangSchema(KnoxTokenScheme):
    """The token in the OpenAPI schema: ``Authorization: Token …``."""

    target_class = "konten.authentifizierung.ZugangAuthentifizierung"
    name = "tokenAuth"
