"""Training: yearly series (Basis, Aufbau, open), courses with sessions and seats,
registrations with a waiting list, attendance, qualifications and topic wishes."""

import math
import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common import abstimmung
from common.aggregate import subquery_anzahl
from common.models import Zeitstempel
from common.scoping import ScopedQuerySet


class QualifikationQuerySet(ScopedQuerySet):
    policy = "fortbildung.permissions.QualifikationPolicy"


class Qualifikation(models.Model):
    """What completing a course confers ("Basis abgeschlossen"), and what a course may require."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    gueltigkeit_monate = models.PositiveSmallIntegerField(
        _("gültig für Monate"),
        null=True,
        blank=True,
        help_text=_("Leer: unbegrenzt gültig. Ein erneuter Abschluss verlängert die Gültigkeit."),
    )

    objects = QualifikationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Qualifikation")
        verbose_name_plural = _("Qualifikationen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ErteilungQuerySet(ScopedQuerySet):
    policy = "fortbildung.permissions.ErteilungPolicy"

    def gueltig(self, stichtag=None):
        stichtag = stichtag or timezone.localdate()
        return self.filter(Q(gueltig_bis__isnull=True) | Q(gueltig_bis__gte=stichtag))


class Erteilung(models.Model):
    """A qualification held by a person: from a completed course or granted by hand.

    A later grant of the same qualification prolongs it; the latest validity counts.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="qualifikationen"
    )
    qualifikation = models.ForeignKey(
        Qualifikation, on_delete=models.PROTECT, related_name="erteilungen"
    )
    erteilt_am = models.DateField(_("erteilt am"), default=timezone.localdate)
    gueltig_bis = models.DateField(_("gültig bis"), null=True, blank=True)
    kurs = models.ForeignKey(
        "Kurs",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="erteilungen",
        verbose_name=_("durch den Kurs"),
    )
    grund = models.TextField(_("Begründung"), blank=True)
    erteilt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ErteilungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Erteilte Qualifikation")
        verbose_name_plural = _("Erteilte Qualifikationen")
        ordering = ["-erteilt_am", "-pk"]
        indexes = [models.Index(fields=["person", "qualifikation", "gueltig_bis"])]

    def __str__(self):
        return f"{self.qualifikation} · {self.person}"

    @property
    def von_hand(self) -> bool:
        return self.kurs_id is None


class Stufe(models.TextChoices):
    BASIS = "basis", _("Basis")
    AUFBAU = "aufbau", _("Aufbau")
    OFFEN = "offen", _("offen")


class Zielgruppe(models.TextChoices):
    KOORDINATION = "koordination", _("Koordinator*innen")
    FREIWILLIGE = "freiwillige", _("Freiwillige")
    ALLE = "alle", _("alle")


class ReiheQuerySet(ScopedQuerySet):
    policy = "fortbildung.permissions.ReihePolicy"


