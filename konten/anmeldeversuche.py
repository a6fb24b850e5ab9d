"""How django-axes identifies a login attempt (the account and the visitor's address), and
what a locked-out visitor gets."""

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


def client_adresse(request) -> str | None:
    """The visitor's address as django-axes records it.

    Behind ``PROXY_COUNT`` trusted proxies the outermost one appends the real client to
    X-Forwarded-For; entries further left are whatever the client sent and are ignored
    (the same rule as the API throttle's NUM_PROXIES).
    """
    proxies = settings.PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
        return entries[-min(proxies, len(entries))]
    return request.META.get("REMOTE_ADDR")


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
