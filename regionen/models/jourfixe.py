"""Jours fixes: a series per region materialises Termine; each Termin collects agenda
topics and votes, answers and attendance, minutes and action items."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.aggregate import subquery_anzahl
from common.models import Zeitstempel
from common.scoping import ScopedQuerySet

from .. import recurrence
from .region import Region


class JourFixeSerieQuerySet(ScopedQuerySet):
    policy = "regionen.permissions.JourFixeSeriePolicy"

    def laufend(self):
        return self.filter(beendet_am__isnull=True)


class JourFixeSerie(Zeitstempel):
    """A regular meeting of a region's coordinators; its rule yields the Termine."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="jourfixe_serien", verbose_name=_("Region")
    )
    titel = models.CharField(_("Titel"), max_length=200)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    regel = models.CharField(
        _("Wiederholungsregel (RRULE)"),
        max_length=300,
        help_text=_("Zum Beispiel FREQ=MONTHLY;BYDAY=2WE für jeden zweiten Mittwoch im Monat."),
    )
    erster_tag = models.DateField(_("ab dem"))
    beginn = models.TimeField(_("Beginn"))
    ende = models.TimeField(_("Ende"))
    ort = models.CharField(_("Ort"), max_length=300, blank=True)
    online_link = models.URLField(_("Link zur Online-Teilnahme"), blank=True)
    #: key of a circle registered in regionen/kreise.py ("" = only the persons named below)
    kreis = models.CharField(_("Eingeladener Kreis"), max_length=40, blank=True)
    weitere_eingeladene = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="jourfixe_einladungen",
        verbose_name=_("Weitere eingeladene Personen"),
    )
    themenfrist_tage = models.PositiveSmallIntegerField(
        _("Themen bis so viele Tage vorher"),
        default=3,
        validators=[MaxValueValidator(60)],
        help_text=_("Bis dahin schlagen Eingeladene Themen vor und stimmen ab."),
    )
    # Raised whenever a change touches every Termin (title, place): the calendar SEQUENCE.
    sequenz = models.PositiveIntegerField(default=0, editable=False)
    beendet_am = models.DateTimeField(_("beendet am"), null=True, blank=True, editable=False)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = JourFixeSerieQuerySet.as_manager()

    class Meta:
        verbose_name = _("Jour-fixe-Reihe")
        verbose_name_plural = _("Jour-fixe-Reihen")
        ordering = ["region__name", "titel"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__gt=models.F("beginn")), name="jourfixe_serie_ende_nach_beginn"
            )
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("regionen:serie", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        errors = {}
        if self.beginn and self.ende and self.ende <= self.beginn:
            errors["ende"] = _("Das Ende muss nach dem Beginn liegen.")
        if self.regel and self.erster_tag and self.beginn:
            try:
                recurrence.regel_pruefen(self.regel, self.erster_tag, self.beginn)
            except ValidationError as fehler:
                errors["regel"] = fehler.messages
        if errors:
            raise ValidationError(errors)

    @property
    def rhythmus(self) -> str:
        return recurrence.regel_beschreiben(self.regel)


class TerminQuerySet(ScopedQuerySet):
    policy = "regionen.permissions.TerminPolicy"

    def kommend(self):
        return self.filter(ende__gte=timezone.now()).order_by("beginn")

    def mit_antworten(self, user):
        """Adds the answer counts and the user's own answer, in the same query."""
        antworten = Teilnahme.objects.filter(termin=models.OuterRef("pk"))
        eigene = antworten.filter(person=user).values("antwort")[:1]
        return self.annotate(
            zusagen=subquery_anzahl(antworten.filter(antwort=Teilnahme.Antwort.JA)),
            vielleicht=subquery_anzahl(antworten.filter(antwort=Teilnahme.Antwort.VIELLEICHT)),
            absagen=subquery_anzahl(antworten.filter(antwort=Teilnahme.Antwort.NEIN)),
            meine_antwort=models.Subquery(eigene),
        )


class Termin(Zeitstempel):
    """One meeting of a series; moved or cancelled on its own without touching the series."""

    class Status(models.TextChoices):
        GEPLANT = "geplant", _("geplant")
        ABGESAGT = "abgesagt", _("abgesagt")

    serie = models.ForeignKey(
        JourFixeSerie, on_delete=models.CASCADE, related_name="termine", verbose_name=_("Reihe")
    )
    # The calendar UID: stays the same however often the Termin is moved or changed.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Start as the rule yields it (RECURRENCE-ID); makes materialising idempotent.
    vorgesehen = models.DateTimeField(editable=False)
    beginn = models.DateTimeField(_("Beginn"))
    ende = models.DateTimeField(_("Ende"))
    ort = models.CharField(
        _("Ort"), max_length=300, blank=True, help_text=_("Leer: der Ort der Reihe.")
    )
    online_link = models.URLField(
        _("Link zur Online-Teilnahme"), blank=True, help_text=_("Leer: der Link der Reihe.")
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.GEPLANT
    )
    absagegrund = models.CharField(_("Grund der Absage"), max_length=300, blank=True)
    sequenz = models.PositiveIntegerField(default=0, editable=False)
    tagesordnung_veroeffentlicht_am = models.DateTimeField(null=True, blank=True, editable=False)
    protokoll = models.TextField(_("Protokoll"), blank=True)
    beschluesse = models.TextField(
        _("Beschlüsse"), blank=True, help_text=_("Ein Beschluss je Zeile.")
    )
    protokoll_veroeffentlicht_am = models.DateTimeField(null=True, blank=True, editable=False)

    objects = TerminQuerySet.as_manager()

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["beginn"]
        constraints = [
            models.UniqueConstraint(fields=["serie", "vorgesehen"], name="termin_einmal_je_regel"),
            models.CheckConstraint(
                condition=Q(ende__gt=models.F("beginn")), name="termin_ende_nach_beginn"
            ),
        ]
        indexes = [models.Index(fields=["serie", "beginn"]), models.Index(fields=["beginn"])]

    def __str__(self):
        return f"{self.serie.titel}, {timezone.localtime(self.beginn):%d.%m.%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("regionen:termin", kwargs={"pk": self.pk})

    @property
    def abgesagt(self) -> bool:
        return self.status == self.Status.ABGESAGT

    @property
    def verschoben(self) -> bool:
        return self.beginn != self.vorgesehen

    @property
    def ort_angezeigt(self) -> str:
        return self.ort or self.serie.ort

    @property
    def link_angezeigt(self) -> str:
        return self.online_link or self.serie.online_link

    @property
    def themenfrist(self):
        # Days back on Berlin's wall clock: across a daylight-saving change the deadline
        # keeps the Termin's hour instead of moving by one.
        return timezone.localtime(self.beginn) - timedelta(days=self.serie.themenfrist_tage)

    @property
    def themen_offen(self) -> bool:
        """Topics and votes are taken until the deadline, and not once the agenda is out."""
        return (
            not self.abgesagt
            and self.tagesordnung_veroeffentlicht_am is None
            and timezone.now() < self.themenfrist
        )

    @property
    def vorbei(self) -> bool:
        return self.ende < timezone.now()

    @property
    def hat_begonnen(self) -> bool:
        """Attendance and minutes belong to the day of the meeting and after."""
        return timezone.localdate() >= timezone.localtime(self.beginn).date()

    @property
    def kalender_sequenz(self) -> int:
        return self.sequenz + self.serie.sequenz

    def antwortzahlen(self) -> dict:
        """``{antwort: how many}``: the answers the Termin's page and, for a network
        meeting, its event page show (one answer per person, wherever given)."""
        return dict(
            self.teilnahmen.exclude(antwort="")
            .values_list("antwort")
            .annotate(n=models.Count("pk"))
            .order_by()
        )

    def beschluss_liste(self) -> list[str]:
        return [zeile.strip() for zeile in self.beschluesse.splitlines() if zeile.strip()]


class ThemaQuerySet(ScopedQuerySet):
    policy = "regionen.permissions.ThemaPolicy"


class Thema(Zeitstempel):
    """A topic proposed for a Termin; the coordinator puts chosen ones on the agenda."""

    termin = models.ForeignKey(
        Termin, on_delete=models.CASCADE, related_name="themen", verbose_name=_("Termin")
    )
    titel = models.CharField(_("Thema"), max_length=200)
    beschreibung = models.TextField(_("Worum geht es?"), blank=True)
    vorgeschlagen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vorgeschlagen von"),
    )
    auf_tagesordnung = models.BooleanField(_("auf der Tagesordnung"), default=False)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    objects = ThemaQuerySet.as_manager()

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["position", "created_at"]

    def __str__(self):
        return self.titel


