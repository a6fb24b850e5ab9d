"""Who sees which volunteer data.

A volunteer sees only their own. A shelter's coordination sees the people who applied to or
work at its shelter: their profile, checks, applications, assignments and hours. Regional
coordination and the administration see figures only (freiwillige/kennzahlen.py), never
these rows.
"""

from django.db.models import Q

from common.scoping import Policy


def _eigene_unterkuenfte(user):
    from unterkuenfte.models import Unterkunft

    return Unterkunft.objects.for_user(user, "change")


def personen_der_koordination(user):
    """People with an application (not withdrawn) or an assignment at the user's shelters."""
    from konten.models import User

    from .models import Bewerbung, Einsatz

    eigene = _eigene_unterkuenfte(user)
    beworben = Bewerbung.objects.filter(bedarf__unterkunft__in=eigene).exclude(
        status=Bewerbung.Status.ZURUECKGEZOGEN
    )
    eingesetzt = Einsatz.objects.filter(unterkunft__in=eigene)
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


def _an_eigenen_unterkuenften(user, feld):
    return Q(**{f"{feld}__in": _eigene_unterkuenfte(user)})


class BewerbungPolicy(Policy):
    """view: the applicant and the shelter's coordination; decide: the coordination;
    withdraw: the applicant."""

    actions = ("view", "decide", "withdraw")

    def scope(self, user, action, queryset):
        if action == "withdraw":
            return queryset.filter(person=user)
        an_eigenen = _an_eigenen_unterkuenften(user, "bedarf__unterkunft")
        if action == "decide":
            return queryset.filter(an_eigenen)
        return queryset.filter(Q(person=user) | an_eigenen)


class EinsatzPolicy(Policy):
    """view and change (pause, end, log hours): the volunteer and the shelter's coordination."""

    def scope(self, user, action, queryset):
        return queryset.filter(Q(person=user) | _an_eigenen_unterkuenften(user, "unterkunft"))


class StundeneintragPolicy(Policy):
    """view, change: like the assignment; confirm: the shelter's coordination."""

    actions = ("view", "change", "confirm")

    def scope(self, user, action, queryset):
        an_eigenen = _an_eigenen_unterkuenften(user, "einsatz__unterkunft")
        if action == "confirm":
            return queryset.filter(an_eigenen)
        return queryset.filter(Q(einsatz__person=user) | an_eigenen)
