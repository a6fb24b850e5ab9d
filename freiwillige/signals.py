from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .erklaerungen import erklaerungen_offen


@receiver(user_logged_in)
def erklaerungen_pruefen(sender, request, user, **kwargs):
    """A new version of a declaration asks again at the next login."""
    if request is not None and hasattr(request, "session") and erklaerungen_offen(user):
        request.session["erklaerungen_offen"] = True
