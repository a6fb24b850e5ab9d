"""Distribution lists (Verteiler) of a network, their members, messages and history.

Members are organisations (reached through their contact address and contact persons) or
individual users. A member without activity for ``inaktiv_nach_monaten`` is marked
inactive and warned; after ``karenz_tage`` more it leaves the list; a removal can be undone
for ``WIEDERHERSTELLEN_TAGE`` days. Every step leaves a ``Verteilerereignis``.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.models import Zeitstempel
from common.scoping import ScopedQuerySet

#: a removal can be undone for this many days
WIEDERHERSTELLEN_TAGE = 30


def _token() -> str:
    return secrets.token_urlsafe(24)


# defaults read at creation time, so a changed setting needs no migration
def _inaktiv_nach_monaten() -> int:
    return settings.VERTEILER_INAKTIV_NACH_MONATEN


def _karenz_tage() -> int:
    return settings.VERTEILER_KARENZ_TAGE


class VerteilerQuerySet(ScopedQuerySet):
    policy = "netzwerk.permissions.VerteilerPolicy"


class Verteiler(Zeitstempel):
    """A distribution list of a city or region, run by its network coordination or by an
    organisation (an alliance running its own network)."""

    name = models.CharField(_("Name"), max_length=150)
    region = models.ForeignKey(
        "regionen.Region",
        on_delete=models.PROTECT,
        related_name="verteiler",
        verbose_name=_("Stadt oder Region"),
    )
    organisation = models.ForeignKey(
        "netzwerk.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verteiler",
        verbose_name=_("geführt von der Organisation"),
        help_text=_("Leer: die Netzwerkkoordination der Region führt den Verteiler."),
    )
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    inaktiv_nach_monaten = models.PositiveSmallIntegerField(
        _("inaktiv nach Monaten ohne Aktivität"),
        default=_inaktiv_nach_monaten,
    )
    karenz_tage = models.PositiveSmallIntegerField(
        _("Tage zwischen Warnung und Austragung"), default=_karenz_tage
    )

    objects = VerteilerQuerySet.as_manager()

    class Meta:
        verbose_name = _("Verteiler")
        verbose_name_plural = pgettext_lazy("Mehrzahl", "Verteiler")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("netzwerk:verteiler", kwargs={"pk": self.pk})


class MitgliedschaftQuerySet(ScopedQuerySet):
    policy = "netzwerk.permissions.MitgliedschaftPolicy"

    def auf_der_liste(self):
        """Members who receive the list's messages (inactive ones still do until removal)."""
        return self.filter(status__in=(Mitgliedschaft.Status.AKTIV, Mitgliedschaft.Status.INAKTIV))