class Stimme(models.Model):
    """One person's vote for one topic; the constraint keeps it to one."""

    thema = models.ForeignKey(Thema, on_delete=models.CASCADE, related_name="stimmen")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Stimme")
        verbose_name_plural = _("Stimmen")
        constraints = [
            models.UniqueConstraint(fields=["thema", "person"], name="stimme_einmal_je_thema")
        ]

    def __str__(self):
        return f"{self.person} → {self.thema}"


class TeilnahmeQuerySet(ScopedQuerySet):
    policy = "regionen.permissions.TeilnahmePolicy"


class Teilnahme(Zeitstempel):
    """A person's answer to a Termin (yes / no / maybe) and, on the day, their attendance."""

    class Antwort(models.TextChoices):
        JA = "ja", _("Ich komme")
        VIELLEICHT = "vielleicht", _("Vielleicht")
        NEIN = "nein", _("Ich komme nicht")

    termin = models.ForeignKey(Termin, on_delete=models.CASCADE, related_name="teilnahmen")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jourfixe_teilnahmen"
    )
    antwort = models.CharField(_("Antwort"), max_length=10, choices=Antwort.choices, blank=True)
    anwesend = models.BooleanField(_("anwesend"), null=True, blank=True)

    objects = TeilnahmeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")
        constraints = [
            models.UniqueConstraint(fields=["termin", "person"], name="teilnahme_einmal_je_termin")
        ]

    def __str__(self):
        return f"{self.person} · {self.termin}"


