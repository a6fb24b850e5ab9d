def angemeldet(sender, request, user, **kwargs):
    """Signing in to the platform counts as activity on the person's lists."""
    from .models import Mitgliedschaft
    from .services import person_aktiv

    person_aktiv(user, Mitgliedschaft.Aktivitaet.LOGIN)
