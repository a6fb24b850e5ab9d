"""Two factors for the roles marked ``zwei_faktoren`` (konten/roles.py), with django-otp: an
authenticator app (TOTP) and ten recovery codes that work once each.

One rule serves pages, API sessions, API tokens and the Django admin alike: a person holding
such a role gives a code after the password once they have set up an app, and must set one up
before anything else while ``ZWEI_FAKTOREN_PFLICHT`` is on (outside the embedded mode).
Nobody else is ever asked.
"""

import secrets
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib.admin import AdminSite
from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import roles

#: what a signed-in session still lacks: the code of the app, or an app to set up
CODE = "code"
EINRICHTEN = "einrichten"
#: the page for each step
SEITE = {CODE: "konten:zweiter_faktor", EINRICHTEN: "konten:zwei_faktoren"}
#: the API's answer to a session or token without the second factor
FEHLT = gettext_lazy(
    "Ihre Rolle verlangt einen zweiten Faktor. Melden Sie sich mit dem Code Ihrer "
    "Authenticator-App an (auf der Website oder mit „code“ beim Anfordern eines Tokens)."
)
#: ... and to a person who has yet to set up an app
EINRICHTEN_ZUERST = gettext_lazy(
    "Ihre Rolle verlangt einen zweiten Faktor. Richten Sie zuerst auf der Website "
    "unter „Konto → Zwei Faktoren“ eine Authenticator-App ein."
)
#: what the API says at each step
API_ANTWORT = {CODE: FEHLT, EINRICHTEN: EINRICHTEN_ZUERST}
WIEDERHERSTELLUNGSCODES = 10


class CodeFehler(Exception):
    """A code that does not sign in; the message says why."""


class NichtEingerichtet(Exception):
    """The person must set up an authenticator app on the website first."""


def hat_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def verlangt(user) -> bool:
    """Whether signing in asks this person for a second factor."""
    if not roles.zwei_faktoren_noetig(user):
        return False
    return settings.ZWEI_FAKTOREN_PFLICHT or hat_app(user)


def _bestaetigt(user) -> bool:
    # is_verified comes from django-otp's middleware; a user just signed in has none yet
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def naechster_schritt(user) -> str | None:
    """What a signed-in person's session still lacks (CODE or EINRICHTEN), or None."""
    if not user.is_authenticated or _bestaetigt(user) or not roles.zwei_faktoren_noetig(user):
        return None
    if hat_app(user):
        return CODE
    return EINRICHTEN if settings.ZWEI_FAKTOREN_PFLICHT else None


def _pruefen(geraet, code: str) -> None:
    """Checks ``code`` against one device and commits what the check counts (a used code,
    a failure that slows the next try), whatever the outcome; raises CodeFehler."""
    with transaction.atomic():
        erlaubt, grund = geraet.verify_is_allowed()
        passt = erlaubt and geraet.verify_token(code)
    if not erlaubt and "locked_until" in grund:
        bis = timezone.localtime(grund["locked_until"])
        raise CodeFehler(
            _("Zu viele falsche Codes. Bitte versuchen Sie es nach %(uhrzeit)s Uhr erneut.")
            % {"uhrzeit": time_format(bis, "H:i:s")}
        )
    if not passt:
        raise CodeFehler(
            _(
                "Der Code stimmt nicht. Geben Sie den aktuellen Code aus Ihrer "
                "Authenticator-App ein oder einen Ihrer Wiederherstellungscodes."
            )
        )


def code_pruefen(user, code: str):
    """The device that accepts ``code``: six digits come from the app, ten digits are a
    recovery code (used up by this). Raises CodeFehler."""
    code = "".join(ch for ch in code if ch.isalnum())
    modell = TOTPDevice if len(code) == 6 else StaticDevice
    geraet = modell.objects.filter(user=user, confirmed=True).first()
    if geraet is None or not code:
        raise CodeFehler(_("Der Code stimmt nicht."))
    _pruefen(geraet, code)
    return geraet


def fuer_token(user, code: str | None) -> bool:
    """Whether a new API token of ``user`` carries the second factor. Where signing in asks
    for one, the token does too: otherwise the API would be the way around it. Raises
    NichtEingerichtet or CodeFehler."""
    if not verlangt(user):
        return False
    if not hat_app(user):
        raise NichtEingerichtet(EINRICHTEN_ZUERST)
    if not code:
        raise CodeFehler(_("Bitte geben Sie auch den Code aus Ihrer Authenticator-App an."))
    code_pruefen(user, code)
    return True


# --- setting up --------------------------------------------------------------------------


def app_entwurf(user) -> TOTPDevice:
    """The app being set up: a device that counts only once its first code confirms it."""
    entwurf = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return entwurf or TOTPDevice.objects.create(
        user=user, name="Authenticator-App", confirmed=False
    )


def app_bestaetigen(user, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirms the app being set up with a code it shows; returns it and fresh recovery
    codes. Raises CodeFehler."""
    entwurf = app_entwurf(user)
    _pruefen(entwurf, "".join(code.split()))
    TOTPDevice.objects.filter(user=user).exclude(pk=entwurf.pk).delete()
    entwurf.confirmed = True
    entwurf.save(update_fields=["confirmed"])
    return entwurf, wiederherstellungscodes_erneuern(user)


def wiederherstellungscodes_erneuern(user) -> list[str]:
    """Ten new recovery codes of ten digits; the earlier ones stop working."""
    geraet = StaticDevice.objects.filter(user=user).first() or StaticDevice.objects.create(
        user=user, name="Wiederherstellungscodes"
    )
    geraet.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**10):010d}" for _ in range(WIEDERHERSTELLUNGSCODES)]
    StaticToken.objects.bulk_create(StaticToken(device=geraet, token=code) for code in codes)
    return codes


def wiederherstellungscodes_uebrig(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def zwei_faktoren_entfernen(user) -> None:
    """Removes the app and the recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def qr_code(geraet: TOTPDevice) -> str:
    """The app's setup address as an SVG data URI for an ``<img>``: no script, nothing
    fetched from elsewhere."""
    return segno.make(geraet.config_url, error="m").svg_data_uri(scale=5, border=2)


def schluessel_text(geraet: TOTPDevice) -> str:
    """The secret as people type it into an app without a camera: base32 in groups of four."""
    text = b32encode(geraet.bin_key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


class PlattformAdminSite(AdminSite):
    """Django's admin, open to platform admins only once the second factor is given, by the
    same rule as every page (django-otp's OTPAdminSite would insist on a device even where
    the platform leaves two factors optional)."""

    def has_permission(self, request):
        return super().has_permission(request) and naechster_schritt(request.user) is None
