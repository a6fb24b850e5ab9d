from django.db.models import Exists, OuterRef

from common.scoping import Policy, granted_objects

VERTRETEN = "vertreten"


def vertretene_organisationen(user):
    """Organisations the user represents (directly or through a group)."""
    from .models import Organisation

    return granted_objects(Organisation, user, VERTRETEN)


class OrganisationPolicy(Policy):
    """Contact persons see and edit their organisation; inviting colleagues is theirs too."""

    actions = ("view", "change", "invite")

    def scope(self, user, action, queryset):
        granted = vertretene_organisationen(user).filter(pk=OuterRef("pk"))
        return queryset.filter(Exists(granted))
