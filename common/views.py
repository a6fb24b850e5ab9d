"""Scoped HTML views and the health check.

Hidden objects answer 404 (exactly like missing ones); visible objects the user may not
change answer 403.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, UpdateView

from .scoping import RefuseQuerysetOverride, allows


class ScopedMixin(RefuseQuerysetOverride):
    model = None
    #: the policy action that decides which rows exist for this view at all (else 404)
    scope_action = "view"
    #: action the user needs on an object beyond seeing it; None means seeing is enough
    required_action: str | None = None

    _defines_scope = True

    def get_queryset(self):
        scoped = self.model._default_manager.for_user(self.request.user, self.scope_action)
        return self.narrow_queryset(scoped)

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if self.required_action and not allows(self.request.user, self.required_action, obj):
            raise PermissionDenied
        return obj


def get_scoped_object_or_404(user, model, pk, scope_action="view", required_action=None):
    """One object through the model's scope: 404 when hidden, 403 when visible but the
    user lacks ``required_action``."""
    obj = get_object_or_404(model._default_manager.for_user(user, scope_action), pk=pk)
    if required_action and not allows(user, required_action, obj):
        raise PermissionDenied
    return obj


def refused(request, fehler) -> None:
    """Shows a refused workflow step's reasons to the person, one message each."""
    for grund in getattr(fehler, "gruende", None) or [str(fehler)]:
        messages.error(request, grund)


def ausfuehren(request, schritt, erfolg) -> bool:
    """Runs one service step; shows its refusal or the success message (text or callable)."""
    from .workflow import NichtMoeglich

    try:
        ergebnis = schritt()
    except NichtMoeglich as fehler:
        refused(request, fehler)
        return False
    messages.success(request, erfolg(ergebnis) if callable(erfolg) else erfolg)
    return True


class ScopedListView(ScopedMixin, ListView):
    pass


class ScopedDetailView(ScopedMixin, DetailView):
    pass


class ScopedUpdateView(ScopedMixin, UpdateView):
    required_action = "change"


def _redis_ok(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping())
    except redis.RedisError:
        return False


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when the database (and Redis, where configured) answers; 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["datenbank"] = "ok"
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        checks["datenbank"] = "fehler"
    if settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        checks["redis"] = "ok" if _redis_ok(settings.CELERY_BROKER_URL) else "fehler"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)
