from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .scoping import ScopedQuerySet


class Wochentag(models.IntegerChoices):
    """Days of the week as Python numbers them (``date.weekday()``)."""

    MONTAG = 0, _("Montag")
    DIENSTAG = 1, _("Dienstag")
    MITTWOCH = 2, _("Mittwoch")
    DONNERSTAG = 3, _("Donnerstag")
    FREITAG = 4, _("Freitag")
    SAMSTAG = 5, _("Samstag")
    SONNTAG = 6, _("Sonntag")


class Zeitstempel(models.Model):
    """Creation and change times for every domain row."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class SprachQuerySet(ScopedQuerySet):
    policy = "common.scoping.OeffentlichPolicy"


class Sprache(models.Model):
    """A language by its ISO 639 code: spoken by residents, needed for a task, known by people."""

    code = models.CharField(_("Sprachcode"), max_length=8, unique=True)
    name = models.CharField(_("Name"), max_length=80)

    objects = SprachQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Notice(models.Model):
    """One immediate notice waiting for delivery (see common/notices.py)."""

    empfaenger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("Empfänger*in"),
    )
    art = models.CharField(_("Art"), max_length=60)
    objekt_typ = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    objekt_id = models.PositiveBigIntegerField(null=True, blank=True)
    objekt = GenericForeignKey("objekt_typ", "objekt_id")
    daten = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    zugestellt_am = models.DateTimeField(_("zugestellt am"), null=True, blank=True)
    # how the notice left the outbox: sent, or held back (group unsubscribed, no account)
    ergebnis = models.CharField(_("Ergebnis"), max_length=12, blank=True)
    # a reminder's key ("termin-17-2026-12-06"): a daily job run twice writes it once
    schluessel = models.CharField(max_length=80, blank=True)

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        indexes = [
            # the outbox: only the undelivered few, however many were delivered before
            models.Index(
                fields=["id"], condition=Q(zugestellt_am__isnull=True), name="notice_offen"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["empfaenger", "schluessel"],
                condition=~Q(schluessel=""),
                name="notice_einmal_je_schluessel",
            )
        ]

    def __str__(self):
        return f"{self.art} → {self.empfaenger}"
