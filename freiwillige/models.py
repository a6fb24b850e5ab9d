from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import Sprache, Wochentag, Zeitstempel
from common.scoping import ScopedQuerySet

from .nachweise import faellig_am, nachweis_fehler


class ProfilQuerySet(ScopedQuerySet):
    policy = "freiwillige.permissions.ProfilPolicy"

    def aktiv(self):
        """Volunteers whose engagement is neither paused nor ended."""
        return self.filter(status=Profil.Status.AKTIV)


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

    @property
    def vorname(self) -> str:
        """What a coordinator sees of a candidate before they apply."""
        return (self.person.anzeigename or "").split(" ")[0]


class Verfuegbarkeit(models.Model):
    """One weekly time range in which the volunteer can help (weekday + from/until)."""

    profil = models.ForeignKey(
        Profil, on_delete=models.CASCADE, related_name="verfuegbarkeiten", verbose_name=_("Profil")
    )
    wochentag = models.PositiveSmallIntegerField(_("Wochentag"), choices=Wochentag.choices)
    von = models.TimeField(_("von"))
    bis = models.TimeField(_("bis"))

    class Meta:
        verbose_name = _("Verfügbarkeit")
        verbose_name_plural = _("Verfügbarkeiten")
        ordering = ["wochentag", "von"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bis__gt=F("von")), name="verfuegbarkeit_bis_nach_von"
            )
        ]
        # matching asks per candidate "free on this weekday between these times?": answered
        # from the index alone
        indexes = [models.Index(fields=["profil", "wochentag", "von", "bis"])]

    def __str__(self):
        return f"{self.get_wochentag_display()} {self.von:%H:%M}–{self.bis:%H:%M}"

    def clean(self):
        super().clean()
        if self.von and self.bis and self.bis <= self.von:
            raise ValidationError({"bis": _("„bis“ muss nach „von“ liegen.")})


class Erklaerung(models.Model):
    """A versioned declaration a volunteer accepts before the profile is active.

    A new version (higher number, valid from a date) asks everyone again at the next login.
    """

    class Art(models.TextChoices):
        DATENSCHUTZ = "datenschutz", _("Datenschutzhinweise")
        VERSCHWIEGENHEIT = "verschwiegenheit", _("Verpflichtung zur Verschwiegenheit")

    art = models.CharField(_("Art"), max_length=20, choices=Art.choices)
    version = models.PositiveSmallIntegerField(_("Version"))
    titel = models.CharField(_("Titel"), max_length=200)
    text = models.TextField(_("Text"))
    gueltig_ab = models.DateTimeField(_("gilt ab"), default=timezone.now)

    class Meta:
        verbose_name = _("Erklärung")
        verbose_name_plural = _("Erklärungen")
        ordering = ["art", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["art", "version"], name="erklaerung_version_einmal")
        ]

    def __str__(self):
        return f"{self.titel} (Version {self.version})"


