"""Who reads region reports: the administration every region, a regional coordination its
own regions and everything below; nobody else. Reports hold aggregates only."""

from common.scoping import Policy
from konten.roles import gruppen_namen
from regionen.models import Region


def berichtsregionen(user):
    """The regions whose reports the user may read (``RegionPolicy``, action ``report``)."""
    return Region.objects.for_user(user, "report")


def sieht_alles(user) -> bool:
    """The administration and platform admins read the whole platform's figures."""
    return user.is_authenticated and (user.is_staff or "Verwaltung" in gruppen_namen(user))


def darf_berichte(user) -> bool:
    return user.is_authenticated and (sieht_alles(user) or berichtsregionen(user).exists())


class ExportauftragPolicy(Policy):
    """An export job and its file belong to the person who asked for it."""

    def scope(self, user, action, queryset):
        return queryset.filter(erstellt_von=user)
