from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from . import roles
from .models import Einladung


@shared_task(
    autoretry_for=(SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=60 * 30,
    max_retries=8,
)
def einladung_send(einladung_id: int) -> None:
    """Mails the invitation link once; a retry after a successful send does nothing."""
    from .services import einladung_token

    einladung = Einladung.objects.select_related("eingeladen_von").filter(pk=einladung_id).first()
    if einladung is None or einladung.versendet_am or einladung.angenommen_am:
        return
    link = settings.SITE_URL + reverse(
        "konten:einladung", kwargs={"token": einladung_token(einladung)}
    )
    # The invitee's language is not known yet: the mail carries German and English.
    teile = []
    for sprache in ("de", "en"):
        with translation.override(sprache):
            kontext = {
                "einladung": einladung,
                "rolle": roles.rolle(einladung.rolle).label,
                "link": link,
            }
            teile.append(
                (
                    render_to_string("konten/mail/einladung_betreff.txt", kontext).strip(),
                    render_to_string("konten/mail/einladung.txt", kontext),
                    render_to_string("konten/mail/einladung.html", kontext),
                )
            )
    betreff = teile[0][0]
    text = "\n\n――――――――――\n\n".join(t for _b, t, _h in teile)
    html = "<hr>".join(h for _b, _t, h in teile)
    mail = EmailMultiAlternatives(betreff, text, to=[einladung.email])
    mail.attach_alternative(html, "text/html")
    mail.send()
    Einladung.objects.filter(pk=einladung.pk).update(versendet_am=timezone.now())
