"""Frozen report figures and export jobs. Neither holds anything about a person."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.scoping import ScopedQuerySet


class Berichtsstand(models.Model):
    """The figures of a period for one region (and everything below it), or for the whole
    platform (no region).

    Stored for good when the period ends: later deletion or anonymisation of personal data
    leaves past reports as they were. While a period is still open its figures are stored
    as provisional (``vorlaeufig``) and recomputed every hour by the worker, so a report
    page reads stored aggregates instead of scanning a million assignments."""

    region = models.ForeignKey(
        "regionen.Region",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="berichtsstaende",
        verbose_name=_("Region"),
    )
    #: "2026-11", "2026-Q4" or "2026" (berichte/zeitraum.py)
    periode = models.CharField(_("Zeitraum"), max_length=10)
    #: raw aggregates; small numbers are hidden when shown (berichte/schutz.py)
    zahlen = models.JSONField(_("Kennzahlen"))
    eingefroren_am = models.DateTimeField(_("eingefroren am"), default=timezone.now)
    vorlaeufig = models.BooleanField(_("vorläufig"), default=False)

    class Meta:
        verbose_name = _("Berichtsstand")
        verbose_name_plural = _("Berichtsstände")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "periode"],
                condition=Q(region__isnull=False),
                name="berichtsstand_einmal_je_region",
            ),
            models.UniqueConstraint(
                fields=["periode"],
                condition=Q(region__isnull=True),
                name="berichtsstand_einmal_gesamt",
            ),
        ]
        indexes = [models.Index(fields=["periode", "region"])]

    def __str__(self):
        return f"{self.region or _('alle Regionen')} {self.periode}"


class ExportauftragQuerySet(ScopedQuerySet):
    policy = "berichte.permissions.ExportauftragPolicy"


class Exportauftrag(models.Model):
    """A report export the worker builds; the page shows its progress and then the file."""

    class Format(models.TextChoices):
        CSV = "csv", _("CSV (Excel)")
        XLSX = "xlsx", _("Excel mit Diagrammen")
        PDF = "pdf", _("PDF")
        EINSAETZE = "einsaetze", _("Einsätze je Region, Monat und Tätigkeitsfeld (CSV)")

    class Status(models.TextChoices):
        WARTEND = "wartend", _("wartet")
        LAEUFT = "laeuft", _("wird erstellt")
        FERTIG = "fertig", _("fertig")
        FEHLER = "fehler", _("fehlgeschlagen")

    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="exportauftraege",
        verbose_name=_("erstellt von"),
    )
    format = models.CharField(_("Format"), max_length=10, choices=Format.choices)
    #: the region the report is about, or none for the side-by-side view of ``oberregion``
    region = models.ForeignKey(
        "regionen.Region", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    nebeneinander = models.BooleanField(default=False)
    periode = models.CharField(_("Zeitraum"), max_length=10)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WARTEND)
    fortschritt = models.PositiveSmallIntegerField(default=0)
    datei = models.CharField(max_length=200, blank=True)
    fehler = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    fertig_am = models.DateTimeField(null=True, blank=True)

    objects = ExportauftragQuerySet.as_manager()

    class Meta:
        verbose_name = _("Exportauftrag")
        verbose_name_plural = _("Exportaufträge")
        indexes = [models.Index(fields=["erstellt_von", "-created_at"])]

    def __str__(self):
        return f"{self.get_format_display()} {self.periode}"
