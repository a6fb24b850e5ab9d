"""How django-axes names the account behind a login attempt."""

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
