from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from common.models import Zeitstempel
from common.scoping import ScopedQuerySet


class OrganisationQuerySet(ScopedQuerySet):
    policy = "netzwerk.permissions.OrganisationPolicy"


class Organisation(Zeitstempel):
    """An organisation of the network: shelter operator, migrant organisation, project, …"""

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
