"""Who sees which shelter, need and access ban.

Shelter coordination (Ehrenamtskoordination) holds a grant on its shelter; regional
coordination sees every shelter of its regions through the region grant. Needs and bans
derive their visibility from their shelter.
"""

from django.db.models import Exists, OuterRef, Q

from common.scoping import Policy, granted_objects

KOORDINIEREN = "koordinieren"


def koordinierte_unterkuenfte(user):
    """Shelters granted to the user (directly or through a group) as Ehrenamtskoordination."""
    from .models import Unterkunft

    return granted_objects(Unterkunft, user, KOORDINIEREN)


def _eigene(user):
    return Exists(koordinierte_unterkuenfte(user).filter(pk=OuterRef("pk")))


def _der_region(user):
    from regionen.models import Region

    return Q(region__in=Region.objects.for_user(user))


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
    """public: open needs of shelters in operation (the board, also anonymous);
    manage: every need of the shelters in the workspace; view: both;
    change: the shelter's coordination."""

    actions = ("public", "view", "manage", "change")

    def _in(self, user, action):
        from .models import Unterkunft

        return Q(unterkunft__in=Unterkunft.objects.for_user(user, action))

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
        from .models import Unterkunft

        scope = "change" if action == "change" else "view"
        return queryset.filter(unterkunft__in=Unterkunft.objects.for_user(user, scope))
