from django.db.models import Q

from common.scoping import Policy


class ProfilPolicy(Policy):
    """A volunteer sees and edits their own profile.

    Coordinators will see the profiles of people who applied to or are assigned at their
    shelter, once applications exist.
    """

    def scope(self, user, action, queryset):
        return queryset.filter(person=user)


class NachweisPolicy(Policy):
    """A volunteer reads their own inspection records; recording them is the coordination's
    work at shelters where the person applied or is assigned (with applications)."""

    def scope(self, user, action, queryset):
        return queryset.filter(person=user) if action == "view" else queryset.none()


def _an_eigenen_unterkuenften(user, action, feld):
    from unterkuenfte.models import Unterkunft

    return Q(**{f"{feld}__in": Unterkunft.objects.for_user(user, action)})


class BewerbungPolicy(Policy):
    """view: the applicant, and the shelter's coordination and its regional coordination;
    decide: the shelter's coordination; withdraw: the applicant."""

    actions = ("view", "decide", "withdraw")

    def scope(self, user, action, queryset):
        if action == "withdraw":
            return queryset.filter(person=user)
        if action == "decide":
            return queryset.filter(_an_eigenen_unterkuenften(user, "change", "bedarf__unterkunft"))
        return queryset.filter(
            Q(person=user) | _an_eigenen_unterkuenften(user, "view", "bedarf__unterkunft")
        )


class EinsatzPolicy(Policy):
    """view: the volunteer and the shelter's (regional) coordination; change (pause, end):
    the volunteer and the shelter's coordination."""

    def scope(self, user, action, queryset):
        scope = "change" if action == "change" else "view"
        return queryset.filter(
            Q(person=user) | _an_eigenen_unterkuenften(user, scope, "unterkunft")
        )
