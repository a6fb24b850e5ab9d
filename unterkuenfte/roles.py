"""The Ehrenamtskoordination, and what ``unterkuenfte`` adds to the roles: shelters and needs."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import assign_perm

from konten import roles
from konten.roles import Menuepunkt, Rolle, Startabschnitt
from regionen.models import Teilnahme, Termin
from regionen.roles import JOURS_FIXES

from .models import Unterkunft
from .permissions import KOORDINIEREN, koordinierte_unterkuenfte


class Ehrenamtskoordination(Rolle):
    key = "ehrenamtskoordination"
    label = _("Ehrenamtskoordination")
    beschreibung = _("Koordiniert die Freiwilligen einer Unterkunft und veröffentlicht Bedarfe.")
    scope_model = "unterkuenfte.Unterkunft"
    reihenfolge = 50

    def holds(self, user) -> bool:
        return koordinierte_unterkuenfte(user).exists()

    def grant(self, user, scope=None) -> None:
        if scope is None:
            raise ValueError("Ehrenamtskoordination is granted on a shelter")
        assign_perm(f"unterkuenfte.{KOORDINIEREN}", user, scope)

    def may_invite(self, inviter) -> bool:
        return inviter.is_staff or self.scope_choices(inviter).exists()

    def scope_choices(self, inviter):
        return Unterkunft.objects.for_user(inviter, "invite")


def _eigene_unterkuenfte(user) -> dict:

    return {
        "unterkuenfte": Unterkunft.objects.for_user(user, "change").mit_bedarfszahlen(),
        # the next jour fixe of the shelter's region, answerable from the start page
        "naechster_termin": Termin.objects.for_user(user)
        .kommend()
        .select_related("serie__region")
        .mit_antworten(user)
        .first(),
        "antwort_auswahl": Teilnahme.Antwort.choices,
    }


def _unterkuenfte_der_region(user) -> dict:
    in_betrieb = Unterkunft.objects.for_user(user).exclude(status=Unterkunft.Status.GESCHLOSSEN)
    return in_betrieb.aggregate(
        unterkuenfte=Count("pk", distinct=True),
        offene_bedarfe=Count("bedarfe", filter=Q(bedarfe__status="offen"), distinct=True),
    )


def beitragen() -> None:
    roles.register(Ehrenamtskoordination())
    roles.beitragen(
        "ehrenamtskoordination",
        menue=[
            Menuepunkt(_("Meine Unterkunft"), "unterkuenfte:liste", "unterkunft", 10),
            # a shelter's coordination meets at its region's jours fixes
            JOURS_FIXES,
        ],
        abschnitte=[
            Startabschnitt(
                "unterkuenfte/start_ehrenamtskoordination.html", _eigene_unterkuenfte, 10
            )
        ],
    )
    roles.beitragen(
        "regionalkoordination",
        menue=[Menuepunkt(_("Unterkünfte"), "unterkuenfte:liste", "region", 20)],
        abschnitte=[
            Startabschnitt(
                "unterkuenfte/start_regionalkoordination.html", _unterkuenfte_der_region, 20
            )
        ],
    )
    roles.oeffentlich_beitragen(
        Menuepunkt(_("Offene Bedarfe"), "unterkuenfte:board", "entdecken", 10)
    )