class Reihe(Zeitstempel):
    """A yearly series, e.g. "Freiwilligenkoordination – Basis 2026"."""

    titel = models.CharField(_("Titel"), max_length=200)
    stufe = models.CharField(_("Stufe"), max_length=10, choices=Stufe.choices)
    jahr = models.PositiveSmallIntegerField(
        _("Jahr"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    zielgruppe = models.CharField(_("Zielgruppe"), max_length=15, choices=Zielgruppe.choices)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)

    objects = ReiheQuerySet.as_manager()

    class Meta:
        verbose_name = _("Fortbildungsreihe")
        verbose_name_plural = _("Fortbildungsreihen")
        ordering = ["-jahr", "stufe", "titel"]

    def __str__(self):
        return self.titel


class KursQuerySet(ScopedQuerySet):
    policy = "fortbildung.permissions.KursPolicy"

    def mit_belegung(self):
        """Adds taken seats, waiting people, sessions and first/last session in one query."""
        anmeldungen = Anmeldung.objects.filter(kurs=OuterRef("pk"))
        sitzungen = Sitzung.objects.filter(kurs=OuterRef("pk"))
        return self.annotate(
            belegt=subquery_anzahl(anmeldungen.filter(status=Anmeldung.Status.ANGEMELDET)),
            wartend=subquery_anzahl(anmeldungen.filter(status=Anmeldung.Status.WARTEND)),
            anzahl_sitzungen=subquery_anzahl(sitzungen),
            erster_beginn=models.Subquery(sitzungen.order_by("beginn").values("beginn")[:1]),
            letztes_ende=_letztes_ende(OuterRef("pk")),
        )

    def kommend(self, stichtag=None):
        """Courses whose last session has not ended by ``stichtag`` (default: now); needs
        ``mit_belegung``. The course list, the team's start page and digest all ask this."""
        return self.filter(letztes_ende__gte=stichtag or timezone.now())


class Kurs(Zeitstempel):
    """A course of a series: sessions, seats, a registration window and a completion rule."""

    reihe = models.ForeignKey(
        Reihe, on_delete=models.PROTECT, related_name="kurse", verbose_name=_("Reihe")
    )
    titel = models.CharField(_("Titel"), max_length=200)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    plaetze = models.PositiveSmallIntegerField(
        _("Plätze"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    anmeldung_ab = models.DateTimeField(_("Anmeldung ab"))
    anmeldung_bis = models.DateTimeField(_("Anmeldung bis"))
    abmeldung_bis = models.DateTimeField(
        _("Abmeldung bis"),
        help_text=_(
            "Bis dahin melden sich Teilnehmende selbst ab; ihr Platz geht an die Warteliste."
        ),
    )
    mindestanwesenheit = models.PositiveSmallIntegerField(
        _("Mindestanwesenheit in Prozent"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("So viel Prozent der Sitzungen braucht der Abschluss."),
    )
    vermittelt = models.ForeignKey(
        Qualifikation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vermittelt_durch",
        verbose_name=_("Abschluss erteilt die Qualifikation"),
    )
    voraussetzungen = models.ManyToManyField(
        Qualifikation,
        blank=True,
        related_name="vorausgesetzt_von",
        verbose_name=_("Voraussetzungen"),
        help_text=_("Nur wer diese Qualifikationen hat, kann sich anmelden."),
    )
    themenwunsch = models.ForeignKey(
        "Themenwunsch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kurse",
        verbose_name=_("greift den Themenwunsch auf"),
    )
    leitung = models.CharField(_("Referent*innen"), max_length=200, blank=True)
    veroeffentlicht = models.BooleanField(
        _("veröffentlicht"),
        default=True,
        help_text=_("Nur veröffentlichte Kurse stehen im Fortbildungskalender."),
    )

    objects = KursQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kurs")
        verbose_name_plural = _("Kurse")
        ordering = ["anmeldung_bis", "titel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(anmeldung_bis__gt=models.F("anmeldung_ab")),
                name="kurs_anmeldefenster",
            )
        ]
        indexes = [models.Index(fields=["veroeffentlicht", "anmeldung_bis"])]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("fortbildung:kurs", kwargs={"pk": self.pk})

    @property
    def anmeldung_offen(self) -> bool:
        return self.anmeldung_ab <= timezone.now() <= self.anmeldung_bis

    @property
    def anmeldung_bald(self) -> bool:
        return timezone.now() < self.anmeldung_ab

    @property
    def abschlusstag(self):
        """The day of the last session: the date a certificate of the course carries
        (needs ``mit_belegung``)."""
        return abschlusstag(self.letztes_ende)

    @property
    def freie_plaetze(self) -> int:
        """Needs ``mit_belegung()``."""
        return max(0, self.plaetze - self.belegt)

    def noetige_sitzungen(self, anzahl_sitzungen: int) -> int:
        """Sessions a participant must attend to complete (at least one)."""
        return max(1, math.ceil(anzahl_sitzungen * self.mindestanwesenheit / 100))


def _letztes_ende(kurs):
    """The end of the course's last session, as a subquery on the course ``kurs``."""
    return models.Subquery(
        Sitzung.objects.filter(kurs=kurs).order_by("-ende").values("ende")[:1],
        output_field=models.DateTimeField(),
    )


def abschlusstag(letztes_ende):
    """The day in Berlin on which the last session ended: the course's completion date,
    whenever the attendance that completed someone was entered."""
    return timezone.localdate(letztes_ende) if letztes_ende else None


class SitzungQuerySet(ScopedQuerySet):
    policy = "fortbildung.permissions.SitzungPolicy"


class Sitzung(Zeitstempel):
    """One session of a course; its UID keeps it one entry in calendars however it moves."""

    kurs = models.ForeignKey(Kurs, on_delete=models.CASCADE, related_name="sitzungen")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    beginn = models.DateTimeField(_("Beginn"))
    ende = models.DateTimeField(_("Ende"))
    ort = models.CharField(_("Veranstaltungsort"), max_length=300, blank=True)
    online_link = models.URLField(_("Link zur Online-Teilnahme"), blank=True)
    # the calendar SEQUENCE: raised whenever date, time or place change
    sequenz = models.PositiveIntegerField(default=0, editable=False)

    objects = SitzungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["beginn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__gt=models.F("beginn")), name="sitzung_ende_nach_beginn"
            )
        ]
        indexes = [models.Index(fields=["kurs", "beginn"])]

    def __str__(self):
        return f"{self.kurs.titel}, {timezone.localtime(self.beginn):%d.%m.%Y %H:%M}"

    @property
    def hat_begonnen(self) -> bool:
        """Attendance is taken from the day of the session on."""
        return timezone.localdate() >= timezone.localtime(self.beginn).date()


class AnmeldungQuerySet(ScopedQuerySet):
    policy = "fortbildung.permissions.AnmeldungPolicy"

    def aktiv(self):
        return self.filter(status__in=(Anmeldung.Status.ANGEMELDET, Anmeldung.Status.WARTEND))

    def mit_warteposition(self):
        """Adds the waiting position (1 = next to move up); empty for everyone else.

        Registrations are created under the course's row lock, so their ids follow the
        order in which people registered.
        """
        vor_mir = Anmeldung.objects.filter(
            kurs=OuterRef("kurs"), status=Anmeldung.Status.WARTEND, pk__lte=OuterRef("pk")
        )
        return self.annotate(
            warteposition=models.Case(
                models.When(status=Anmeldung.Status.WARTEND, then=subquery_anzahl(vor_mir)),
                default=None,
                output_field=models.IntegerField(),
            )
        )

    def mit_abschlusstag(self):
        """Adds ``kurs_ende``, the end of the course's last session (``abschlusstag``)."""
        return self.annotate(kurs_ende=_letztes_ende(OuterRef("kurs")))

    def mit_anwesenheit(self):
        return self.annotate(
            anwesend=Count("anwesenheiten", distinct=True),
        )


def _neuer_code() -> str:
    """12 characters in groups of four, without look-alikes (0/O, 1/I/L)."""
    zeichen = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    roh = "".join(secrets.choice(zeichen) for _ in range(12))
    return "-".join(roh[i : i + 4] for i in range(0, 12, 4))


class Anmeldung(Zeitstempel):
    """A person's registration: a seat, a place on the waiting list, or cancelled."""

    class Status(models.TextChoices):
        ANGEMELDET = "angemeldet", _("angemeldet")
        WARTEND = "wartend", _("auf der Warteliste")
        ABGEMELDET = "abgemeldet", _("abgemeldet")

    kurs = models.ForeignKey(Kurs, on_delete=models.CASCADE, related_name="anmeldungen")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fortbildung_anmeldungen"
    )
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices)
    nachgerueckt_am = models.DateTimeField(_("nachgerückt am"), null=True, blank=True)
    abgemeldet_am = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)
    abgeschlossen_am = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)
    bescheinigungscode = models.CharField(
        _("Prüfcode der Bescheinigung"), max_length=14, unique=True, null=True, blank=True
    )

    objects = AnmeldungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["pk"]
        constraints = [
            # one live registration per person and course, whatever the application does
            models.UniqueConstraint(
                fields=["kurs", "person"],
                condition=Q(status__in=["angemeldet", "wartend"]),
                name="anmeldung_einmal_je_kurs",
            )
        ]
        indexes = [
            models.Index(fields=["kurs", "status"]),
            models.Index(fields=["person", "status"]),
        ]

    def __str__(self):
        return f"{self.person} · {self.kurs}"

    @property
    def abgeschlossen(self) -> bool:
        return self.abgeschlossen_am is not None

    @property
    def abschlusstag(self):
        """The course's completion date, which its certificate carries (needs
        ``mit_abschlusstag``); ``abgeschlossen_am`` is when the attendance was entered."""
        return abschlusstag(self.kurs_ende)

    def code_vergeben(self) -> None:
        self.bescheinigungscode = _neuer_code()


