"""Activity on the distribution lists: what keeps a member on a list (DOMAIN.md, inactivity
lifecycle), and the list history it writes. Services, seats and signals note it here."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Mitgliedschaft, Verteilerereignis
from .permissions import vertretene_organisationen


def ereignisse_schreiben(mitgliedschaften, art: str, akteur=None, notiz: str = "") -> None:
    """One history entry per membership."""
    Verteilerereignis.objects.bulk_create(
        [
            Verteilerereignis(mitgliedschaft=m, art=art, akteur=akteur, notiz=notiz)
            for m in mitgliedschaften
        ],
        batch_size=500,
    )


def aktivitaet_vermerken(art: str, personen=(), organisationen=(), jetzt=None) -> int:
    """Notes an activity on every list the people or organisations are on.

    A member marked inactive becomes active again (and the history says so). Returns the
    number of memberships touched.
    """
    jetzt = jetzt or timezone.now()
    betroffen = Mitgliedschaft.objects.auf_der_liste().filter(
        Q(person__in=list(personen)) | Q(organisation__in=list(organisationen))
    )
    with transaction.atomic():
        wieder_aktiv = list(betroffen.filter(status=Mitgliedschaft.Status.INAKTIV))
        anzahl = betroffen.update(
            status=Mitgliedschaft.Status.AKTIV,
            letzte_aktivitaet=jetzt,
            letzte_aktivitaet_art=art,
            gewarnt_am=None,
            updated_at=jetzt,
        )
        ereignisse_schreiben(
            wieder_aktiv, Verteilerereignis.Art.AKTIV, notiz=Mitgliedschaft.Aktivitaet(art).label
        )
    return anzahl


def person_aktiv(person, art: str) -> int:
    """The person was active: their own memberships and their organisations' count."""
    return aktivitaet_vermerken(
        art, personen=[person], organisationen=vertretene_organisationen(person)
    )
