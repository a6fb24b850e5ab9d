"""Row-level scoping: one policy per model, reached only through ``QuerySet.for_user()``.

List views, detail lookups, API viewsets, exports and digests all ask the same policy, so a
list and a detail page can never disagree about what a user may see.
"""

from functools import cache

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.module_loading import import_string


class Policy:
    """Says which rows of one model a user may see or act on.

    Subclasses implement :meth:`scope` for signed-in, non-staff users. Anonymous users see
    nothing unless :meth:`scope_anonymous` says otherwise; platform admins (staff flag) see
    and change everything.
    """

    actions: tuple[str, ...] = ("view", "change")
    #: platform admins see every row; a policy for personal rows switches that off
    staff_sees_all = True

    def scope(self, user, action: str, queryset: models.QuerySet) -> models.QuerySet:
        raise NotImplementedError

    def scope_anonymous(self, action: str, queryset: models.QuerySet) -> models.QuerySet:
        return queryset.none()


class OeffentlichPolicy(Policy):
    """Public reference data (catalogues): everyone reads, only admins change."""

    def scope(self, user, action, queryset):
        return queryset if action == "view" else queryset.none()

    def scope_anonymous(self, action, queryset):
        return self.scope(None, action, queryset)


class EigenePolicy(Policy):
    """Rows a person created (``erstellt_von``): theirs alone, platform admins included.

    For jobs that run with their creator's rights on a file the creator uploaded: anyone
    else taking such a job over would act in that person's name.
    """

    staff_sees_all = False

    def scope(self, user, action, queryset):
        return queryset.filter(erstellt_von=user)


@cache
def _policy(path: str) -> Policy:
    return import_string(path)()


class ScopedQuerySet(models.QuerySet):
    """QuerySet whose model names its policy by dotted path (``policy = "app.permissions.X"``).

    The path is resolved lazily so ``permissions.py`` may import the models it scopes.
    """

    policy: str = ""

    def for_user(self, user, action: str = "view") -> models.QuerySet:
        if not self.policy:
            raise ImproperlyConfigured(f"{type(self).__name__} names no policy")
        policy = _policy(self.policy)
        if action not in policy.actions:
            raise ValueError(f"{self.model.__name__} knows no action {action!r}")
        if user is None or not user.is_authenticated or not user.is_active:
            return policy.scope_anonymous(action, self)
        if user.is_staff and policy.staff_sees_all:
            return self.all()
        return policy.scope(user, action, self)


def granted_objects(model, user, codename: str) -> models.QuerySet:
    """Objects of ``model`` on which ``user`` holds ``codename``, directly or via a group.

    Reads guardian's direct foreign-key tables ``<Model>UserObjectPermission`` and
    ``<Model>GroupObjectPermission`` in one query (one filter with OR'd conditions, so the
    two multi-valued relations cannot widen each other).
    """
    name = model._meta.model_name
    return model._default_manager.filter(
        models.Q(
            **{
                f"{name}userobjectpermission__user": user,
                f"{name}userobjectpermission__permission__codename": codename,
            }
        )
        | models.Q(
            **{
                f"{name}groupobjectpermission__group__user": user,
                f"{name}groupobjectpermission__permission__codename": codename,
            }
        )
    )


def allows(user, action: str, obj: models.Model) -> bool:
    """True when ``obj`` lies inside the user's scope for ``action`` (same rule as lists)."""
    return type(obj)._default_manager.for_user(user, action).filter(pk=obj.pk).exists()


class RefuseQuerysetOverride:
    """Base for scoped views: a subclass that redefines ``get_queryset`` fails at import.

    The scoped ``get_queryset`` is the only way to rows; subclasses narrow it through
    ``narrow_queryset`` (filters, annotations, select_related), which receives the
    already scoped queryset.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Only the scoped bases themselves (marked _defines_scope) may define get_queryset.
        if "get_queryset" in cls.__dict__ and not cls.__dict__.get("_defines_scope"):
            raise ImproperlyConfigured(
                f"{cls.__module__}.{cls.__qualname__} overrides get_queryset; scoped views "
                "narrow rows in narrow_queryset() instead, so the for_user() scope always applies."
            )

    def narrow_queryset(self, queryset):
        return queryset
