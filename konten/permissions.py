from django.db.models import Q

from common.scoping import Policy


class UserPolicy(Policy):
    """People see their own account; admins see all (handled by the scoped QuerySet)."""

    def scope(self, user, action, queryset):
        return queryset.filter(pk=user.pk)


class EinladungPolicy(Policy):
    """An invitation is visible to the person who sent it."""

    def scope(self, user, action, queryset):
        return queryset.filter(Q(eingeladen_von=user))