class Zustimmung(models.Model):
    """Who accepted which version of a declaration, and when."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="zustimmungen",
        verbose_name=_("Person"),
    )
    erklaerung = models.ForeignKey(
        Erklaerung,
        on_delete=models.PROTECT,
        related_name="zustimmungen",
        verbose_name=_("Erklärung"),
    )
    zeitpunkt = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("Zustimmung")
        verbose_name_plural = _("Zustimmungen")
        constraints = [
            models.UniqueConstraint(fields=["person", "erklaerung"], name="zustimmung_einmal")
        ]

    def __str__(self):
        return f"{self.person} · {self.erklaerung}"


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
        # matching reads a candidate's best level in the need's languages from the index alone
        indexes = [models.Index(fields=["profil", "sprache", "niveau"])]

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
        fehler = nachweis_fehler(self)
        if fehler:
            raise ValidationError(fehler)

    def save(self, *args, **kwargs):
        self.faellig_am = faellig_am(self)
        super().save(*args, **kwargs)


class BewerbungQuerySet(ScopedQuerySet):
    policy = "freiwillige.permissions.BewerbungPolicy"

    def wartend(self):
        """Applications waiting for the coordination's decision: open, or asked back (the
        coordination may still accept or decline them). The start page's count, the list
        it links to, the API filter, the digest and the regional figures all ask this."""
        return self.filter(status__in=Bewerbung.WARTEND)


class Bewerbung(Zeitstempel):
    """A volunteer's application to a need; accepting it creates an Einsatz."""

    class Status(models.TextChoices):
        OFFEN = "offen", _("offen")
        RUECKFRAGE = "rueckfrage", _("Rückfrage")
        ANGENOMMEN = "angenommen", _("angenommen")
        ABGELEHNT = "abgelehnt", _("abgelehnt")
        ZURUECKGEZOGEN = "zurueckgezogen", _("zurückgezogen")

    #: states in which the application is still waiting for a decision
    WARTEND = (Status.OFFEN, Status.RUECKFRAGE)

    bedarf = models.ForeignKey(
        "unterkuenfte.Bedarf",
        on_delete=models.CASCADE,
        related_name="bewerbungen",
        verbose_name=_("Bedarf"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="bewerbungen",
        verbose_name=_("Person"),
    )
    nachricht = models.TextField(_("Nachricht"), max_length=2000, blank=True)
    status = models.CharField(
        _("Status"), max_length=16, choices=Status.choices, default=Status.OFFEN, db_index=True
    )

    objects = BewerbungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bewerbung")
        verbose_name_plural = _("Bewerbungen")
        ordering = ["-created_at"]
        constraints = [
            # one waiting application per person and need; a new one after a decision is fine
            models.UniqueConstraint(
                fields=["bedarf", "person"],
                condition=Q(status__in=["offen", "rueckfrage"]),
                name="bewerbung_eine_wartende",
            )
        ]
        indexes = [models.Index(fields=["bedarf", "status"])]

    def __str__(self):
        return f"{self.person} → {self.bedarf}"


class EinsatzQuerySet(ScopedQuerySet):
    policy = "freiwillige.permissions.EinsatzPolicy"

    def aktiv(self):
        """Assignments running now and not paused."""
        return self.filter(status=Einsatz.Status.AKTIV)

    def laufend(self, von, bis):
        """Assignments running on some day from ``von`` to before ``bis``: begun before
        ``bis`` and not ended before ``von``. A paused assignment runs on (when it paused
        is not kept); the region reports count assignments and volunteers by this."""
        return self.filter(beginn__lt=bis).filter(Q(ende__isnull=True) | Q(ende__gte=von))


class Einsatz(Zeitstempel):
    """A volunteer's assignment at a shelter, created by accepting an application."""

    class Status(models.TextChoices):
        AKTIV = "aktiv", _("aktiv")
        PAUSIERT = "pausiert", _("pausiert")
        BEENDET = "beendet", _("beendet")

    bewerbung = models.OneToOneField(
        Bewerbung, on_delete=models.PROTECT, related_name="einsatz", verbose_name=_("Bewerbung")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="einsaetze",
        verbose_name=_("Person"),
    )
    bedarf = models.ForeignKey(
        "unterkuenfte.Bedarf",
        on_delete=models.PROTECT,
        related_name="einsaetze",
        verbose_name=_("Bedarf"),
    )
    # The poster of the need is kept on the row: address visibility and scopes ask "active
    # here?". Exactly one of the two, like on the need.
    unterkunft = models.ForeignKey(
        "unterkuenfte.Unterkunft",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="einsaetze",
        verbose_name=_("Unterkunft"),
    )
    organisation = models.ForeignKey(
        "netzwerk.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="einsaetze",
        verbose_name=_("Organisation"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.AKTIV, db_index=True
    )
    beginn = models.DateField(_("Beginn"), default=timezone.localdate)
    ende = models.DateField(_("Ende"), null=True, blank=True)

    objects = EinsatzQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einsatz")
        verbose_name_plural = _("Einsätze")
        ordering = ["-beginn"]
        indexes = [
            models.Index(fields=["person", "status"]),
            models.Index(fields=["unterkunft", "status"]),
            models.Index(fields=["organisation", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(unterkunft__isnull=False, organisation__isnull=True)
                | Q(unterkunft__isnull=True, organisation__isnull=False),
                name="einsatz_genau_ein_anbieter",
            ),
        ]

    def __str__(self):
        return f"{self.person} · {self.bedarf}"

    @property
    def anbieter(self):
        """The shelter or the organisation the volunteer helps."""
        return self.unterkunft if self.unterkunft_id else self.organisation


class Verlaufseintrag(models.Model):
    """One state change of an application or assignment: who did what, when."""

    bewerbung = models.ForeignKey(
        Bewerbung, on_delete=models.CASCADE, related_name="verlauf", verbose_name=_("Bewerbung")
    )
    einsatz = models.ForeignKey(
        Einsatz,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="verlauf",
        verbose_name=_("Einsatz"),
    )
    von_status = models.CharField(_("vorher"), max_length=16, blank=True)
    nach_status = models.CharField(_("nachher"), max_length=16)
    akteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("durch"),
    )
    notiz = models.TextField(_("Notiz"), blank=True)
    zeitpunkt = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("Verlaufseintrag")
        verbose_name_plural = _("Verlauf")
        ordering = ["zeitpunkt", "pk"]

    def __str__(self):
        return f"{self.von_status or '–'} → {self.nach_status}"


class Bewerbungseinladung(models.Model):
    """A coordinator asked a matching candidate to apply to a need (once per need and person)."""

    bedarf = models.ForeignKey(
        "unterkuenfte.Bedarf",
        on_delete=models.CASCADE,
        related_name="bewerbungseinladungen",
        verbose_name=_("Bedarf"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="bewerbungseinladungen",
        verbose_name=_("Person"),
    )
    von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("eingeladen von"),
    )
    zeitpunkt = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("Einladung zur Bewerbung")
        verbose_name_plural = _("Einladungen zur Bewerbung")
        constraints = [
            models.UniqueConstraint(fields=["bedarf", "person"], name="bewerbungseinladung_einmal")
        ]

    def __str__(self):
        return f"{self.person} → {self.bedarf}"


class StundeneintragQuerySet(ScopedQuerySet):
    policy = "freiwillige.permissions.StundeneintragPolicy"

    def bestaetigt(self):
        """Hours the coordination confirmed: the only hours figures and reports count."""
        return self.filter(bestaetigt_am__isnull=False)


class Stundeneintrag(Zeitstempel):
    """Hours worked on one day of an assignment; the coordination confirms them."""

    einsatz = models.ForeignKey(
        Einsatz, on_delete=models.CASCADE, related_name="stunden", verbose_name=_("Einsatz")
    )
    datum = models.DateField(_("Datum"))
    stunden = models.DecimalField(
        _("Stunden"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(24)],
    )
    taetigkeit = models.CharField(_("Tätigkeit"), max_length=200, blank=True)
    erfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("erfasst von"),
    )
    bestaetigt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("bestätigt von"),
    )
    bestaetigt_am = models.DateTimeField(_("bestätigt am"), null=True, blank=True)

    objects = StundeneintragQuerySet.as_manager()

    class Meta:
        verbose_name = _("Stundeneintrag")
        verbose_name_plural = _("Stundeneinträge")
        ordering = ["-datum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stunden__gt=0) & Q(stunden__lte=24), name="stunden_0_bis_24"
            )
        ]
        indexes = [models.Index(fields=["einsatz", "datum"])]

    def __str__(self):
        return f"{self.datum}: {self.stunden} h"
