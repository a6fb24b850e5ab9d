"""Organisations of the network with their public profile (Steckbrief) and admission steps."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from common.models import Zeitstempel
from common.scoping import ScopedQuerySet
from common.texte import Mehrsprachig


class ArbeitsfeldQuerySet(ScopedQuerySet):
    policy = "common.scoping.OeffentlichPolicy"


class Arbeitsfeld(models.Model):
    """A field an organisation works in (education, counselling, culture, …): a catalogue."""

    name = models.CharField(_("Name"), max_length=100, unique=True)

    objects = ArbeitsfeldQuerySet.as_manager()

    class Meta:
        verbose_name = _("Arbeitsfeld")
        verbose_name_plural = _("Arbeitsfelder")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganisationQuerySet(ScopedQuerySet):
    policy = "netzwerk.permissions.OrganisationPolicy"

    def veroeffentlicht(self):
        return self.filter(steckbrief_freigegeben_am__isnull=False)


class Organisation(Mehrsprachig, Zeitstempel):
    """An organisation of the network: shelter operator, migrant organisation, project, …

    Its Steckbrief (profile) is public only while the organisation consents
    (``steckbrief_freigegeben_am``); the organisation's contact persons edit it.
    """

    uebersetzbare_felder = ("beschreibung", "angebote")

    class Art(models.TextChoices):
        TRAEGER = "traeger", _("Träger / Betreiber")
        MSO = "mso", _("Migrant*innenselbstorganisation")
        PROJEKT = "projekt", _("Projekt")
        BUENDNIS = "buendnis", _("Bündnis")
        VERWALTUNG = "verwaltung", _("Verwaltung")
        SONSTIGE = "sonstige", _("Sonstige")

    name = models.CharField(_("Name"), max_length=200, unique=True)
    art = models.CharField(_("Art"), max_length=12, choices=Art.choices, default=Art.TRAEGER)
    region = models.ForeignKey(
        "regionen.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisationen",
        verbose_name=_("Region"),
    )
    bezirk = models.ForeignKey(
        "regionen.Bezirk",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisationen",
        verbose_name=_("Bezirk"),
    )
    gemeinschaften = models.CharField(
        _("Communities"),
        max_length=200,
        blank=True,
        help_text=_("Zum Beispiel: syrische und irakische Familien, ukrainische Geflüchtete"),
    )
    sprachen = models.ManyToManyField(
        "common.Sprache", blank=True, related_name="organisationen", verbose_name=_("Sprachen")
    )
    arbeitsfelder = models.ManyToManyField(
        Arbeitsfeld, blank=True, related_name="organisationen", verbose_name=_("Arbeitsfelder")
    )
    beschreibung = models.TextField(_("Wer wir sind"), blank=True)
    angebote = models.TextField(_("Angebote"), blank=True)
    treffpunkt = models.CharField(_("Treffpunkt"), max_length=200, blank=True)
    satzung_liegt_vor = models.BooleanField(_("Satzung liegt vor"), default=False)
    satzung_datum = models.DateField(_("Satzung vom"), null=True, blank=True)
    aufgenommen_am = models.DateField(_("ins Netzwerk aufgenommen am"), null=True, blank=True)
    steckbrief_freigegeben_am = models.DateTimeField(
        _("Steckbrief freigegeben am"), null=True, blank=True, db_index=True
    )
    kontakt_name = models.CharField(_("Ansprechperson"), max_length=150, blank=True)
    kontakt_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    kontakt_telefon = models.CharField(_("Telefon der Ansprechperson"), max_length=40, blank=True)
    website = models.URLField(_("Website"), blank=True)
    # The postal address goes on letters the organisation issues (e.g. for a police clearance).
    strasse = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    plz = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    ort = models.CharField(_("Ort"), max_length=100, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        permissions = [("vertreten", _("Organisation vertreten (Organisationskontakt)"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("netzwerk:organisation", kwargs={"pk": self.pk})

    @property
    def veroeffentlicht(self) -> bool:
        return self.steckbrief_freigegeben_am is not None

    def aufnahme_erledigt(self) -> set[str]:
        return {schritt.schritt for schritt in self.aufnahmeschritte.all()}


class AufnahmeschrittQuerySet(ScopedQuerySet):
    policy = "netzwerk.permissions.AufnahmeschrittPolicy"


class Aufnahmeschritt(models.Model):
    """One step of admitting an organisation to the network, with date and acting person.

    The steps follow the practice of municipal integration offices, in this order.
    """

    class Schritt(models.TextChoices):
        ERSTKONTAKT = "erstkontakt", _("Erstkontakt festgehalten")
        ERKLAERT = "erklaert", _("Netzwerk und Regeln erklärt")
        SATZUNG = "satzung", _("Satzung erfasst")
        VERTEILER = "verteiler", _("Zustimmung zum Verteiler")
        EINGELADEN = "eingeladen", _("Zum nächsten Netzwerktreffen eingeladen")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="aufnahmeschritte"
    )
    schritt = models.CharField(_("Schritt"), max_length=12, choices=Schritt.choices)
    datum = models.DateField(_("Datum"))
    erledigt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("erledigt von"),
    )
    notiz = models.TextField(_("Notiz"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AufnahmeschrittQuerySet.as_manager()

    class Meta:
        verbose_name = _("Aufnahmeschritt")
        verbose_name_plural = _("Aufnahmeschritte")
        ordering = ["organisation", "datum", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "schritt"], name="aufnahmeschritt_einmal"
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.get_schritt_display()}"


class OrganisationUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK grant table: the contact persons of an organisation."""

    content_object = models.ForeignKey(Organisation, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("Organisationsrecht einer Person")
        verbose_name_plural = _("Organisationsrechte von Personen")


class OrganisationGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Organisation, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("Organisationsrecht einer Gruppe")
        verbose_name_plural = _("Organisationsrechte von Gruppen")
