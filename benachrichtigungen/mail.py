"""One immediate notice as a mail: text and HTML, in the recipient's language, with a
one-click unsubscribe for its group (RFC 8058) that works without signing in."""

from functools import lru_cache

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from common.zeichen import einzeilig

from . import arten

#: the unsubscribe link of a digest switches the digest off (groups are for notices)
DIGEST = "digest"


def sprache_von(person) -> str:
    """Mail speaks the person's language where the interface has it, German otherwise."""
    return person.sprache if person.sprache in settings.OBERFLAECHENSPRACHEN else "de"


@lru_cache(maxsize=8)
def _abbestellen_vorlage(site_url: str) -> str:
    """The unsubscribe address with ``{token}`` and ``{was}`` to fill in: resolved once, not
    for each of a chunk's mails (tokens and groups are URL-safe, see models.py)."""
    pfad = reverse("benachrichtigungen:abbestellen", kwargs={"token": "TOKEN", "was": "WAS"})
    return site_url + pfad.replace("TOKEN", "{token}").replace("WAS", "{was}")


def abbestellen_link(einstellung, was: str) -> str:
    return _abbestellen_vorlage(settings.SITE_URL).format(token=einstellung.abmeldetoken, was=was)


def _mail(person, betreff, kontext, vorlage, connection) -> EmailMultiAlternatives:
    """Text and HTML from ``vorlage``.txt/.html, with the one-click unsubscribe headers.
    A subject is one line: a title with a line break must not make the mail unsendable
    (Django refuses a header with a line break)."""
    betreff = einzeilig(betreff)
    kontext = {**kontext, "betreff": betreff}  # the HTML part's title
    mail = EmailMultiAlternatives(
        betreff,
        render_to_string(f"benachrichtigungen/mail/{vorlage}.txt", kontext),
        to=[person.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{kontext['abbestellen']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    mail.attach_alternative(
        render_to_string(f"benachrichtigungen/mail/{vorlage}.html", kontext), "text/html"
    )
    return mail


@lru_cache(maxsize=8)
def _einstellungen_link(site_url: str) -> str:
    return site_url + reverse("benachrichtigungen:einstellungen")


def _kontext(person, abbestellen: str, **werte) -> dict:
    return {
        "person": person,
        "abbestellen": abbestellen,
        "einstellungen": _einstellungen_link(settings.SITE_URL),
        "sprache": translation.get_language(),
        **werte,
    }


def notice_mail(notice, einstellung, connection) -> EmailMultiAlternatives:
    person = notice.empfaenger
    art = arten.art_von(notice)
    with translation.override(sprache_von(person)):
        kontext = _kontext(
            person,
            abbestellen_link(einstellung, art.kategorie),
            text=arten.text(notice),
            link=arten.link(notice),
            kategorie=art.kategorie.label,
        )
        return _mail(person, arten.betreff(notice), kontext, "notice", connection)


def digest_mail(person, einstellung, abschnitte, zr, connection) -> EmailMultiAlternatives:
    with translation.override(sprache_von(person)):
        kontext = _kontext(
            person,
            abbestellen_link(einstellung, DIGEST),
            abschnitte=abschnitte,
            taeglich=zr.schluessel.startswith("T"),
        )
        betreff = (
            _("Ihre Zusammenfassung des Tages")
            if kontext["taeglich"]
            else _("Ihre Zusammenfassung der Woche")
        )
        return _mail(person, betreff, kontext, "digest", connection)
