from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .aufbewahrungsarten import art
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


class ImportauftragQuerySet(ScopedQuerySet):
    policy = "common.scoping.EigenePolicy"


class Importauftrag(models.Model):
    """An uploaded spreadsheet the worker checks (dry run) or takes over (all or nothing);
    its page shows the progress, then the result (common/auftraege.py)."""

    class Status(models.TextChoices):
        WARTEND = "wartend", _("wartet")
        LAEUFT = "laeuft", _("wird bearbeitet")
        FERTIG = "fertig", _("fertig")
        FEHLER = "fehler", _("fehlgeschlagen")

    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="importauftraege",
        verbose_name=_("erstellt von"),
    )
    #: which import runs the file: "netzwerk.verteiler", "admin:unterkuenfte.unterkunft", …
    art = models.CharField(_("Art"), max_length=80)
    #: the object the file is imported into (a distribution list), where there is one
    ziel_id = models.PositiveBigIntegerField(null=True, blank=True)
    #: what else the import needs to run again (the admin's resource)
    optionen = models.JSONField(default=dict, blank=True)
    dateiname = models.CharField(_("Datei"), max_length=255)
    #: the stored file's name in the import folder (DATA_DIR/importe)
    datei = models.CharField(max_length=80)
    format = models.CharField(_("Format"), max_length=4)
    probelauf = models.BooleanField(_("Probelauf"), default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WARTEND)
    fortschritt = models.PositiveSmallIntegerField(default=0)
    #: whether every line was right; None while the job runs or when it failed
    fehlerfrei = models.BooleanField(null=True)
    #: what the import reports (messages with line numbers, counts, the admin's preview)
    ergebnis = models.JSONField(default=dict, blank=True)
    #: why the job itself failed (a file's problems are in ``ergebnis``)
    fehler = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    fertig_am = models.DateTimeField(null=True, blank=True)

    objects = ImportauftragQuerySet.as_manager()

    class Meta:
        verbose_name = _("Importauftrag")
        verbose_name_plural = _("Importaufträge")
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return self.dateiname

    @property
    def laeuft(self) -> bool:
        return self.status in (self.Status.WARTEND, self.Status.LAEUFT)


class Zugriffsprotokoll(models.Model):
    """Who read a person's sensitive records (inspection records, access bans, profile
    details) on a coordination page, and when: the person sees it in their data export.

    Written once per request for all people a page shows (common/zugriffe.py)."""

    class Art(models.TextChoices):
        PROFIL = "profil", _("Profilangaben")
        NACHWEISE = "nachweise", _("Nachweise")
        HAUSVERBOTE = "hausverbote", _("Hausverbote")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="zugriffe_auf_mich",
        verbose_name=_("Person"),
    )
    #: kept empty when the reader's account is erased: the read stays on record
    akteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="zugriffe",
        verbose_name=_("eingesehen von"),
    )
    art = models.CharField(_("Art der Angaben"), max_length=20, choices=Art.choices)
    #: the route that showed them, e.g. "freiwillige:person"
    ansicht = models.CharField(_("Seite"), max_length=100)
    zeitpunkt = models.DateTimeField(_("Zeitpunkt"), default=timezone.now)

    class Meta:
        verbose_name = _("Zugriff auf Angaben")
        verbose_name_plural = _("Zugriffsprotokoll")
        indexes = [
            models.Index(fields=["person", "-zeitpunkt"]),
            models.Index(fields=["zeitpunkt"]),
        ]

    def __str__(self):
        return f"{self.get_art_display()} {self.zeitpunkt:%Y-%m-%d %H:%M}"


class Aufbewahrungsregel(models.Model):
    """One line of the retention schedule: which records go after how long. What a rule
    selects and does lives in code under its ``schluessel`` (common/aufbewahrung.py); the
    period, whether it runs and its words are the platform admin's to edit.

    The daily job applies a rule only once a platform admin has confirmed the schedule
    (``bestaetigt_am``); a rule an update adds waits for the next confirmation."""

    schluessel = models.SlugField(_("Schlüssel"), max_length=50, unique=True, editable=False)
    name = models.CharField(_("Bezeichnung"), max_length=150)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    monate = models.PositiveSmallIntegerField(
        _("Frist in Monaten"),
        null=True,
        blank=True,
        help_text=_("Leer: die Frist aus dem Verzeichnis der Verarbeitungstätigkeiten."),
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)
    bestaetigt_am = models.DateTimeField(_("bestätigt am"), null=True, blank=True, editable=False)
    geaendert_am = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Aufbewahrungsregel")
        verbose_name_plural = _("Aufbewahrungsplan")
        ordering = ["pk"]

    def __str__(self):
        return self.name

    def clean(self):
        regelart = art(self.schluessel)
        if self.monate is None and regelart and not regelart.frist_laut_verzeichnis():
            raise ValidationError(
                {"monate": _("Für diese Regel nennt das Verzeichnis keine Frist.")}
            )


class Aufbewahrungslauf(models.Model):
    """What one run of the retention schedule did (or, as a dry run, would have done): counts
    per rule and model, never who."""

    gestartet_am = models.DateTimeField(_("gestartet am"), default=timezone.now)
    beendet_am = models.DateTimeField(_("beendet am"), null=True, blank=True)
    probelauf = models.BooleanField(_("Probelauf"), default=False)
    #: per rule: key, name, months, whether it was applied, and per step model/action/count
    ergebnis = models.JSONField(_("Ergebnis"), default=list, blank=True)

    class Meta:
        verbose_name = _("Aufbewahrungslauf")
        verbose_name_plural = _("Aufbewahrungsläufe")
        ordering = ["-gestartet_am", "-pk"]

    def __str__(self):
        return f"{self.gestartet_am:%Y-%m-%d %H:%M}"

    @property
    def anzahl(self) -> int:
        return sum(s["anzahl"] for regel in self.ergebnis for s in regel["schritte"])
