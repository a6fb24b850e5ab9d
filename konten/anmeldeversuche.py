"""How django-axes identifies a login attempt: the account and the visitor's address."""

from django.conf import settings


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
