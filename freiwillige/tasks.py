from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from common.zeichen import einzeilig
from konten.models import User

from .registrierungslink import LINK_GUELTIG, registrierung_token


@shared_task(bind=True, max_retries=8)
def registrierung_mail_senden(self, email: str, anzeigename: str, sprache: str) -> None:
    """The verification link, or for a known address a hint to log in (no second account)."""
    bekannt = User.objects.filter(email__iexact=email).exists()
    kontext = {
        "anzeigename": anzeigename,
        "stunden": LINK_GUELTIG // 3600,
        "anmelden": settings.SITE_URL + reverse("konten:login"),
        "passwort": settings.SITE_URL + reverse("konten:passwort_vergessen"),
        "link": settings.SITE_URL
        + reverse(
            "freiwillige:bestaetigen",
            kwargs={"token": registrierung_token(email, anzeigename, sprache)},
        ),
    }
    vorlage = "bekannt" if bekannt else "bestaetigen"
    with translation.override(sprache):
        betreff = einzeilig(render_to_string(f"freiwillige/mail/{vorlage}_betreff.txt", kontext))
        text = render_to_string(f"freiwillige/mail/{vorlage}.txt", kontext)
    try:
        EmailMultiAlternatives(betreff, text, to=[email]).send()
    except (SMTPException, OSError) as error:
        if self.request.is_eager:
            raise
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800)) from error
