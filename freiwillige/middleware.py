from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

#: paths a volunteer reaches before accepting: the declarations, signing out, the API (it
#: answers for itself), language switch, static files and the health check
_FREI = (
    "/freiwillige/erklaerungen/",
    "/konten/abmelden/",
    "/konten/sprache/",
    "/api/",
    "/static/",
    "/healthz",
)


class ErklaerungenMiddleware:
    """Sends a volunteer with declarations still to accept to the declarations page.

    Whether anything is open is decided once per login (signals.py) and kept in the session,
    so ordinary requests cost no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get("erklaerungen_offen") and not request.path.startswith(_FREI):
            ziel = reverse("freiwillige:erklaerungen")
            if request.method == "GET":
                return redirect(f"{ziel}?{urlencode({'next': request.get_full_path()})}")
            return redirect(ziel)
        return self.get_response(request)
