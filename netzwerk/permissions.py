from django.db.models import Exists, OuterRef, Q

from common.scoping import Policy

VERTRETEN = "vertreten"


def vertretene_organisationen(user):
    from .models import Organisation

    return Organisation.objects.filter(
        Q(
            organisationuserobjectpermission__user=user,
            organisationuserobjectpermission__permission__codename=VERTRETEN,
        )
        | Q(
            organisationgroupobjectpermission__group__user=user,
            organisationgroupobjectpermission__permission__codename=VERTRETEN,
        )
    )


class OrganisationPolicy(Policy):
    """Contact persons see and edit their organisation; inviting colleagues is theirs too."""

    actions = ("view", "change", "invite")

    def scope(self, user, action, queryset):
        granted = vertretene_organisationen(user).filter(pk=OuterRef("pk"))
        return queryset.filter(Exists(granted))
