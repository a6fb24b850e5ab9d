from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import assign_perm

from konten.roles import Rolle, Verwaltung

from .permissions import KOORDINIEREN, koordinierte_regionen


class Regionalkoordination(Rolle):
    key = "regionalkoordination"
    label = _("Regionalkoordination")
    beschreibung = _("Begleitet die Ehrenamtskoordinationen einer Region.")
    scope_model = "regionen.Region"
    start_template = "regionen/start_regionalkoordination.html"

    def holds(self, user) -> bool:
        return koordinierte_regionen(user).exists()

    def grant(self, user, scope=None) -> None:
        # Without a region guardian would grant the permission globally: never do that.
        if scope is None:
            raise ValueError("Regionalkoordination is granted on a region")
        assign_perm(f"regionen.{KOORDINIEREN}", user, scope)

    def scope_choices(self, inviter):
        from .models import Region

        return Region.objects.for_user(inviter, "invite")

    def start_context(self, user) -> dict:
        from .models import Region

        return {"regionen": Region.objects.for_user(user).mit_kennzahlen()}

    def navigation(self, user):
        return [(_("Meine Regionen"), "regionen:liste"), (_("Jours fixes"), "regionen:termine")]


class VerwaltungMitRegionen(Verwaltung):
    """The administration's start page lists the regions it receives reports for."""

    def start_context(self, user) -> dict:
        from .models import Region

        return {
            "regionen": Region.objects.for_user(user, "report")
            .select_related("oberregion")
            .mit_kennzahlen()
        }
