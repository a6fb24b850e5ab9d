"""What ``freiwillige`` adds to the roles: the volunteer's pages, applications and
assignments for a shelter's coordination, figures for the regional coordination."""

from django.utils.translation import gettext_lazy as _

from konten import roles
from konten.roles import Menuepunkt, Startabschnitt

from .models import Bewerbung, Bewerbungseinladung, Einsatz, Profil, Stundeneintrag


def _engagement(user) -> dict:
    return {
        "profil": Profil.objects.filter(person=user).first(),
        "einsaetze": Einsatz.objects.for_user(user)
        .filter(person=user)
        .exclude(status=Einsatz.Status.BEENDET)
        .select_related("bedarf", "unterkunft", "organisation"),
        "wartend": Bewerbung.objects.for_user(user)
        .wartend()
        .filter(person=user)
        .select_related("bedarf__unterkunft", "bedarf__organisation"),
        "einladungen": Bewerbungseinladung.objects.filter(
            person=user, bedarf__status="offen"
        ).select_related("bedarf__bezirk"),
    }


def _zu_entscheiden(user) -> dict:
    return {
        "bewerbungen_wartend": Bewerbung.objects.for_user(user, "decide").wartend().count(),
        "stunden_offen": Stundeneintrag.objects.for_user(user, "confirm")
        .filter(bestaetigt_am__isnull=True)
        .count(),
    }


KENNZAHLEN = Menuepunkt(_("Freiwillige in Zahlen"), "freiwillige:kennzahlen", "zahlen", 20)


def beitragen() -> None:
    roles.beitragen(
        "freiwillige",
        menue=[
            Menuepunkt(_("Passende Bedarfe"), "freiwillige:bedarfe", "engagement", 10),
            Menuepunkt(_("Meine Bewerbungen"), "freiwillige:bewerbungen", "engagement", 20),
            Menuepunkt(_("Meine Einsätze"), "freiwillige:einsaetze", "engagement", 30),
            Menuepunkt(_("Mein Profil"), "freiwillige:profil", "engagement", 40),
        ],
        abschnitte=[Startabschnitt("freiwillige/start_freiwillige.html", _engagement)],
    )
    roles.beitragen(
        "ehrenamtskoordination",
        menue=[
            Menuepunkt(_("Bewerbungen"), "freiwillige:bewerbungen", "unterkunft", 20),
            Menuepunkt(_("Einsätze"), "freiwillige:einsaetze", "unterkunft", 30),
        ],
        abschnitte=[
            Startabschnitt("freiwillige/start_ehrenamtskoordination.html", _zu_entscheiden, 20)
        ],
    )
    roles.beitragen("regionalkoordination", menue=[KENNZAHLEN])
    roles.beitragen("verwaltung", menue=[KENNZAHLEN], routen=[KENNZAHLEN.url_name])