class AufgabeQuerySet(ScopedQuerySet):
    policy = "regionen.permissions.AufgabePolicy"

    def offen_bei(self, termin):
        """Action items of earlier Termine of the series that were still open at ``termin``:
        they head its agenda (carried over until someone closes them)."""
        return self.filter(
            termin__serie_id=termin.serie_id, termin__beginn__lt=termin.beginn
        ).filter(Q(status=Aufgabe.Status.OFFEN) | Q(abgeschlossen_am__gte=termin.beginn))


class Aufgabe(Zeitstempel):
    """An action item decided at a Termin, with an owner and a due date."""

    class Status(models.TextChoices):
        OFFEN = "offen", _("offen")
        ERLEDIGT = "erledigt", _("erledigt")
        VERWORFEN = "verworfen", _("verworfen")

    termin = models.ForeignKey(
        Termin, on_delete=models.CASCADE, related_name="aufgaben", verbose_name=_("Termin")
    )
    titel = models.CharField(_("Aufgabe"), max_length=300)
    verantwortlich = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jourfixe_aufgaben",
        verbose_name=_("verantwortlich"),
    )
    faellig_am = models.DateField(_("fällig am"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.OFFEN
    )
    abgeschlossen_am = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AufgabeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")
        ordering = ["faellig_am", "pk"]
        indexes = [
            models.Index(fields=["status", "faellig_am"]),
            models.Index(fields=["verantwortlich", "status"]),
        ]

    def __str__(self):
        return self.titel
