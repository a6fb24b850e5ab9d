"""Who sees which shelter, need and access ban.

Shelter coordination (Ehrenamtskoordination) holds a grant on its shelter; regional
coordination sees every shelter of its regions through the region grant. Bans derive their
visibility from their shelter, needs from their poster: the shelter, or the organisation
calling for helpers (its contacts, and the network coordination of its region).
"""

from django.db.models import Exists, OuterRef, Q

from common.scoping import Policy, granted_objects
from netzwerk.models import Organisation
from regionen.models import Region

from .models import KOORDINIEREN, Unterkunft


def koordinierte_unterkuenfte(user):
    """Shelters granted to the user (directly or through a group) as Ehrenamtskoordination."""
    return granted_objects(Unterkunft, user, KOORDINIEREN)


def _eigene(user):
    return Exists(koordinierte_unterkuenfte(user).filter(pk=OuterRef("pk")))


def _der_region(user):
    return Q(region__in=Region.objects.for_user(user))


def aufrufe_verwaltet(user):
    """Organisations whose calls for helpers the user manages: those the user represents
    and, for the network coordination, those of its regions."""
    organisationen = Organisation.objects
    return organisationen.filter(
        Q(pk__in=organisationen.for_user(user, "change").values("pk"))
        | Q(pk__in=organisationen.for_user(user, "aufnehmen").values("pk"))
    )


class UnterkunftPolicy(Policy):
    """view: the workspace (own shelter, or any shelter of the coordinated regions);
    change: the shelter's coordination; address: who may read the street address;
    invite: who may invite a (co-)coordinator."""

    actions = ("view", "change", "address", "invite")

    def scope(self, user, action, queryset):
        if action == "change":
            return queryset.filter(_eigene(user))
        if action == "address":
            # volunteers learn the address once an application is accepted (an active Einsatz)
            aktiv_hier = Q(einsaetze__person=user, einsaetze__status="aktiv")
            return queryset.filter(Q(_eigene(user)) | _der_region(user) | aktiv_hier).distinct()
        return queryset.filter(Q(_eigene(user)) | _der_region(user))


class BedarfPolicy(Policy):
    """public: open needs, except those of closed shelters (the board, also anonymous);
    manage: every need in the workspace, that is of the shelters one coordinates or oversees
    and of the organisations one represents or runs the network for; view: both;
    change: the shelter's coordination or the organisation's contacts."""

    actions = ("public", "view", "manage", "change")

    def _in(self, user, action):

        organisationen = (
            Organisation.objects.for_user(user, "change")
            if action == "change"
            else aufrufe_verwaltet(user)
        )
        return Q(unterkunft__in=Unterkunft.objects.for_user(user, action)) | Q(
            organisation__in=organisationen
        )

    def scope(self, user, action, queryset):
        if action == "public":
            return queryset.oeffentlich()
        if action == "change":
            return queryset.filter(self._in(user, "change"))
        if action == "manage":
            return queryset.filter(self._in(user, "view"))
        return queryset.filter(
            Q(pk__in=queryset.oeffentlich().values("pk")) | self._in(user, "view")
        )

    def scope_anonymous(self, action, queryset):
        return queryset.oeffentlich() if action in ("public", "view") else queryset.none()


class HausverbotPolicy(Policy):
    """Bans and their reasons: the shelter's coordination and its regional coordination;
    only the shelter's coordination issues or ends them."""

    def scope(self, user, action, queryset):
        scope = "change" if action == "change" else "view"
        return queryset.filter(unterkunft__in=Unterkunft.objects.for_user(user, scope))
