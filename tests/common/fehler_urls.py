"""The site's routes and error handlers plus a few routes that fail on purpose, for the
error-page tests (``@pytest.mark.urls("tests.common.fehler_urls")``)."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path

from config import urls


@login_not_required
def kaputt(request):
    raise RuntimeError("ein Fehler im Code")


@login_not_required
def verboten(request):
    raise PermissionDenied


@login_not_required
def formular(request):
    """A plain Django view under /api/: the CSRF check guards it like any page."""
    return HttpResponse("angenommen")


urlpatterns = [
    path("kaputt/", kaputt),
    path("verboten/", verboten),
    path("api/kaputt/", kaputt),
    path("api/verboten/", verboten),
    path("api/formular/", formular),
    *urls.urlpatterns,
]
handler400 = urls.handler400
handler403 = urls.handler403
handler404 = urls.handler404
handler500 = urls.handler500
