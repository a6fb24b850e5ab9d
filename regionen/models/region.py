from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from common.aggregate import subquery_anzahl
from common.models import Zeitstempel
from common.scoping import ScopedQuerySet, holders

#: the grant a regional coordination holds on its region (guardian codename); the policy
#: in permissions.py and the coordinators' column here both read it
KOORDINIEREN = "koordinieren"


def pfad_glied(pk: int) -> str:
    """One step of a region's path: its key, padded to a fixed width."""
    return f"{pk:010d}"


class RegionQuerySet(ScopedQuerySet):
    policy = "regionen.permissions.RegionPolicy"

    def subtree_of(self, pfade):
        """Regions at or below any of the given materialised paths."""
        query = models.Q()
        for pfad in pfade:
            query |= models.Q(pfad__startswith=pfad)
        return self.filter(query) if pfade else self.none()

    def mit_sichtbarer_oberregion(self, user):
        """Adds ``oberregion_sichtbar``: whether the user may see the parent region too.

        A coordinator of Nord sees Nord, not Berlin above it; pages show the parent only
        when this is true.
        """
        sichtbar = Region.objects.for_user(user).filter(pk=models.OuterRef("oberregion_id"))
        return self.annotate(oberregion_sichtbar=models.Exists(sichtbar))

    def mit_kennzahlen(self):
        """Adds district and coordinator counts in the same query (no per-row queries)."""
        bezirke = Bezirk.objects.filter(region=models.OuterRef("pk"))
        koordination = holders(Region, KOORDINIEREN, models.OuterRef("pk"))
        return self.annotate(
            anzahl_bezirke=subquery_anzahl(bezirke),
            anzahl_koordination=subquery_anzahl(koordination),
        )


class Region(Zeitstempel):
    """A node in the tree state → city → region; a grant on a node covers everything below."""

    class Art(models.TextChoices):
        LAND = "land", _("Bundesland")
        STADT = "stadt", _("Stadt oder Landkreis")
        REGION = "region", _("Region")

    name = models.CharField(_("Name"), max_length=120)
    slug = models.SlugField(_("Kurzname"), max_length=120, unique=True)
    art = models.CharField(_("Art"), max_length=10, choices=Art.choices, default=Art.REGION)
    oberregion = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="unterregionen",
        verbose_name=_("gehört zu"),
    )
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    # Materialised path of primary keys ("/0000000001/0000000004/"): subtree queries by
    # prefix, no recursion. The keys are padded so that ordering by the path lists a region
    # before its subregions and siblings in the order they were made (unpadded, "/10/" would
    # come before "/9/").
    pfad = models.CharField(max_length=255, editable=False, db_index=True, default="")

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Region")
        verbose_name_plural = _("Regionen")
        ordering = ["pfad"]
        permissions = [("koordinieren", _("Region koordinieren (Regionalkoordination)"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("regionen:detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        # The new parent must not lie in this region's own subtree (that would be a cycle).
        if self.pfad and self.oberregion_id and self.oberregion.pfad.startswith(self.pfad):
            raise ValidationError(
                {"oberregion": _("Eine Region kann nicht unter sich selbst liegen.")}
            )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        eltern = self.oberregion.pfad if self.oberregion_id else "/"
        neu = f"{eltern}{pfad_glied(self.pk)}/"
        if neu != self.pfad:
            alt, self.pfad = self.pfad, neu
            Region.objects.filter(pk=self.pk).update(pfad=neu)
            if alt:
                Region.objects.filter(pfad__startswith=alt).exclude(pk=self.pk).update(
                    pfad=Concat(Value(neu), Substr("pfad", len(alt) + 1))
                )

    def vorfahren_und_selbst(self):
        ids = [int(teil) for teil in self.pfad.strip("/").split("/") if teil]
        return Region.objects.filter(pk__in=ids)


class BezirkQuerySet(ScopedQuerySet):
    policy = "regionen.permissions.BezirkPolicy"


class Bezirk(models.Model):
    """A district; public information, shown to volunteers instead of shelter addresses."""

    name = models.CharField(_("Name"), max_length=120)
    slug = models.SlugField(_("Kurzname"), max_length=120, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="bezirke", verbose_name=_("Region")
    )

    objects = BezirkQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bezirk")
        verbose_name_plural = _("Bezirke")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="regionen_bezirk_name_unique")
        ]

    def __str__(self):
        return self.name


class RegionUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK grant table: the Regionalkoordination of a region."""

    content_object = models.ForeignKey(Region, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("Regionsrecht einer Person")
        verbose_name_plural = _("Regionsrechte von Personen")


class RegionGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Region, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("Regionsrecht einer Gruppe")
        verbose_name_plural = _("Regionsrechte von Gruppen")
