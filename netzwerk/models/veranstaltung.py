"""Events of the network: workshops, network meetings, conferences, online seminars,
festivals — with seats, registration and a waiting list (common/warteliste.py)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common import warteliste
from common.aggregate import subquery_anzahl
from common.models import Zeitstempel
from common.scoping import ScopedQuerySet
from common.texte import Mehrsprachig


class VeranstaltungQuerySet(ScopedQuerySet):
    policy = "netzwerk.permissions.VeranstaltungPolicy"

    def mit_belegung(self):
        """Adds ``belegt`` (seats taken) and ``wartend`` (waiting list length)."""

        def anzahl(status):
            return subquery_anzahl(
                Veranstaltungsanmeldung.objects.filter(
                    veranstaltung=models.OuterRef("pk"), status=status
                )
            )

        return self.annotate(
            belegt=anzahl(warteliste.ANGEMELDET), wartend=anzahl(warteliste.WARTEND)
        )


class Veranstaltung(Mehrsprachig, Zeitstempel):
    """An event of the network, presented by an organisation or the network coordination."""

    uebersetzbare_felder = ("titel", "beschreibung")

    class Art(models.TextChoices):
        WERKSTATT = "werkstatt", _("Werkstatt")
        NETZWERKTREFFEN = "netzwerktreffen", _("Netzwerktreffen")
        KONFERENZ = "konferenz", _("Konferenz mit Workshops")
        ONLINESEMINAR = "onlineseminar", _("Online-Seminar")
        FEST = "fest", _("Fest")

    art = models.CharField(_("Art"), max_length=16, choices=Art.choices)
    titel = models.CharField(_("Titel"), max_length=200)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    organisation = models.ForeignKey(
        "netzwerk.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="veranstaltungen",
        verbose_name=_("veranstaltende Organisation"),
    )
    region = models.ForeignKey(
        "regionen.Region",
        on_delete=models.PROTECT,
        related_name="veranstaltungen",
        verbose_name=_("Stadt oder Region"),
    )
    bezirk = models.ForeignKey(
        "regionen.Bezirk",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="veranstaltungen",
        verbose_name=_("Bezirk"),
    )
    beginn = models.DateTimeField(_("Beginn"))
    ende = models.DateTimeField(_("Ende"))
    ort = models.CharField(_("Veranstaltungsort"), max_length=200, blank=True)
    online_link = models.URLField(_("Link zur Online-Teilnahme"), blank=True)
    eintritt = models.DecimalField(
        _("Eintritt in Euro"),
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("0 bedeutet: Eintritt frei."),
    )
    oeffentlich = models.BooleanField(
        _("öffentlich"),
        default=True,
        help_text=_("Sonst nur für die Mitglieder des gewählten Verteilers sichtbar."),
    )
    verteiler = models.ForeignKey(
        "netzwerk.Verteiler",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="veranstaltungen",
        verbose_name=_("für die Mitglieder des Verteilers"),
    )
    termin = models.OneToOneField(
        "regionen.Termin",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="veranstaltung",
        verbose_name=_("Termin der Jour-fixe-Reihe (Tagesordnung)"),
        help_text=_(
            "Für Netzwerktreffen: der Termin, zu dem Mitglieder Themen vorschlagen und "
            "abstimmen; seine Tagesordnung erscheint hier."
        ),
    )
    anmeldung_erforderlich = models.BooleanField(_("mit Anmeldung"), default=False)
    plaetze = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer: unbegrenzt.")
    )
    sprachen = models.ManyToManyField(
        "common.Sprache",
        blank=True,
        related_name="veranstaltungen",
        verbose_name=_("Sprachen der Veranstaltung"),
    )
    veroeffentlicht = models.BooleanField(_("veröffentlicht"), default=False)
    abgesagt = models.BooleanField(_("abgesagt"), default=False)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequenz = models.PositiveIntegerField(default=0, editable=False)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = VeranstaltungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["beginn", "pk"]
        indexes = [
            # the public calendar: published, upcoming, by start
            models.Index(fields=["veroeffentlicht", "oeffentlich", "ende"]),
            models.Index(fields=["organisation", "beginn"]),
            models.Index(fields=["region", "beginn"]),
            models.Index(fields=["art", "beginn"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__gt=F("beginn")), name="veranstaltung_ende_nach_beginn"
            ),
            models.CheckConstraint(
                condition=Q(eintritt__gte=0), name="veranstaltung_eintritt_nicht_negativ"
            ),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("netzwerk:veranstaltung", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        fehler = {}
        if self.beginn and self.ende and self.ende <= self.beginn:
            fehler["ende"] = _("Das Ende muss nach dem Beginn liegen.")
        if self.eintritt is not None and self.eintritt < 0:
            fehler["eintritt"] = _("Der Eintritt kann nicht negativ sein.")
        if self.art == self.Art.ONLINESEMINAR and not self.online_link:
            fehler["online_link"] = _("Ein Online-Seminar braucht einen Link zur Teilnahme.")
        if self.art != self.Art.ONLINESEMINAR and not self.ort and not self.online_link:
            fehler["ort"] = _("Bitte einen Ort oder einen Link zur Online-Teilnahme angeben.")
        if not self.oeffentlich and not self.verteiler_id:
            fehler["verteiler"] = _(
                "Eine Veranstaltung nur für Mitglieder braucht den Verteiler, dessen Mitglieder "
                "eingeladen sind."
            )
        if self.termin_id and self.art != self.Art.NETZWERKTREFFEN:
            fehler["termin"] = _("Eine Tagesordnung aus einem Termin haben nur Netzwerktreffen.")
        if self.plaetze is not None and not self.anmeldung_erforderlich:
            fehler["plaetze"] = _("Plätze werden nur bei Veranstaltungen mit Anmeldung gezählt.")
        if fehler:
            raise ValidationError(fehler)

    @property
    def kostenlos(self) -> bool:
        return not self.eintritt

    @property
    def frei(self) -> int | None:
        """Free seats (needs ``mit_belegung()``); None without a limit."""
        if self.plaetze is None:
            return None
        return max(self.plaetze - self.belegt, 0)


class VeranstaltungsanmeldungQuerySet(ScopedQuerySet):
    policy = "netzwerk.permissions.VeranstaltungsanmeldungPolicy"

    def aktiv(self):
        return self.filter(status__in=(warteliste.ANGEMELDET, warteliste.WARTEND))


class Veranstaltungsanmeldung(Zeitstempel):
    """A person's registration for an event: a seat, the waiting list, or cancelled."""

    class Status(models.TextChoices):
        ANGEMELDET = warteliste.ANGEMELDET, _("angemeldet")
        WARTEND = warteliste.WARTEND, _("auf der Warteliste")
        ABGEMELDET = warteliste.ABGEMELDET, _("abgemeldet")

    veranstaltung = models.ForeignKey(
        Veranstaltung, on_delete=models.CASCADE, related_name="anmeldungen"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="veranstaltungsanmeldungen"
    )
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices)
    nachgerueckt_am = models.DateTimeField(_("nachgerückt am"), null=True, blank=True)
    abgemeldet_am = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)
    teilgenommen = models.BooleanField(_("teilgenommen"), default=False)

    objects = VeranstaltungsanmeldungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anmeldung zu einer Veranstaltung")
        verbose_name_plural = _("Anmeldungen zu Veranstaltungen")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["veranstaltung", "person"],
                condition=Q(status__in=["angemeldet", "wartend"]),
                name="veranstaltungsanmeldung_einmal",
            )
        ]
        indexes = [
            models.Index(fields=["veranstaltung", "status"]),
            models.Index(fields=["person", "status"]),
        ]

    def __str__(self):
        return f"{self.person} · {self.veranstaltung}"
