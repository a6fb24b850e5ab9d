from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from common.scoping import Policy, granted_objects
from konten.roles import gruppen_namen

from . import kreise
from .models import JourFixeSerie, Region, Termin
from .models.region import KOORDINIEREN


def koordinierte_regionen(user):
    """Regions granted to the user (directly or through a group) as Regionalkoordination."""
    return granted_objects(Region, user, KOORDINIEREN)


class RegionPolicy(Policy):
    """Regional coordinators see their regions and everything below; changes are admin work."""

    actions = ("view", "change", "invite", "report")

    def scope(self, user, action, queryset):
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


# --- jours fixes ------------------------------------------------------------------------------


class JourFixeSeriePolicy(Policy):
    """view: the region's coordination (which manages the series) and everyone invited —
    the series' circle and the persons named on it; change: the region's coordination."""

    def scope(self, user, action, queryset):
        verwaltet = Q(region__in=Region.objects.for_user(user))
        if action == "change":
            return queryset.filter(verwaltet)
        benannt = JourFixeSerie.weitere_eingeladene.through.objects.filter(
            jourfixeserie=OuterRef("pk"), user=user
        )
        return queryset.filter(verwaltet | kreise.im_kreis(user) | Q(Exists(benannt)))


class TerminPolicy(Policy):
    """Termine are seen, answered and managed exactly like their series."""

    def scope(self, user, action, queryset):
        return queryset.filter(serie__in=JourFixeSerie.objects.for_user(user, action))


class _ZumTermin(Policy):
    """Rows of a Termin: seen with the Termin; arranged by whoever manages the series."""

    def scope(self, user, action, queryset):
        return queryset.filter(termin__in=Termin.objects.for_user(user, action))


class ThemaPolicy(_ZumTermin):
    pass


class TeilnahmePolicy(_ZumTermin):
    """Everyone sees their own answers; who answered what, the series' management."""

    def scope(self, user, action, queryset):
        verwaltet = Q(termin__in=Termin.objects.for_user(user, "change"))
        if action == "change":
            return queryset.filter(verwaltet)
        return queryset.filter(verwaltet | Q(person=user))


class AufgabePolicy(_ZumTermin):
    """Action items: seen by the invited; changed by the management and by their owner."""

    def scope(self, user, action, queryset):
        if action == "change":
            verwaltet = Q(termin__in=Termin.objects.for_user(user, "change"))
            eigene = Q(verantwortlich=user, termin__in=Termin.objects.for_user(user))
            return queryset.filter(verwaltet | eigene)
        return super().scope(user, action, queryset)


def darf_serien_anlegen(user) -> bool:
    """Starting a jour-fixe series is the regional coordination's (or an admin's) work."""
    return Region.objects.for_user(user).exists()
