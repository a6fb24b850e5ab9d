"""Who sees and changes what in the network.

- Organisation contacts see and edit their own organisation, its events and the lists it
  runs. A published Steckbrief is visible to everyone, signed in or not.
- The network coordination of a city or region is its Regionalkoordination: it sees the
  organisations of its regions, runs their admission, their distribution lists and
  network meetings.
- Members of a list see the members-only events of that list, never the list's members.
"""

from django.db.models import Exists, OuterRef, Q

from common.scoping import Policy, granted_objects
from regionen.models import Region

from .models import Mitgliedschaft, Organisation, Veranstaltung, Verteiler

VERTRETEN = "vertreten"


def vertretene_organisationen(user):
    """Organisations the user represents (directly or through a group)."""
    return granted_objects(Organisation, user, VERTRETEN)


def darf_anlegen(user) -> bool:
    """Organisation contacts and the network coordination present events and run lists."""
    if not user.is_authenticated:
        return False
    return (
        user.is_staff
        or vertretene_organisationen(user).exists()
        or _koordinierte_regionen(user).exists()
    )


def _koordinierte_regionen(user):
    return Region.objects.for_user(user)


class OrganisationPolicy(Policy):
    """view: published profiles, the user's own organisations and, for the network
    coordination, the organisations of its regions; change and invite: own organisations;
    aufnehmen (admission steps): the network coordination of the organisation's region."""

    actions = ("view", "change", "invite", "aufnehmen")

    def scope(self, user, action, queryset):
        eigene = Exists(vertretene_organisationen(user).filter(pk=OuterRef("pk")))
        regionen = _koordinierte_regionen(user)
        # an organisation that named only its district belongs to that district's region
        der_region = Q(region__in=regionen) | Q(bezirk__region__in=regionen)
        if action in ("change", "invite"):
            return queryset.filter(eigene)
        if action == "aufnehmen":
            return queryset.filter(der_region)
        return queryset.filter(Q(steckbrief_freigegeben_am__isnull=False) | eigene | der_region)

    def scope_anonymous(self, action, queryset):
        if action == "view":
            return queryset.filter(steckbrief_freigegeben_am__isnull=False)
        return queryset.none()


class AufnahmeschrittPolicy(Policy):
    """The admission record is the network coordination's working file."""

    def scope(self, user, action, queryset):
        return queryset.filter(organisation__in=Organisation.objects.for_user(user, "aufnehmen"))


def _verteiler_verwaltet(user, prefix=""):
    return Q(**{f"{prefix}region__in": _koordinierte_regionen(user)}) | Q(
        **{f"{prefix}organisation__in": vertretene_organisationen(user)}
    )


class VerteilerPolicy(Policy):
    """Lists and their members are for the people who run them, nobody else."""

    def scope(self, user, action, queryset):
        return queryset.filter(_verteiler_verwaltet(user))


class MitgliedschaftPolicy(Policy):
    def scope(self, user, action, queryset):
        return queryset.filter(verteiler__in=Verteiler.objects.for_user(user, action))


class VerteilernachrichtPolicy(MitgliedschaftPolicy):
    pass


def mitglied_in(user):
    """Lists the user is on: as a person, or through an organisation they represent."""
    return (
        Mitgliedschaft.objects.auf_der_liste()
        .filter(Q(person=user) | Q(organisation__in=vertretene_organisationen(user)))
        .values("verteiler")
    )


class VeranstaltungPolicy(Policy):
    """view: published public events for everyone; members-only events for the list's
    members; every event for those who run it. change: the presenting organisation's
    contacts and the network coordination of the event's region."""

    def _verwaltet(self, user):
        return Q(organisation__in=vertretene_organisationen(user)) | Q(
            region__in=_koordinierte_regionen(user)
        )

    def scope(self, user, action, queryset):
        if action == "change":
            return queryset.filter(self._verwaltet(user))
        sichtbar = Q(veroeffentlicht=True) & (
            Q(oeffentlich=True) | Q(verteiler__in=mitglied_in(user))
        )
        return queryset.filter(sichtbar | self._verwaltet(user))

    def scope_anonymous(self, action, queryset):
        if action == "view":
            return queryset.filter(veroeffentlicht=True, oeffentlich=True)
        return queryset.none()


class VeranstaltungsanmeldungPolicy(Policy):
    """view: own registrations, and all registrations of events the user runs;
    change (cancel, mark attendance): the same."""

    def scope(self, user, action, queryset):
        return queryset.filter(
            Q(person=user) | Q(veranstaltung__in=Veranstaltung.objects.for_user(user, "change"))
        )
