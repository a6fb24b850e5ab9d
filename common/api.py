"""The scoped viewset every API endpoint derives from."""

from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler

from .scoping import RefuseQuerysetOverride, allows
from .serializers import als_fehler


def fehler_als_json(exc, context):
    """DRF's error answer, always as JSON ``{"detail": …}``: the browsable API, the schema
    (YAML) and its documentation page (HTML) would render it in their own format."""
    antwort = exception_handler(exc, context)
    if antwort is not None:
        request = context["request"]
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    return antwort


class ScopedViewSet(RefuseQuerysetOverride, viewsets.GenericViewSet):
    """Rows come only from ``model.objects.for_user(user, "view")``.

    Hidden objects answer 404; a visible object whose action needs more than "view"
    (``action_requires``) answers 403 unless the policy allows that action. Actions not
    listed there need "change" for every method that writes.
    """

    model = None
    #: the policy action that decides which rows exist for this endpoint at all (else 404)
    scope_action = "view"
    action_requires = {
        "update": "change",
        "partial_update": "change",
        "destroy": "change",
    }

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("abstract"):
            return
        if cls.model is None:
            raise ImproperlyConfigured(f"{cls.__qualname__} must name its model")
        # The router and the schema generator read ``queryset`` for names only.
        cls.queryset = cls.model._default_manager.none()

    _defines_scope = True

    def get_queryset(self):
        scoped = self.model._default_manager.for_user(self.request.user, self.scope_action)
        return self.narrow_queryset(scoped)

    def get_object(self):
        obj = super().get_object()
        needed = self.action_requires.get(self.action)
        if needed is None and self.request.method not in permissions.SAFE_METHODS:
            needed = "change"
        if needed and not allows(self.request.user, needed, obj):
            raise PermissionDenied
        return obj


def abgelehnt(fehler) -> serializers.ValidationError:
    """A refused workflow step (``NichtMoeglich``) or a model rule as a 400 with one
    sentence per reason; the step changed nothing."""
    if isinstance(fehler, DjangoValidationError):
        return serializers.ValidationError(als_fehler(fehler))
    return serializers.ValidationError({"non_field_errors": fehler.gruende})