class Mitgliedschaft(Zeitstempel):
    """An organisation or a person on a distribution list."""

    class Status(models.TextChoices):
        AKTIV = "aktiv", _("aktiv")
        INAKTIV = "inaktiv", _("inaktiv, gewarnt")
        ENTFERNT = "entfernt", _("ausgetragen wegen Inaktivität")
        ABGEMELDET = "abgemeldet", _("selbst abgemeldet")

    class Aktivitaet(models.TextChoices):
        BEITRITT = "beitritt", _("aufgenommen")
        TREFFEN = "treffen", _("an einem Treffen teilgenommen")
        ANMELDUNG = "anmeldung", _("zu einer Veranstaltung angemeldet")
        ANTWORT = "antwort", _("geantwortet")
        LOGIN = "login", _("angemeldet auf der Plattform")
        BESTAETIGT = "bestaetigt", _("Mitgliedschaft bestätigt")

    verteiler = models.ForeignKey(
        Verteiler, on_delete=models.CASCADE, related_name="mitgliedschaften"
    )
    organisation = models.ForeignKey(
        "netzwerk.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mitgliedschaften",
        verbose_name=_("Organisation"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="verteiler_mitgliedschaften",
        verbose_name=_("Person"),
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.AKTIV
    )
    letzte_aktivitaet = models.DateTimeField(_("letzte Aktivität"))
    letzte_aktivitaet_art = models.CharField(
        _("Art der letzten Aktivität"),
        max_length=12,
        choices=Aktivitaet.choices,
        default=Aktivitaet.BEITRITT,
    )
    gewarnt_am = models.DateTimeField(_("gewarnt am"), null=True, blank=True)
    entfernt_am = models.DateTimeField(_("ausgetragen am"), null=True, blank=True)
    abmeldetoken = models.CharField(max_length=40, unique=True, default=_token, editable=False)

    objects = MitgliedschaftQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mitgliedschaft im Verteiler")
        verbose_name_plural = _("Mitgliedschaften im Verteiler")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=True, person__isnull=False)
                | Q(organisation__isnull=False, person__isnull=True),
                name="mitgliedschaft_organisation_oder_person",
            ),
            models.UniqueConstraint(
                fields=["verteiler", "organisation"],
                condition=Q(organisation__isnull=False),
                name="mitgliedschaft_organisation_einmal",
            ),
            models.UniqueConstraint(
                fields=["verteiler", "person"],
                condition=Q(person__isnull=False),
                name="mitgliedschaft_person_einmal",
            ),
        ]
        indexes = [
            # the daily inactivity run: members of a status, oldest activity first
            models.Index(fields=["status", "letzte_aktivitaet"]),
            models.Index(fields=["status", "gewarnt_am"]),
        ]

    def __str__(self):
        return str(self.organisation or self.person)

    @property
    def name(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return self.person.anzeigename or self.person.email

    def empfaenger(self, kontaktpersonen=()) -> list[str]:
        """Where the list's mail goes: the organisation's contact address and the addresses
        of its contact persons on the platform (``kontaktpersonen``, read by the sender
        for a whole chunk), or the person's address."""
        if self.organisation_id:
            adressen = [self.organisation.kontakt_email, *kontaktpersonen]
        else:
            adressen = [self.person.email]
        eindeutig = {adresse.casefold(): adresse for adresse in reversed(adressen) if adresse}
        return list(reversed(eindeutig.values()))


class Verteilerereignis(models.Model):
    """The history of a membership: joined, active, marked inactive, removed, undone, …"""

    class Art(models.TextChoices):
        AUFGENOMMEN = "aufgenommen", _("aufgenommen")
        AKTIV = "aktiv", _("wieder aktiv")
        INAKTIV = "inaktiv", _("als inaktiv markiert und gewarnt")
        ENTFERNT = "entfernt", _("wegen Inaktivität ausgetragen")
        WIEDERHERGESTELLT = "wiederhergestellt", _("Austragung rückgängig gemacht")
        ABGEMELDET = "abgemeldet", _("selbst abgemeldet")
        ANTWORT = "antwort", _("Rückmeldung vermerkt")

    mitgliedschaft = models.ForeignKey(
        Mitgliedschaft, on_delete=models.CASCADE, related_name="ereignisse"
    )
    art = models.CharField(_("Ereignis"), max_length=20, choices=Art.choices)
    akteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("durch"),
    )
    zeit = models.DateTimeField(_("Zeit"), auto_now_add=True)
    notiz = models.CharField(_("Notiz"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Verteilerereignis")
        verbose_name_plural = _("Verteilerereignisse")
        ordering = ["-zeit", "-pk"]

    def __str__(self):
        return f"{self.mitgliedschaft} · {self.get_art_display()}"


class VerteilernachrichtQuerySet(ScopedQuerySet):
    policy = "netzwerk.permissions.VerteilernachrichtPolicy"


class Verteilernachricht(models.Model):
    """A message to everyone on a list; the worker sends it, one ledger row per member."""

    verteiler = models.ForeignKey(Verteiler, on_delete=models.CASCADE, related_name="nachrichten")
    betreff = models.CharField(_("Betreff"), max_length=200)
    text = models.TextField(_("Text"))
    absender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VerteilernachrichtQuerySet.as_manager()

    class Meta:
        verbose_name = _("Nachricht an einen Verteiler")
        verbose_name_plural = _("Nachrichten an Verteiler")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.betreff


class Zustellung(models.Model):
    """The send ledger: one row per message (or warning) and member, written before sending.

    ``gesendet_am`` is set once the mail server took the mail, so a retried or redelivered
    task sends only what is still open and never twice.
    """

    class Art(models.TextChoices):
        NACHRICHT = "nachricht", _("Nachricht")
        WARNUNG = "warnung", _("Warnung wegen Inaktivität")

    mitgliedschaft = models.ForeignKey(
        Mitgliedschaft, on_delete=models.CASCADE, related_name="zustellungen"
    )
    art = models.CharField(max_length=10, choices=Art.choices)
    nachricht = models.ForeignKey(
        Verteilernachricht,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="zustellungen",
    )
    #: for warnings: the day the member was marked inactive (one warning per marking)
    anlass = models.CharField(max_length=40, blank=True)
    gesendet_am = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Zustellung")
        verbose_name_plural = _("Zustellungen")
        constraints = [
            models.UniqueConstraint(
                fields=["nachricht", "mitgliedschaft"],
                condition=Q(art="nachricht"),
                name="zustellung_nachricht_einmal",
            ),
            models.UniqueConstraint(
                fields=["mitgliedschaft", "anlass"],
                condition=Q(art="warnung"),
                name="zustellung_warnung_einmal",
            ),
        ]
        indexes = [models.Index(fields=["gesendet_am", "art"])]

    def __str__(self):
        return f"{self.get_art_display()} · {self.mitgliedschaft}"
