"""How django-axes identifies a login attempt (the account; the visitor's address comes from
common.drosselung.client_adresse), and what a locked-out visitor gets."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from common.views import _ist_api

#: the lockout's status: Too Many Requests, as the API's own throttle answers
GESPERRT_STATUS = 429


def konto_schluessel(request, credentials) -> str | None:
    """The e-mail address as the login compares it: trimmed and without case.

    Axes counts failures per this key, so "Lea@X" and "lea@x " share one lockout.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    return value.strip().lower() if isinstance(value, str) else value


def gesperrt_antwort(request, original_response=None, credentials=None):
    """The lockout page, or for an API client ``{"detail": …}`` as every API error reads,
    with the wait in Retry-After."""
    sekunden = int(settings.AXES_COOLOFF_TIME.total_seconds())
    if _ist_api(request):
        antwort = JsonResponse(
            {
                "detail": _(
                    "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie %(minuten)d "
                    "Minuten und versuchen Sie es dann erneut."
                )
                % {"minuten": sekunden // 60}
            },
            status=GESPERRT_STATUS,
        )
        antwort["Retry-After"] = str(sekunden)
        return antwort
    return render(request, "konten/gesperrt.html", status=GESPERRT_STATUS)
