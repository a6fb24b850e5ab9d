"""Who sees which volunteer data.

A volunteer sees only their own. A shelter's coordination sees the people who applied to or
work at its shelter: their profile, checks, applications, assignments and hours; an
organisation's contacts see the same for the people who answered its calls for helpers. Regional
coordination and the administration see figures only (freiwillige/kennzahlen.py), never
these rows.
"""

from django.db.models import Q

from common.scoping import Policy
from konten.models import User
from netzwerk.models import Organisation
from unterkuenfte.models import Unterkunft

from .models import Bewerbung, Einsatz


def _bei_eigenen(user, praefix=""):
    """Rows whose poster (``<praefix>unterkunft`` / ``<praefix>organisation``) the user
    coordinates or represents."""
    return Q(**{f"{praefix}unterkunft__in": Unterkunft.objects.for_user(user, "change")}) | Q(
        **{f"{praefix}organisation__in": Organisation.objects.for_user(user, "change")}
    )


def personen_der_koordination(user):
    """People with an application (not withdrawn) or an assignment at the user's shelters or
    with the organisations the user represents."""

    beworben = Bewerbung.objects.filter(_bei_eigenen(user, "bedarf__")).exclude(
        status=Bewerbung.Status.ZURUECKGEZOGEN
    )
    eingesetzt = Einsatz.objects.filter(_bei_eigenen(user))
    return User.objects.filter(
        Q(pk__in=beworben.values("person_id")) | Q(pk__in=eingesetzt.values("person_id"))
    )


class ProfilPolicy(Policy):
    """view: oneself and the coordination of shelters the person applied to or works at;
    change: oneself."""

    def scope(self, user, action, queryset):
        if action == "change":
            return queryset.filter(person=user)
        return queryset.filter(Q(person=user) | Q(person__in=personen_der_koordination(user)))


class NachweisPolicy(Policy):
    """view: oneself and that coordination; change (record a check): that coordination."""

    def scope(self, user, action, queryset):
        der_koordination = Q(person__in=personen_der_koordination(user))
        if action == "change":
            return queryset.filter(der_koordination)
        return queryset.filter(Q(person=user) | der_koordination)


class BewerbungPolicy(Policy):
    """view: the applicant and the poster's coordination; decide: the coordination;
    withdraw: the applicant."""

    actions = ("view", "decide", "withdraw")

    def scope(self, user, action, queryset):
        if action == "withdraw":
            return queryset.filter(person=user)
        an_eigenen = _bei_eigenen(user, "bedarf__")
        if action == "decide":
            return queryset.filter(an_eigenen)
        return queryset.filter(Q(person=user) | an_eigenen)


class EinsatzPolicy(Policy):
    """view and change (pause, end, log hours): the volunteer and the poster's coordination."""

    def scope(self, user, action, queryset):
        return queryset.filter(Q(person=user) | _bei_eigenen(user))


class StundeneintragPolicy(Policy):
    """view, change: like the assignment; confirm: the poster's coordination."""

    actions = ("view", "change", "confirm")

    def scope(self, user, action, queryset):
        an_eigenen = _bei_eigenen(user, "einsatz__")
        if action == "confirm":
            return queryset.filter(an_eigenen)
        return queryset.filter(Q(einsatz__person=user) | an_eigenen)
