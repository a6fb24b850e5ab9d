import logging
from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from common.zeichen import einzeilig

from . import roles
from .models import Einladung

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=8)
def einladung_send(self, einladung_id: int) -> None:
    """Mails the invitation link once; a repeated delivery after a successful send does nothing."""
    from .services import einladung_token

    einladung = Einladung.objects.select_related("eingeladen_von").filter(pk=einladung_id).first()
    if einladung is None or einladung.versendet_am or einladung.angenommen_am:
        return
    link = settings.SITE_URL + reverse(
        "konten:einladung", kwargs={"token": einladung_token(einladung)}
    )
    try:
        _mail(einladung, link).send()
    except (SMTPException, OSError) as error:
        if self.request.is_eager:
            raise  # no worker to wait in: einladungen_nachsenden tries again later
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 1800)) from error
    Einladung.objects.filter(pk=einladung.pk).update(versendet_am=timezone.now())


def _mail(einladung, link):
    # The invitee's language is not known yet: the mail carries German and English.
    teile = []
    for sprache in ("de", "en"):
        with translation.override(sprache):
            kontext = {
                "einladung": einladung,
                "rolle": roles.rolle(einladung.rolle).label,
                "link": link,
                "sprache": sprache,
            }
            teile.append(
                (
                    einzeilig(render_to_string("konten/mail/einladung_betreff.txt", kontext)),
                    render_to_string("konten/mail/einladung.txt", kontext),
                    render_to_string("konten/mail/einladung.html", kontext),
                )
            )
    text = "\n\n――――――――――\n\n".join(t for _b, t, _h in teile)
    html = "<hr>".join(h for _b, _t, h in teile)
    mail = EmailMultiAlternatives(teile[0][0], text, to=[einladung.email])
    mail.attach_alternative(html, "text/html")
    return mail


@shared_task
def einladungen_nachsenden() -> int:
    """Queues every open, valid invitation whose mail has not gone out (SMTP or broker failed)."""
    now = timezone.now()
    offen = Einladung.objects.filter(
        versendet_am__isnull=True,
        angenommen_am__isnull=True,
        gueltig_bis__gt=now,
        # leave fresh ones to their own task
        created_at__lt=now - timedelta(minutes=5),
    ).values_list("pk", flat=True)
    anzahl = 0
    for pk in offen.iterator(chunk_size=500):
        try:
            einladung_send.delay(pk)
            anzahl += 1
        except Exception:
            # The mail server is still down (embedded mode sends in-process): next round.
            logger.exception("invitation %s still not sent", pk)
    return anzahl


@shared_task
def loeschantraege_ausfuehren() -> int:
    """The daily run over erasure requests whose grace period has passed."""
    from .loeschantraege import faellige_ausfuehren

    return faellige_ausfuehren()
