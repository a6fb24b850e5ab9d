from django.core.exceptions import PermissionDenied
from django.utils import translation

from .roles import erreicht


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
