"""What each person wants to hear by mail, and the key of their one-click unsubscribe links."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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

    class Wochentag(models.IntegerChoices):
        MONTAG = 0, _("Montag")
        DIENSTAG = 1, _("Dienstag")
        MITTWOCH = 2, _("Mittwoch")
        DONNERSTAG = 3, _("Donnerstag")
        FREITAG = 4, _("Freitag")
        SAMSTAG = 5, _("Samstag")
        SONNTAG = 6, _("Sonntag")

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
    """The send ledger: one row per recipient, kind and period. It is written before the
    mail goes out and marked once the mail server took it; a row that is marked is never
    sent again, whatever retries or restarts happen."""

    empfaenger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="versand",
        verbose_name=_("Empfänger*in"),
    )
    art = models.CharField(_("Art"), max_length=20)
    periode = models.CharField(_("Zeitraum"), max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
    gesendet_am = models.DateTimeField(_("gesendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Versand")
        verbose_name_plural = _("Versand")
        constraints = [
            models.UniqueConstraint(
                fields=["empfaenger", "art", "periode"], name="versand_einmal_je_zeitraum"
            )
        ]
        indexes = [models.Index(fields=["art", "periode", "gesendet_am"])]

    def __str__(self):
        return f"{self.art} {self.periode} → {self.empfaenger}"
