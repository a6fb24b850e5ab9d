from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import Sprache, Zeitstempel
from common.scoping import ScopedQuerySet


class ProfilQuerySet(ScopedQuerySet):
    policy = "freiwillige.permissions.ProfilPolicy"


class Profil(Zeitstempel):
    """A volunteer's profile: what they can do, when and where."""

    class Status(models.TextChoices):
        AKTIV = "aktiv", _("aktiv")
        PAUSIERT = "pausiert", _("pausiert")
        BEENDET = "beendet", _("beendet")

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profil",
        verbose_name=_("Person"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.AKTIV, db_index=True
    )
    # Only the year: the measles rule (§ 20 IfSG) depends on it, nothing else needs more.
    geburtsjahr = models.PositiveSmallIntegerField(
        _("Geburtsjahr"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    telefon = models.CharField(_("Telefon (freiwillig)"), max_length=40, blank=True)
    heimatbezirk = models.ForeignKey(
        "regionen.Bezirk",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Wohnbezirk"),
    )
    bevorzugte_regionen = models.ManyToManyField(
        "regionen.Region", blank=True, related_name="+", verbose_name=_("bevorzugte Regionen")
    )
    interessen = models.ManyToManyField(
        "unterkuenfte.Taetigkeitsfeld",
        blank=True,
        related_name="interessierte",
        verbose_name=_("Tätigkeitsfelder, die mich interessieren"),
    )
    freitext = models.TextField(_("Über mich"), max_length=1000, blank=True)

    objects = ProfilQuerySet.as_manager()

    class Meta:
        verbose_name = _("Profil")
        verbose_name_plural = _("Profile")

    def __str__(self):
        return str(self.person)


class Sprachkenntnis(models.Model):
    class Niveau(models.IntegerChoices):
        # Higher is better: matching sorts by it.
        GRUNDKENNTNISSE = 1, _("Grundkenntnisse")
        GUT = 2, _("gut")
        FLIESSEND = 3, _("fließend")
        MUTTERSPRACHE = 4, _("Muttersprache")

    profil = models.ForeignKey(
        Profil, on_delete=models.CASCADE, related_name="sprachkenntnisse", verbose_name=_("Profil")
    )
    sprache = models.ForeignKey(
        Sprache, on_delete=models.PROTECT, related_name="+", verbose_name=_("Sprache")
    )
    niveau = models.PositiveSmallIntegerField(_("Niveau"), choices=Niveau.choices)

    class Meta:
        verbose_name = _("Sprachkenntnis")
        verbose_name_plural = _("Sprachkenntnisse")
        constraints = [
            models.UniqueConstraint(fields=["profil", "sprache"], name="sprachkenntnis_einmal")
        ]
        indexes = [models.Index(fields=["sprache", "niveau"])]

    def __str__(self):
        return f"{self.sprache} ({self.get_niveau_display()})"


class NachweisQuerySet(ScopedQuerySet):
    policy = "freiwillige.permissions.NachweisPolicy"


class Nachweis(Zeitstempel):
    """An inspection record: a coordinator saw a document and notes what it showed.

    Never a copy of the document: kind, date of issue, inspected on and by, result and the
    date it must be presented again (computed from the kind's rules, see nachweise.py).
    """

    class Ergebnis(models.TextChoices):
        ERFUELLT = "erfuellt", _("erfüllt (ohne relevante Einträge)")
        BEFREIT = "befreit", _("befreit (z. B. medizinische Kontraindikation)")
        NICHT_ERFUELLT = "nicht_erfuellt", _("nicht erfüllt")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="nachweise",
        verbose_name=_("Person"),
    )
    art = models.ForeignKey(
        "unterkuenfte.Anforderungsart",
        on_delete=models.PROTECT,
        related_name="nachweise",
        verbose_name=_("Art"),
    )
    ausgestellt_am = models.DateField(_("ausgestellt am"), null=True, blank=True)
    eingesehen_am = models.DateField(_("eingesehen am"), default=timezone.localdate)
    eingesehen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("eingesehen von"),
    )
    ergebnis = models.CharField(
        _("Ergebnis"), max_length=16, choices=Ergebnis.choices, default=Ergebnis.ERFUELLT
    )
    faellig_am = models.DateField(_("erneut vorzulegen bis"), null=True, blank=True, editable=False)

    objects = NachweisQuerySet.as_manager()

    class Meta:
        verbose_name = _("Nachweis")
        verbose_name_plural = _("Nachweise")
        ordering = ["-eingesehen_am", "-created_at"]
        indexes = [models.Index(fields=["person", "art", "-eingesehen_am"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ausgestellt_am__isnull=True)
                | Q(eingesehen_am__gte=F("ausgestellt_am")),
                name="nachweis_einsicht_nach_ausstellung",
            )
        ]

    def __str__(self):
        return f"{self.art} · {self.person}"

    def clean(self):
        super().clean()
        from .nachweise import nachweis_fehler

        fehler = nachweis_fehler(self)
        if fehler:
            raise ValidationError(fehler)

    def save(self, *args, **kwargs):
        from .nachweise import faellig_am

        self.faellig_am = faellig_am(self)
        super().save(*args, **kwargs)
