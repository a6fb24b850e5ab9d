"""What each person wants to hear by mail, and the key of their one-click unsubscribe links."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import Wochentag
from common.scoping import ScopedQuerySet


def _token() -> str:
    return secrets.token_urlsafe(32)


class Kategorie(models.TextChoices):
    """Immediate notices come in these groups; a person switches each group on or off."""

    BEWERBUNGEN = "bewerbungen", _("Bewerbungen und Einsätze")
    JOURFIXE = "jourfixe", _("Jours fixes und Aufgaben")
    FORTBILDUNG = "fortbildung", _("Fortbildungen")
    NETZWERK = "netzwerk", _("Netzwerk und Veranstaltungen")


class EinstellungQuerySet(ScopedQuerySet):
    policy = "benachrichtigungen.permissions.EinstellungPolicy"


class Einstellung(models.Model):
    class Digest(models.TextChoices):
        AUS = "aus", _("keine Zusammenfassung")
        TAEGLICH = "taeglich", _("täglich")
        WOECHENTLICH = "woechentlich", _("wöchentlich")

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="benachrichtigungseinstellung",
        verbose_name=_("Person"),
    )
    digest = models.CharField(
        _("Zusammenfassung per E-Mail"),
        max_length=12,
        choices=Digest.choices,
        default=Digest.WOECHENTLICH,
    )
    wochentag = models.PositiveSmallIntegerField(
        _("Wochentag der wöchentlichen Zusammenfassung"),
        choices=Wochentag.choices,
        default=Wochentag.MONTAG,
    )
    # the groups of immediate notices this person does not want by mail
    abbestellt = models.JSONField(_("abbestellte Benachrichtigungen"), default=list, blank=True)
    # the key in every unsubscribe link: works without signing in, tells nothing about the person
    abmeldetoken = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EinstellungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Benachrichtigungseinstellung")
        verbose_name_plural = _("Benachrichtigungseinstellungen")
        indexes = [models.Index(fields=["digest", "wochentag"])]

    def __str__(self):
        return str(self.person)

    def will(self, kategorie: str) -> bool:
        return kategorie not in (self.abbestellt or [])


def einstellung_von(person) -> Einstellung:
    einstellung, _neu = Einstellung.objects.get_or_create(person=person)
    return einstellung


class Versand(models.Model):
    """The digest ledger: one row per recipient, kind and period.

    Composing a chunk writes a row for each of its recipients: an open one for a digest
    about to go out, a done one (``leer``) for someone with nothing new. An open row is
    marked done once the mail server took the mail. A row that is done is never sent again,
    and whoever has a row is not composed again, whatever reruns, retries or restarts happen.
    """

    class Ergebnis(models.TextChoices):
        GESENDET = "gesendet", _("gesendet")
        LEER = "leer", _("nichts Neues, nicht gesendet")
        #: the mail server refused the address for good: retrying cannot help
        ABGEWIESEN = "abgewiesen", _("Adresse abgewiesen")

    empfaenger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="versand",
        verbose_name=_("Empfänger*in"),
    )
    art = models.CharField(_("Art"), max_length=20)
    periode = models.CharField(_("Zeitraum"), max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
    # The task sending the row and since when: a second copy of the same chunk (a period run
    # twice) leaves rows another task holds; a redelivered or retried task keeps its id and
    # takes its rows back, and a task that vanished loses them after VERSAND_FRIST.
    vergeben_an = models.CharField(max_length=64, blank=True)
    vergeben_am = models.DateTimeField(null=True, blank=True)
    erledigt_am = models.DateTimeField(_("erledigt am"), null=True, blank=True)
    ergebnis = models.CharField(_("Ergebnis"), max_length=12, choices=Ergebnis.choices, blank=True)

    class Meta:
        verbose_name = _("Versand")
        verbose_name_plural = _("Versand")
        constraints = [
            models.UniqueConstraint(
                fields=["empfaenger", "art", "periode"], name="versand_einmal_je_zeitraum"
            )
        ]
        indexes = [
            # the open rows of a period: what a rerun of the daily job hands out again
            models.Index(
                fields=["art", "periode"],
                condition=models.Q(erledigt_am__isnull=True),
                name="versand_offen",
            ),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self):
        return f"{self.art} {self.periode} → {self.empfaenger}"
