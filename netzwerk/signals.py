def angemeldet(sender, request, user, **kwargs):
    """Signing in to the platform counts as activity on the person's lists."""
    from .models import Mitgliedschaft
    from .services import person_aktiv

    person_aktiv(user, Mitgliedschaft.Aktivitaet.LOGIN)


def treffen_besucht(sender, termin, anwesende, **kwargs):
    """Attending a network meeting (a jour fixe of the network's circle) is activity."""
    from konten.models import User

    from .kreis import KEY
    from .models import Mitgliedschaft
    from .services import aktivitaet_vermerken, vertretene_organisationen_aller

    if termin.serie.kreis != KEY or not anwesende:
        return
    personen = User.objects.filter(pk__in=anwesende)
    aktivitaet_vermerken(
        Mitgliedschaft.Aktivitaet.TREFFEN,
        personen=personen,
        organisationen=vertretene_organisationen_aller(personen),
    )


def platz_nach_antwort(sender, termin, person, antwort, **kwargs):
    """The seat at a network meeting follows the answer to its Termin (treffen.py)."""
    from .treffen import platz_nach_antwort as angleichen

    angleichen(termin, person, antwort)
