"""The Organisationskontakt, and what ``netzwerk`` adds to the roles: events and lists for
whoever presents and runs them (coordinations and organisation contacts alike)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.shortcuts import assign_perm

from konten import roles
from konten.roles import Menuepunkt, Rolle, Startabschnitt

from .models import Organisation
from .permissions import VERTRETEN, vertretene_organisationen


class Organisationskontakt(Rolle):
    key = "organisationskontakt"
    label = _("Organisationskontakt")
    beschreibung = _("Pflegt das Profil einer Organisation im Netzwerk.")
    scope_model = "netzwerk.Organisation"
    reihenfolge = 60

    def holds(self, user) -> bool:
        return vertretene_organisationen(user).exists()

    def grant(self, user, scope=None) -> None:
        if scope is None:
            raise ValueError("Organisationskontakt is granted on an organisation")
        assign_perm(f"netzwerk.{VERTRETEN}", user, scope)

    def may_invite(self, inviter) -> bool:
        return inviter.is_staff or self.holds(inviter)

    def scope_choices(self, inviter):
        return Organisation.objects.for_user(inviter, "invite")


def _vertretene(user) -> dict:
    return {"organisationen": Organisation.objects.for_user(user, "change")}


#: events for who presents them, lists for who runs them (``permissions.darf_anlegen``)
NETZWERKARBEIT = [
    Menuepunkt(_("Meine Veranstaltungen"), "netzwerk:meine", "netzwerk", 10),
    Menuepunkt(pgettext_lazy("Mehrzahl", "Verteiler"), "netzwerk:verteiler_liste", "netzwerk", 20),
]


def beitragen() -> None:
    roles.register(Organisationskontakt())
    roles.beitragen(
        "organisationskontakt",
        menue=NETZWERKARBEIT,
        abschnitte=[Startabschnitt("netzwerk/start_organisationskontakt.html", _vertretene)],
    )
    for key in ("regionalkoordination", "plattform_admin"):
        roles.beitragen(key, menue=NETZWERKARBEIT)
    roles.oeffentlich_beitragen(
        Menuepunkt(_("Veranstaltungen"), "netzwerk:kalender", "entdecken", 30),
        Menuepunkt(_("Organisationen"), "netzwerk:verzeichnis", "entdecken", 40),
    )
