"""Scoped HTML views, the error pages and the health check.

Hidden objects answer 404 (exactly like missing ones); visible objects the user may not
change answer 403.
"""

import logging

import redis
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import DisallowedHost, PermissionDenied
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, UpdateView
from rest_framework import exceptions as api_fehler

from .scoping import RefuseQuerysetOverride, allows
from .workflow import NichtMoeglich

logger = logging.getLogger(__name__)


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


# --- Error pages -------------------------------------------------------------------------
# config.urls names the handlers for 400, 403, 404 and 500, settings.CSRF_FAILURE_VIEW the
# CSRF refusal. Pages speak the reader's language and offer a way back; the 404 text is one
# for missing and hidden objects alike. API clients get DRF's JSON instead, also for errors
# that arise outside DRF's views (an unknown /api/ path, a crash).

#: the detail DRF itself answers with, per status, so every API error reads the same
API_FEHLER = {
    400: api_fehler.ParseError.default_detail,
    403: api_fehler.PermissionDenied.default_detail,
    404: api_fehler.NotFound.default_detail,
    500: api_fehler.APIException.default_detail,
}


def _ist_api(request) -> bool:
    return request.path_info.startswith("/api/")


def _api_fehler(status: int, detail=None) -> JsonResponse:
    return JsonResponse({"detail": str(detail or API_FEHLER[status])}, status=status)


def _vorige_seite(request) -> str | None:
    """The page of ours the person came from: a link back needs no script."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return referer
    return None


def _fehlerseite(request, status: int, template: str, api_detail=None, **context):
    if _ist_api(request):
        return _api_fehler(status, api_detail)
    context.update(status=status, vorige_seite=_vorige_seite(request))
    return render(request, template, context, status=status)


@requires_csrf_token
def fehler_400(request, exception):
    if not hasattr(request, "user"):
        # refused before authentication (an unknown host name): shown as to anyone
        request.user = AnonymousUser()
    return _fehlerseite(request, 400, "400.html")


@requires_csrf_token
def fehler_403(request, exception):
    return _fehlerseite(request, 403, "403.html")


@requires_csrf_token
def fehler_404(request, exception):
    return _fehlerseite(request, 404, "404.html")


def fehler_500(request):
    """Needs neither the database nor the context processors: either may be what failed."""
    if _ist_api(request):
        return _api_fehler(500)
    seite = loader.render_to_string("500.html", {"vorige_seite": _vorige_seite(request)})
    return HttpResponseServerError(seite)


def fehler_csrf(request, reason=""):
    """A form sent without a valid CSRF token: usually a page left open across a login,
    a logout or the end of a session, or a browser that refuses cookies.

    Over plain http with https-only cookies no form can ever pass: the page says so, and the
    log names the setting, for the operator who tries the site before its TLS proxy is set.
    """
    ohne_https = settings.CSRF_COOKIE_SECURE and not request.is_secure()
    if ohne_https:
        logger.warning(
            "CSRF refused over plain http: the cookies are https-only (DJANGO_SECURE_COOKIES, "
            "SITE_URL); reach the site over https or set DJANGO_SECURE_COOKIES=0."
        )
    return _fehlerseite(
        request,
        403,
        "403_csrf.html",
        api_detail=f"CSRF Failed: {reason}",  # as DRF's session authentication words it
        ohne_cookie=reason == REASON_NO_CSRF_COOKIE and not ohne_https,
        ohne_https=ohne_https,
    )
