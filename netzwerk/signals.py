"""Receivers of other apps' signals, connected in apps.py: signing in and attending a
network meeting count as activity on the lists; the seat follows a meeting's answer."""

from konten.models import User

from . import treffen
from .aktivitaet import aktivitaet_vermerken, person_aktiv
from .jourfixe_kreis import KEY
from .models import Mitgliedschaft
from .services import vertretene_organisationen_aller


def angemeldet(sender, request, user, **kwargs):
    """Signing in to the platform counts as activity on the person's lists."""
    person_aktiv(user, Mitgliedschaft.Aktivitaet.LOGIN)


def treffen_besucht(sender, termin, anwesende, **kwargs):
    """Attending a network meeting (a jour fixe of the network's circle) is activity."""
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
    treffen.platz_nach_antwort(termin, person, antwort)
