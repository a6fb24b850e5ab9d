"""Who sees and manages what in training.

The Fortbildungsteam (a global group) manages everything. Published series and courses are
public; a person sees their own registrations and qualifications; topic wishes belong to
the people who may wish (coordinators and organisation contacts).
"""

from django.db.models import Exists, OuterRef, Q

from common.scoping import Policy
from konten.roles import gruppen_namen, rollen_von

from .models import Anmeldung, Kurs

TEAM = "Fortbildungsteam"
#: roles whose holders count as coordinators (target group, topic wishes)
KOORDINATION = frozenset({"ehrenamtskoordination", "regionalkoordination"})
#: roles whose holders propose and vote on training topics
WUENSCHENDE = KOORDINATION | {"organisationskontakt", "fortbildungsteam"}


def ist_team(user) -> bool:
    return user.is_authenticated and (user.is_staff or TEAM in gruppen_namen(user))


def rollen_keys(user) -> frozenset[str]:
    return frozenset(rolle.key for rolle in rollen_von(user))


def darf_wuenschen(user) -> bool:
    return user.is_authenticated and (user.is_staff or bool(rollen_keys(user) & WUENSCHENDE))


class _TeamVerwaltet(Policy):
    """The team manages every row; what others see, ``sichtbar`` says."""

    def sichtbar(self, user, queryset):
        return queryset.none()

    def scope(self, user, action, queryset):
        if ist_team(user):
            return queryset
        if action != "view":
            return queryset.none()
        return self.sichtbar(user, queryset)


class QualifikationPolicy(_TeamVerwaltet):
    """The catalogue of qualifications is public reference data."""

    def sichtbar(self, user, queryset):
        return queryset

    def scope_anonymous(self, action, queryset):
        return queryset if action == "view" else queryset.none()


class ErteilungPolicy(_TeamVerwaltet):
    def sichtbar(self, user, queryset):
        return queryset.filter(person=user)


class ReihePolicy(QualifikationPolicy):
    """Series are public: the training calendar shows them to everyone."""


class KursPolicy(_TeamVerwaltet):
    """Published courses are public; an unpublished one only for the team and the people
    registered or waiting for it (a course taken back from the calendar keeps them)."""

    def sichtbar(self, user, queryset):
        eigene = Anmeldung.objects.filter(kurs=OuterRef("pk"), person=user).exclude(
            status=Anmeldung.Status.ABGEMELDET
        )
        return queryset.filter(Q(veroeffentlicht=True) | Q(Exists(eigene)))

    def scope_anonymous(self, action, queryset):
        return queryset.filter(veroeffentlicht=True) if action == "view" else queryset.none()


class SitzungPolicy(Policy):
    def scope(self, user, action, queryset):
        return queryset.filter(kurs__in=Kurs.objects.for_user(user, action))

    def scope_anonymous(self, action, queryset):
        return queryset.filter(kurs__in=Kurs.objects.for_user(None, action))


class AnmeldungPolicy(Policy):
    """One's own registrations (seen and cancelled by oneself); all of them for the team."""

    def scope(self, user, action, queryset):
        if ist_team(user):
            return queryset
        return queryset.filter(person=user)


class ThemenwunschPolicy(_TeamVerwaltet):
    def sichtbar(self, user, queryset):
        return queryset if darf_wuenschen(user) else queryset.none()
