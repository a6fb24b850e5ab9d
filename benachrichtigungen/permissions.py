"""Preferences are private: everyone sees and changes only their own."""

from common.scoping import Policy


class EinstellungPolicy(Policy):
    def scope(self, user, action, queryset):
        return queryset.filter(person=user)
