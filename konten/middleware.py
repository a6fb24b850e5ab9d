from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django_htmx.http import HttpResponseClientRedirect

from common.views import _ist_api

from . import zwei_faktoren
from .roles import erreicht


class ZweiFaktorenMiddleware:
    """Until a person whose role needs two factors has given the code of their app (or, where
    two factors are required, set one up), they reach that step's page and nothing else:
    pages lead there, the API answers 403, the admin too (konten/zwei_faktoren.py). Signing
    out, the language switch and the token endpoint (which checks the code itself) stay open.
    """

    FREI = frozenset({"konten:logout", "konten:sprache", "api:token"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        seite = request.resolver_match.view_name
        if seite in self.FREI:
            return None
        schritt = zwei_faktoren.naechster_schritt(request.user)
        if schritt is None or seite == zwei_faktoren.SEITE[schritt]:
            return None
        if _ist_api(request):
            return JsonResponse({"detail": str(zwei_faktoren.API_ANTWORT[schritt])}, status=403)
        ziel = reverse(zwei_faktoren.SEITE[schritt])
        ziel += "?" + urlencode({"next": request.get_full_path()})
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(ziel)
        return redirect(ziel)


class NurKennzahlenMiddleware:
    """A closed role alone (the administration's) reaches no page that shows a person:
    anything but the routes contributed to it (reports, figures, its own account) and public
    pages answers 403, also routes added later. The API is guarded the same way by
    ``konten.permissions.NurKennzahlen``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        treffer = request.resolver_match
        if treffer is None or treffer.namespace in ("api", "admin"):
            return None
        if not getattr(view_func, "login_required", True):
            return None  # public
        if not erreicht(request.user, treffer.view_name):
            raise PermissionDenied
        return None


class UserLanguageMiddleware:
    """Signed-in people see the language saved on their account, on every device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.sprache:
            translation.activate(user.sprache)
            request.LANGUAGE_CODE = user.sprache
        return self.get_response(request)
