from django.db.models import Q
from rest_framework import permissions

from common.scoping import Policy

from .roles import nur_kennzahlen


class NurKennzahlen(permissions.BasePermission):
    """API side of ``NurKennzahlenMiddleware``: the administration's role alone reads only
    endpoints marked ``kennzahlen_lesbar`` (reports, regions, its own account); public
    endpoints name their own permissions and stay public."""

    def has_permission(self, request, view):
        return getattr(view, "kennzahlen_lesbar", False) or not nur_kennzahlen(request.user)


class UserPolicy(Policy):
    """People see their own account; admins see all (handled by the scoped QuerySet)."""

    def scope(self, user, action, queryset):
        return queryset.filter(pk=user.pk)


class EinladungPolicy(Policy):
    """An invitation is visible to the person who sent it."""

    def scope(self, user, action, queryset):
        return queryset.filter(Q(eingeladen_von=user))


class ApiZugangPolicy(Policy):
    """A person sees and revokes their own API tokens."""

    def scope(self, user, action, queryset):
        return queryset.filter(user=user)
