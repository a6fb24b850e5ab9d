"""Who is asking, and how often: the client address and the rate limits of public routes.

One rule for the client address serves django-axes (failed logins), the API throttles and
the rate limits below. X-Forwarded-For is whatever the client chose to send unless a proxy
we run wrote it, so it is read only when the request comes from one of
``settings.TRUSTED_PROXIES``; otherwise the address that opened the connection is the client.

Counters live in the default cache, which every web process shares (Redis, or the database
in the embedded mode): a client spreading its requests over several processes is counted once.
"""

import hashlib
import ipaddress
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache as default_cache
from django.db import transaction
from django.utils.translation import ngettext
from rest_framework.throttling import ScopedRateThrottle

from .views import _fehlerseite

#: seconds per rate period, by its first letter ("30/m", "5/hour"), as DRF reads rates
_PERIODEN = {"s": 1, "m": 60, "h": 3600, "d": 86400}
#: what a throttled request gets: Too Many Requests
GEDROSSELT_STATUS = 429


def _netze(eintraege) -> list:
    return [ipaddress.ip_network(eintrag.strip(), strict=False) for eintrag in eintraege if eintrag]


def _adresse(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _vertrauenswuerdig(adresse, netze) -> bool:
    return adresse is not None and any(adresse in netz for netz in netze)


def client_adresse(request) -> str | None:
    """The client's address: REMOTE_ADDR, unless that is a trusted proxy.

    Behind trusted proxies X-Forwarded-For is read from the right, each proxy appending the
    address it was connected from; the first entry that is not a trusted proxy is the client.
    Entries further left came from the client itself and are never read, so rotating them
    changes nothing.
    """
    direkt = request.META.get("REMOTE_ADDR")
    netze = _netze(settings.TRUSTED_PROXIES)
    if not _vertrauenswuerdig(_adresse(direkt or ""), netze):
        return direkt
    kette = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for eintrag in reversed(kette):
        adresse = _adresse(eintrag)
        if adresse is None:
            # a garbled entry: nothing left of it can be trusted, the proxy is the client
            return direkt
        if not _vertrauenswuerdig(adresse, netze):
            return str(adresse)
    return direkt


def weitergeleitetes_protokoll(get_response):
    """X-Forwarded-Proto counts only from a trusted proxy: from anyone else it is dropped
    before SecurityMiddleware reads it (DJANGO_BEHIND_PROXY), so a client connecting
    directly cannot pass a plain-http request off as https."""

    def middleware(request):
        direkt = _adresse(request.META.get("REMOTE_ADDR") or "")
        if not _vertrauenswuerdig(direkt, _netze(settings.TRUSTED_PROXIES)):
            request.META.pop("HTTP_X_FORWARDED_PROTO", None)
        return get_response(request)

    return middleware


def _rate(text: str) -> tuple[int, int]:
    anzahl, periode = text.split("/")
    return int(anzahl), _PERIODEN[periode.strip()[0]]


def zaehlen(bereich: str, wer: str, rate: str, cache=None) -> int | None:
    """Counts one request of ``wer`` in ``bereich``; the seconds to wait when it is one too
    many for ``rate`` ("30/m"), otherwise None.

    A fixed window per period: the counter's key names the window, so it needs no clean-up,
    and add-then-incr counts correctly even when processes race (atomic in Redis).
    """
    cache = cache or default_cache
    erlaubt, sekunden = _rate(rate)
    jetzt = time.time()
    fenster = int(jetzt // sekunden)
    # hashed: an e-mail address never appears in the cache's keys
    kennung = hashlib.sha256(wer.encode()).hexdigest()[:32]
    schluessel = f"drosselung:{bereich}:{fenster}:{kennung}"
    if not cache.add(schluessel, 1, timeout=sekunden + 1):
        try:
            anzahl = cache.incr(schluessel)
        except ValueError:  # expired between add and incr: this request opens a new count
            cache.add(schluessel, 1, timeout=sekunden + 1)
            anzahl = 1
    else:
        anzahl = 1
    if anzahl <= erlaubt:
        return None
    return max(1, math.ceil((fenster + 1) * sekunden - jetzt))


def gedrosselt_antwort(request, warten: int):
    """429 with Retry-After: a page in the site's layout, or ``{"detail": …}`` under /api/."""
    detail = ngettext(
        "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie %(sekunden)d Sekunde und "
        "versuchen Sie es dann erneut.",
        "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie %(sekunden)d Sekunden und "
        "versuchen Sie es dann erneut.",
        warten,
    ) % {"sekunden": warten}
    antwort = _fehlerseite(
        request, GEDROSSELT_STATUS, "429.html", api_detail=detail, sekunden=warten
    )
    antwort["Retry-After"] = str(warten)
    return antwort


def gedrosselt(bereich: str, *, methoden=("GET", "HEAD", "POST"), email_feld: str | None = None):
    """Limits a view to ``settings.DROSSELUNG[bereich]`` requests per client address, and with
    ``email_feld`` also to ``DROSSELUNG[bereich + "_email"]`` per e-mail address given in that
    POST field (sign-up and password reset: nobody fills a stranger's inbox from many
    addresses). Only requests with one of ``methoden`` count; the view does not run for a
    request one too many.
    """

    def decorator(view):
        # The counter is written before the view's own transaction: with the database cache a
        # view that answers 404 (a guessed calendar key) would otherwise roll its count back.
        @transaction.non_atomic_requests
        @wraps(view)
        def gedrosselte_view(request, *args, **kwargs):
            if request.method in methoden:
                zaehlungen = [(bereich, client_adresse(request) or "")]
                email = request.POST.get(email_feld, "") if email_feld else ""
                if email.strip():
                    zaehlungen.append((f"{bereich}_email", email.strip().lower()))
                warten = max(
                    (zaehlen(name, wer, settings.DROSSELUNG[name]) or 0) for name, wer in zaehlungen
                )
                if warten:
                    return gedrosselt_antwort(request, warten)
            with transaction.atomic():
                return view(request, *args, **kwargs)

        return gedrosselte_view

    return decorator


class BereichsDrossel(ScopedRateThrottle):
    """DRF's per-scope throttle, counting per client address by the rule above."""

    def get_ident(self, request):
        return client_adresse(request)
