from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.shortcuts import assign_perm

from konten.roles import Rolle

from .permissions import VERTRETEN, darf_anlegen, vertretene_organisationen


class Organisationskontakt(Rolle):
    key = "organisationskontakt"
    label = _("Organisationskontakt")
    beschreibung = _("Pflegt das Profil einer Organisation im Netzwerk.")
    scope_model = "netzwerk.Organisation"
    start_template = "netzwerk/start_organisationskontakt.html"

    def holds(self, user) -> bool:
        return vertretene_organisationen(user).exists()

    def grant(self, user, scope=None) -> None:
        if scope is None:
            raise ValueError("Organisationskontakt is granted on an organisation")
        assign_perm(f"netzwerk.{VERTRETEN}", user, scope)

    def may_invite(self, inviter) -> bool:
        return inviter.is_staff or self.holds(inviter)

    def scope_choices(self, inviter):
        from .models import Organisation

        return Organisation.objects.for_user(inviter, "invite")

    def start_context(self, user) -> dict:
        from .models import Organisation

        return {"organisationen": Organisation.objects.for_user(user, "change")}


def netzwerk_navigation(user) -> list:
    """Events for who presents them, lists for who runs them: coordinations and
    organisation contacts alike."""
    if not user.is_authenticated or not darf_anlegen(user):
        return []
    return [
        (_("Meine Veranstaltungen"), "netzwerk:meine"),
        (pgettext_lazy("Mehrzahl", "Verteiler"), "netzwerk:verteiler_liste"),
    ]
