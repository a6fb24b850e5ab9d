from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr

from common.scoping import Policy, granted_objects

KOORDINIEREN = "koordinieren"


def koordinierte_regionen(user):
    """Regions granted to the user (directly or through a group) as Regionalkoordination."""
    from .models import Region

    return granted_objects(Region, user, KOORDINIEREN)


class RegionPolicy(Policy):
    """Regional coordinators see their regions and everything below; changes are admin work."""

    actions = ("view", "change", "invite", "report")

    def scope(self, user, action, queryset):
        from konten.roles import gruppen_namen

        if action == "report" and "Verwaltung" in gruppen_namen(user):
            return queryset
        if action not in ("view", "report"):
            return queryset.none()
        # A granted region whose path is a prefix of the row's path: the row lies below it.
        granted_above = koordinierte_regionen(user).filter(
            pfad=Substr(OuterRef("pfad"), 1, Length("pfad"))
        )
        return queryset.filter(Exists(granted_above))


class BezirkPolicy(Policy):
    """District names are public (they replace addresses for volunteers)."""

    def scope(self, user, action, queryset):
        return queryset if action == "view" else queryset.none()

    def scope_anonymous(self, action, queryset):
        return queryset if action == "view" else queryset.none()
