"""What cannot be right and stops the start, and what an operator must still set.

The start-up checks (``ERRORS``) run before every management command, the web server and
the worker: each names a combination under which the site cannot work (no login, a
redirect loop, one lockout for everyone) and the variable to set. ``betriebspruefung``
lists what does work but is still the example or the demo (``offene_punkte``).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register

#: the sender of .env.example and the settings' default: nobody receives replies there
BEISPIEL_DOMAINS = ("example.org", "example.com", "plattform.invalid", "localhost", "127.0.0.1")
#: Django asks for at least 50 characters of at least 5 different ones (security.W009)
SCHLUESSEL_MIN_LAENGE = 50


@register()
def cookies_passen_zur_adresse(app_configs=None, **kwargs):
    if settings.SESSION_COOKIE_SECURE and settings.SITE_URL.startswith("http://"):
        return [
            Error(
                f"Cookies are sent over https only, but SITE_URL is {settings.SITE_URL}: "
                "every login over plain http would fail with 403.",
                hint="Set SITE_URL to the https address the site is reached at, or "
                "DJANGO_SECURE_COOKIES=0 while it is reached over plain http.",
                id="common.E001",
            )
        ]
    return []


@register()
def weiterleitung_braucht_proxy(app_configs=None, **kwargs):
    if settings.SECURE_SSL_REDIRECT and not settings.SECURE_PROXY_SSL_HEADER:
        return [
            Error(
                "DJANGO_SSL_REDIRECT=1 without DJANGO_BEHIND_PROXY=1: gunicorn speaks plain "
                "http, so every request would be redirected to https again and again.",
                hint="Put a TLS-terminating reverse proxy in front and set "
                "DJANGO_BEHIND_PROXY=1 and DJANGO_TRUSTED_PROXIES, or set DJANGO_SSL_REDIRECT=0.",
                id="common.E002",
            )
        ]
    return []


@register()
def proxy_braucht_adresse(app_configs=None, **kwargs):
    if settings.SECURE_PROXY_SSL_HEADER and not settings.TRUSTED_PROXIES:
        return [
            Error(
                "DJANGO_BEHIND_PROXY=1 without DJANGO_TRUSTED_PROXIES: every client would be "
                "counted as the proxy (one login lockout and rate limit for everyone), and "
                "X-Forwarded-Proto would be read from nobody.",
                hint="Set DJANGO_TRUSTED_PROXIES to the proxy's address as gunicorn sees it "
                "(.env.example says how to find it), or "
                "DJANGO_BEHIND_PROXY=0 when nothing stands in front of gunicorn.",
                id="common.E003",
            )
        ]
    return []


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _beispiel(host: str) -> bool:
    return any(host == d or host.endswith("." + d) for d in BEISPIEL_DOMAINS)


def offene_punkte() -> list[str]:
    """What an operator must still set: each a sentence naming the variable."""
    punkte = []
    absender = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >").lower()
    if _beispiel(absender):
        punkte.append(
            f"DEFAULT_FROM_EMAIL is still the example ({settings.DEFAULT_FROM_EMAIL}): "
            "set the sender address of your organisation."
        )
    if _beispiel(_host(settings.SITE_URL)):
        punkte.append(
            f"SITE_URL is still {settings.SITE_URL}: set the public address, "
            "as links in mails lead there."
        )
    if settings.SECURE_PROXY_SSL_HEADER is None and settings.SITE_URL.startswith("https://"):
        punkte.append(
            "SITE_URL is https, but DJANGO_BEHIND_PROXY=0: once the TLS-terminating proxy "
            "is in front, set DJANGO_BEHIND_PROXY=1, DJANGO_TRUSTED_PROXIES, "
            "DJANGO_SSL_REDIRECT=1 and DJANGO_HSTS_SECONDS=31536000."
        )
    if not settings.ZWEI_FAKTOREN_PFLICHT:
        punkte.append(
            "ZWEI_FAKTOREN_PFLICHT=0: staff sign in without a second factor; set it to 1."
        )
    if settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
        punkte.append(
            "Mail goes to the console log, no one receives it: set EMAIL_URL "
            "(smtp://user:password@host:587, smtp+tls://… for STARTTLS)."
        )
    if len(settings.SECRET_KEY) < SCHLUESSEL_MIN_LAENGE or len(set(settings.SECRET_KEY)) < 5:
        punkte.append(
            f"DJANGO_SECRET_KEY is shorter than {SCHLUESSEL_MIN_LAENGE} characters: "
            'set python -c "import secrets; print(secrets.token_urlsafe(64))".'
        )
    return punkte


#: always printed: what no setting can show (README, "Backups")
SICHERUNG = (
    "Backups: the database, the files in DATA_DIR ({data_dir}), DJANGO_SECRET_KEY and .env "
    '(README, "Backups").'
)