class Anwesenheit(models.Model):
    """A registered person was present at a session."""

    sitzung = models.ForeignKey(Sitzung, on_delete=models.CASCADE, related_name="anwesenheiten")
    anmeldung = models.ForeignKey(Anmeldung, on_delete=models.CASCADE, related_name="anwesenheiten")
    erfasst_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        constraints = [
            models.UniqueConstraint(
                fields=["sitzung", "anmeldung"], name="anwesenheit_einmal_je_sitzung"
            )
        ]

    def __str__(self):
        return f"{self.anmeldung} · {self.sitzung}"


class ThemenwunschQuerySet(ScopedQuerySet):
    policy = "fortbildung.permissions.ThemenwunschPolicy"

    def mit_stimmen(self, user):
        stimmen = Wunschstimme.objects.filter(wunsch=OuterRef("pk"))
        return self.annotate(
            **abstimmung.stimmen_zaehlen(stimmen, user),
            anzahl_kurse=subquery_anzahl(Kurs.objects.filter(themenwunsch=OuterRef("pk"))),
        )


class Themenwunsch(Zeitstempel):
    """A training topic wished for by coordinators or organisations (the needs survey)."""

    titel = models.CharField(_("Thema"), max_length=200)
    beschreibung = models.TextField(_("Worum soll es gehen?"), blank=True)
    vorgeschlagen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vorgeschlagen von"),
    )

    objects = ThemenwunschQuerySet.as_manager()

    class Meta:
        verbose_name = _("Themenwunsch")
        verbose_name_plural = _("Themenwünsche")
        ordering = ["-created_at"]

    def __str__(self):
        return self.titel


class Wunschstimme(models.Model):
    wunsch = models.ForeignKey(Themenwunsch, on_delete=models.CASCADE, related_name="stimmen")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Stimme für einen Themenwunsch")
        verbose_name_plural = _("Stimmen für Themenwünsche")
        constraints = [
            models.UniqueConstraint(fields=["wunsch", "person"], name="wunschstimme_einmal")
        ]

    def __str__(self):
        return f"{self.person} → {self.wunsch}"
