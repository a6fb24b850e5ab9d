"""Row-level scoping: one policy per model, reached only through ``QuerySet.for_user()``.

List views, detail lookups, API viewsets, exports and digests all ask the same policy, so a
list and a detail page can never disagree about what a user may see. This module is the only
reader of django-guardian's grant tables (the roles write them): who holds which object is
asked here, in bulk, counting a person's direct grants and those of their groups alike.
"""

from functools import cache

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import OuterRef
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


def _granted(model, codename: str, lookup: str, personen) -> models.QuerySet:
    name = model._meta.model_name
    return model._default_manager.filter(
        models.Q(
            **{
                f"{name}userobjectpermission__user{lookup}": personen,
                f"{name}userobjectpermission__permission__codename": codename,
            }
        )
        | models.Q(
            **{
                f"{name}groupobjectpermission__group__user{lookup}": personen,
                f"{name}groupobjectpermission__permission__codename": codename,
            }
        )
    )


def granted_objects(model, user, codename: str) -> models.QuerySet:
    """Objects of ``model`` on which ``user`` holds ``codename``, directly or via a group.

    Reads guardian's direct foreign-key tables ``<Model>UserObjectPermission`` and
    ``<Model>GroupObjectPermission`` in one query (one filter with OR'd conditions, so the
    two multi-valued relations cannot widen each other).
    """
    return _granted(model, codename, "", user)


def granted_to_any(model, personen, codename: str) -> models.QuerySet:
    """Objects of ``model`` on which any of ``personen`` (users, a queryset or ids) holds
    ``codename``, directly or via a group; each object once."""
    return _granted(model, codename, "__in", personen).distinct()


def _grant_tables(model) -> tuple:
    """Guardian's direct foreign-key tables of ``model``: user grants, group grants."""
    name = model._meta.model_name
    return (
        model._meta.get_field(f"{name}userobjectpermission").related_model,
        model._meta.get_field(f"{name}groupobjectpermission").related_model,
    )


def _auf_objekte(objekte) -> dict:
    """The grant rows' filter for ``objekte``: a queryset or ids, or one object (an instance,
    an id or an ``OuterRef``)."""
    if isinstance(objekte, models.QuerySet | list | set | tuple):
        return {"content_object__in": objekte}
    return {"content_object": objekte}


def grant_rows(model, codename: str, *, personen=None, objekte=None, felder=()):
    """``(user id, object id, *felder)`` for every grant of ``codename`` on ``model``,
    directly or through a group, in one query; a person holding an object both ways
    appears once.

    ``personen`` (users, a queryset or ids) and ``objekte`` (see ``_auf_objekte``) narrow
    the rows; ``felder`` are paths from the object (``"content_object__region_id"``).
    """
    direkt, gruppe = _grant_tables(model)
    bedingungen = {"permission__codename": codename}
    if objekte is not None:
        bedingungen.update(_auf_objekte(objekte))
    felder = ("content_object_id", *felder)
    einzeln = direkt.objects.filter(**bedingungen)
    ueber_gruppe = gruppe.objects.filter(group__user__isnull=False, **bedingungen)
    if personen is not None:
        einzeln = einzeln.filter(user__in=personen)
        ueber_gruppe = ueber_gruppe.filter(group__user__in=personen)
    return (
        einzeln.order_by()
        .values_list("user_id", *felder)
        .union(ueber_gruppe.order_by().values_list("group__user", *felder))
    )


def _gruppiert(paare) -> dict:
    ergebnis: dict = {}
    for schluessel, wert in paare:
        ergebnis.setdefault(schluessel, set()).add(wert)
    return ergebnis


def grants_by_user(model, user_ids, codename: str) -> dict[int, set[int]]:
    """Per user id of ``user_ids``, the ids of the objects they hold ``codename`` on
    (directly or through a group): one query for any number of users."""
    return _gruppiert(grant_rows(model, codename, personen=user_ids))


def grants_by_object(model, objekte, codename: str, personen=None) -> dict[int, set[int]]:
    """Per object id of ``objekte``, the ids of the users holding ``codename`` on it
    (directly or through a group), optionally only of ``personen``: one query."""
    return _gruppiert(
        (objekt, person)
        for person, objekt in grant_rows(model, codename, personen=personen, objekte=objekte)
    )


def holders(model, codename: str, objekte) -> models.QuerySet:
    """Users holding ``codename`` on ``objekte`` (see ``_auf_objekte``), directly or through
    a group; each user once. In a subquery per row, ``OuterRef("pk")`` names the row
    of the query around the returned users."""
    if isinstance(objekte, OuterRef):
        # the grant rows are read one query further down, inside the users' filter
        objekte = OuterRef(objekte)
    direkt, gruppe = _grant_tables(model)
    bedingungen = {"permission__codename": codename, **_auf_objekte(objekte)}
    ids = (
        direkt.objects.filter(**bedingungen)
        .order_by()
        .values("user_id")
        .union(gruppe.objects.filter(**bedingungen).order_by().values("group__user"))
    )
    return get_user_model().objects.filter(pk__in=ids)


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
