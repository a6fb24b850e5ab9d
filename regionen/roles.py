"""The Regionalkoordination, and what ``regionen`` adds to the roles: regions, jours fixes."""

from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import assign_perm

from konten import roles
from konten.roles import Menuepunkt, Rolle, Startabschnitt

from .models import Region
from .permissions import KOORDINIEREN, koordinierte_regionen


class Regionalkoordination(Rolle):
    key = "regionalkoordination"
    label = _("Regionalkoordination")
    beschreibung = _("Begleitet die Ehrenamtskoordinationen einer Region.")
    scope_model = "regionen.Region"
    reihenfolge = 30
    # also the network coordination of a city or region: it runs lists of many organisations
    zwei_faktoren = True

    def holds(self, user) -> bool:
        return koordinierte_regionen(user).exists()

    def grant(self, user, scope=None) -> None:
        # Without a region guardian would grant the permission globally: never do that.
        if scope is None:
            raise ValueError("Regionalkoordination is granted on a region")
        assign_perm(f"regionen.{KOORDINIEREN}", user, scope)

    def scope_choices(self, inviter):
        return Region.objects.for_user(inviter, "invite")


def _eigene_regionen(user) -> dict:
    return {"regionen": Region.objects.for_user(user).mit_kennzahlen()}


def _berichtsregionen(user) -> dict:
    """The regions the administration receives reports for (names only: it opens no region)."""
    return {
        "regionen": Region.objects.for_user(user, "report")
        .select_related("oberregion")
        .mit_kennzahlen()
    }


JOURS_FIXES = Menuepunkt(_("Jours fixes"), "regionen:termine", "region", 30)


def beitragen() -> None:
    roles.register(Regionalkoordination())
    roles.beitragen(
        "regionalkoordination",
        menue=[Menuepunkt(_("Meine Regionen"), "regionen:liste", "region", 10), JOURS_FIXES],
        abschnitte=[
            Startabschnitt("regionen/start_regionalkoordination.html", _eigene_regionen, 10)
        ],
    )
    roles.beitragen(
        "verwaltung",
        abschnitte=[Startabschnitt("regionen/start_verwaltung.html", _berichtsregionen, 60)],
    )
    roles.beitragen(
        "plattform_admin",
        menue=[Menuepunkt(_("Alle Regionen"), "regionen:liste", "region", 10)],
    )
