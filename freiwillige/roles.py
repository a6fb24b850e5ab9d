"""The volunteering parts of the roles: menus and start-page sections."""

from django.utils.translation import gettext_lazy as _

from konten.roles import Freiwillige
from regionen.roles import VerwaltungMitRegionen
from unterkuenfte.roles import Ehrenamtskoordination, RegionalkoordinationMitUnterkuenften


class FreiwilligeMitProfil(Freiwillige):
    start_template = "freiwillige/start_freiwillige.html"

    def start_context(self, user) -> dict:
        from .models import Bewerbung, Bewerbungseinladung, Einsatz, Profil

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

    def navigation(self, user):
        return [
            (_("Passende Bedarfe"), "freiwillige:bedarfe"),
            (_("Meine Bewerbungen"), "freiwillige:bewerbungen"),
            (_("Meine Einsätze"), "freiwillige:einsaetze"),
            (_("Mein Profil"), "freiwillige:profil"),
        ]


class EhrenamtskoordinationMitBewerbungen(Ehrenamtskoordination):
    start_template = "freiwillige/start_ehrenamtskoordination.html"

    def start_context(self, user) -> dict:
        from .models import Bewerbung, Stundeneintrag

        return {
            **super().start_context(user),
            "bewerbungen_wartend": Bewerbung.objects.for_user(user, "decide").wartend().count(),
            "stunden_offen": Stundeneintrag.objects.for_user(user, "confirm")
            .filter(bestaetigt_am__isnull=True)
            .count(),
        }

    def navigation(self, user):
        return [
            *super().navigation(user),
            (_("Bewerbungen"), "freiwillige:bewerbungen"),
            (_("Einsätze"), "freiwillige:einsaetze"),
        ]


class RegionalkoordinationMitKennzahlen(RegionalkoordinationMitUnterkuenften):
    def navigation(self, user):
        return [*super().navigation(user), (_("Freiwillige in Zahlen"), "freiwillige:kennzahlen")]


class VerwaltungMitKennzahlen(VerwaltungMitRegionen):
    def navigation(self, user):
        return [*super().navigation(user), (_("Freiwillige in Zahlen"), "freiwillige:kennzahlen")]
