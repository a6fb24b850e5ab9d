from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from common.models import Sprache, Wochentag, Zeitstempel
from common.scoping import ScopedQuerySet, holders
from common.texte import Mehrsprachig

#: the grant a shelter coordination holds on its shelter (guardian codename); the
#: policy in permissions.py and the coordinators' columns here both read it
KOORDINIEREN = "koordinieren"


class KatalogQuerySet(ScopedQuerySet):
    policy = "common.scoping.OeffentlichPolicy"


#: the largest shelters (reception centres) hold a few thousand people
KAPAZITAET_MAX = 10000


class Katalog(models.Model):
    """A list an admin extends in the Django admin (kinds, fields of activity, …)."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=60, unique=True)

    objects = KatalogQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Unterkunftsart(Katalog):
    kuerzel = models.CharField(_("Kürzel"), max_length=10, blank=True)

    class Meta(Katalog.Meta):
        verbose_name = _("Art der Unterkunft")
        verbose_name_plural = _("Arten von Unterkünften")


class Anforderungsart(Katalog):
    """A kind of check volunteers must pass, with its rules as data (DOMAIN.md)."""

    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    rechtsgrundlage = models.CharField(_("Rechtsgrundlage"), max_length=80, blank=True)
    hoechstalter_bei_vorlage_tage = models.PositiveIntegerField(
        _("höchstens so viele Tage alt bei Vorlage"), null=True, blank=True
    )
    gueltigkeit_monate = models.PositiveIntegerField(
        _("gültig für Monate (dann erneuern)"), null=True, blank=True
    )
    gilt_fuer_geboren_ab = models.DateField(
        _("gilt nur für Personen geboren ab"), null=True, blank=True
    )

    class Meta(Katalog.Meta):
        verbose_name = _("Anforderungsart")
        verbose_name_plural = _("Anforderungsarten")


class Taetigkeitsfeld(Katalog):
    hinweis = models.TextField(
        _("Hinweis zu den Grenzen der Rolle"),
        blank=True,
        help_text=_("Zum Beispiel: Freiwillige geben keine Rechtsberatung zum Asylverfahren."),
    )
    anforderungen = models.ManyToManyField(
        Anforderungsart,
        blank=True,
        related_name="taetigkeitsfelder",
        verbose_name=_("Anforderungen für dieses Feld"),
    )

    class Meta(Katalog.Meta):
        verbose_name = _("Tätigkeitsfeld")
        verbose_name_plural = _("Tätigkeitsfelder")


class UnterkunftQuerySet(ScopedQuerySet):
    policy = "unterkuenfte.permissions.UnterkunftPolicy"

    def mit_bedarfszahlen(self):
        """Open needs, helpers wanted and helpers accepted per shelter, in the same query."""
        offen = Bedarf.objects.offen().filter(unterkunft=models.OuterRef("pk"))
        return self.annotate(
            offene_bedarfe=_subquery_aggregate(offen, models.Count("pk")),
            gesucht=_subquery_aggregate(offen, models.Sum("anzahl_helfende")),
            besetzt=_subquery_aggregate(offen, models.Sum("anzahl_besetzt")),
        ).annotate(
            # share of wanted helpers already accepted, in percent; empty without open needs
            fuellgrad_prozent=models.Case(
                models.When(gesucht=0, then=None),
                default=F("besetzt") * 100 / F("gesucht"),
                output_field=models.IntegerField(),
            )
        )

    def mit_letzter_anmeldung(self):
        """Adds the most recent login of any of the shelter's coordinators."""
        anmeldungen = (
            holders(Unterkunft, KOORDINIEREN, models.OuterRef("pk"))
            .order_by("-last_login")
            .values("last_login")[:1]
        )
        return self.annotate(letzte_anmeldung=models.Subquery(anmeldungen))

    def mit_sichtbarer_adresse(self, user):
        """Adds ``adresse_sichtbar``: may this user read the street address of the row?"""
        sichtbar = Unterkunft.objects.for_user(user, "address").filter(pk=models.OuterRef("pk"))
        return self.annotate(adresse_sichtbar=models.Exists(sichtbar))


def _subquery_aggregate(queryset, aggregate):
    """One aggregate over a correlated subquery, 0 when it has no rows."""
    return models.functions.Coalesce(
        models.Subquery(
            queryset.order_by().values("unterkunft").annotate(wert=aggregate).values("wert")[:1],
            output_field=models.IntegerField(),
        ),
        0,
    )


class Unterkunft(Zeitstempel):
    class Status(models.TextChoices):
        IN_BETRIEB = "in_betrieb", _("in Betrieb")
        SCHLIESST = "schliesst", _("schließt")
        GESCHLOSSEN = "geschlossen", _("geschlossen")

    name = models.CharField(_("Name"), max_length=200)
    betreiber = models.ForeignKey(
        "netzwerk.Organisation",
        on_delete=models.PROTECT,
        related_name="unterkuenfte",
        verbose_name=_("Betreiber"),
    )
    region = models.ForeignKey(
        "regionen.Region",
        on_delete=models.PROTECT,
        related_name="unterkuenfte",
        verbose_name=_("Region"),
    )
    bezirk = models.ForeignKey(
        "regionen.Bezirk",
        on_delete=models.PROTECT,
        related_name="unterkuenfte",
        verbose_name=_("Bezirk"),
    )
    art = models.ForeignKey(
        Unterkunftsart, on_delete=models.PROTECT, related_name="unterkuenfte", verbose_name=_("Art")
    )
    kapazitaet = models.PositiveIntegerField(
        _("Kapazität (Plätze)"), validators=[MaxValueValidator(KAPAZITAET_MAX)]
    )
    belegung = models.PositiveIntegerField(_("aktuelle Belegung"), default=0)
    sprachen = models.ManyToManyField(
        Sprache,
        blank=True,
        related_name="unterkuenfte",
        verbose_name=_("Sprachen der Bewohner*innen"),
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.IN_BETRIEB
    )
    in_betrieb_seit = models.DateField(_("in Betrieb seit"), null=True, blank=True)
    schliessung_am = models.DateField(_("Schließung am"), null=True, blank=True)
    beschreibung = models.TextField(_("öffentliche Beschreibung"), blank=True)
    # The street address is sensitive: see UnterkunftPolicy, action "address".
    strasse = models.CharField(_("Straße und Hausnummer"), max_length=200)
    plz = models.CharField(_("Postleitzahl"), max_length=5)
    ort = models.CharField(_("Ort"), max_length=100, default="Berlin")
    ek_name = models.CharField(_("Ehrenamtskoordination: Name"), max_length=150, blank=True)
    ek_email = models.EmailField(_("Ehrenamtskoordination: E-Mail"), blank=True)
    ek_telefon = models.CharField(_("Ehrenamtskoordination: Telefon"), max_length=40, blank=True)
    anforderungen = models.ManyToManyField(
        Anforderungsart,
        blank=True,
        related_name="unterkuenfte",
        verbose_name=_("Anforderungen an alle Freiwilligen"),
    )

    objects = UnterkunftQuerySet.as_manager()

    class Meta:
        verbose_name = _("Unterkunft")
        verbose_name_plural = _("Unterkünfte")
        ordering = ["name"]
        permissions = [("koordinieren", _("Unterkunft koordinieren (Ehrenamtskoordination)"))]
        indexes = [
            models.Index(fields=["region", "status"]),
            models.Index(fields=["bezirk", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(belegung__lte=F("kapazitaet")), name="unterkunft_belegung_le_kapazitaet"
            ),
            models.CheckConstraint(
                condition=Q(schliessung_am__isnull=True)
                | Q(in_betrieb_seit__isnull=True)
                | Q(schliessung_am__gte=F("in_betrieb_seit")),
                name="unterkunft_schliessung_nach_beginn",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("unterkuenfte:detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        errors = {}
        # A negative capacity has an error of its own; comparing against it only adds noise.
        if (
            self.kapazitaet is not None
            and self.kapazitaet >= 0
            and self.belegung is not None
            and self.belegung > self.kapazitaet
        ):
            errors["belegung"] = _(
                "Die Belegung (%(belegung)s) kann nicht über der Kapazität (%(kapazitaet)s) liegen."
            ) % {"belegung": self.belegung, "kapazitaet": self.kapazitaet}
        if (
            self.in_betrieb_seit
            and self.schliessung_am
            and self.schliessung_am < self.in_betrieb_seit
        ):
            errors["schliessung_am"] = _("Die Schließung kann nicht vor der Inbetriebnahme liegen.")
        if self.bezirk_id and self.region_id and self.bezirk.region_id != self.region_id:
            errors["bezirk"] = _("Der Bezirk gehört nicht zur gewählten Region.")
        if errors:
            raise ValidationError(errors)

    @property
    def adresse(self) -> str:
        return f"{self.strasse}, {self.plz} {self.ort}"


class UnterkunftUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK grant table: the shelter's volunteer coordination (Ehrenamtskoordination)."""

    content_object = models.ForeignKey(Unterkunft, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("Unterkunftsrecht einer Person")
        verbose_name_plural = _("Unterkunftsrechte von Personen")


class UnterkunftGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Unterkunft, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("Unterkunftsrecht einer Gruppe")
        verbose_name_plural = _("Unterkunftsrechte von Gruppen")


class BedarfQuerySet(ScopedQuerySet):
    policy = "unterkuenfte.permissions.BedarfPolicy"

    def offen(self):
        """Needs still looking for helpers (``BEDARF_OFFEN``)."""
        return self.filter(BEDARF_OFFEN)

    def oeffentlich(self):
        """Open needs, except those of closed shelters: what the public board shows."""
        return self.offen().filter(
            Q(unterkunft__isnull=True) | ~Q(unterkunft__status=Unterkunft.Status.GESCHLOSSEN)
        )


def ort_von(anbieter) -> tuple[int | None, int | None]:
    """(region id, district id) where a shelter or an organisation works; an organisation
    that named only its district works in that district's region."""
    region_id = anbieter.region_id
    if region_id is None and anbieter.bezirk_id:
        region_id = anbieter.bezirk.region_id
    return region_id, anbieter.bezirk_id


class Bedarf(Mehrsprachig, Zeitstempel):
    """A need: a task, languages, times and the number of helpers.

    A shelter posts it, or an organisation of the network does (a call for helpers, an
    Aufruf); both go the same way through the board, matching, applications and assignments.
    """

    uebersetzbare_felder = ("titel", "beschreibung")

    class Status(models.TextChoices):
        OFFEN = "offen", _("offen")
        BESETZT = "besetzt", _("besetzt")
        PAUSIERT = "pausiert", _("pausiert")
        GESCHLOSSEN = "geschlossen", _("geschlossen")

    # exactly one poster: a shelter or an organisation
    unterkunft = models.ForeignKey(
        Unterkunft,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="bedarfe",
        verbose_name=_("Unterkunft"),
    )
    organisation = models.ForeignKey(
        "netzwerk.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="aufrufe",
        verbose_name=_("Organisation"),
    )
    # Where the help is needed, copied from the poster on every save (and when the poster
    # moves): board, matching and reports filter on it whoever posted.
    region = models.ForeignKey(
        "regionen.Region",
        on_delete=models.PROTECT,
        related_name="bedarfe",
        editable=False,
        verbose_name=_("Region"),
    )
    bezirk = models.ForeignKey(
        "regionen.Bezirk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bedarfe",
        editable=False,
        verbose_name=_("Bezirk"),
    )
    titel = models.CharField(_("Titel"), max_length=150)
    taetigkeitsfeld = models.ForeignKey(
        Taetigkeitsfeld,
        on_delete=models.PROTECT,
        related_name="bedarfe",
        verbose_name=_("Tätigkeitsfeld"),
    )
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    sprachen = models.ManyToManyField(
        Sprache, blank=True, related_name="bedarfe", verbose_name=_("benötigte Sprachen")
    )
    anzahl_helfende = models.PositiveSmallIntegerField(
        _("Anzahl gesuchter Helfer*innen"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    anzahl_besetzt = models.PositiveSmallIntegerField(_("davon besetzt"), default=0, editable=False)
    einmalig_am = models.DateField(_("einmaliger Termin am"), null=True, blank=True)
    beginn = models.DateField(_("Beginn"), default=timezone.localdate)
    ende = models.DateField(_("Ende"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.OFFEN, db_index=True
    )
    zusaetzliche_anforderungen = models.ManyToManyField(
        Anforderungsart,
        blank=True,
        related_name="bedarfe",
        verbose_name=_("zusätzliche Anforderungen für diese Aufgabe"),
    )

    objects = BedarfQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bedarf")
        verbose_name_plural = _("Bedarfe")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["unterkunft", "status"]),
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["region", "status"]),
            models.Index(fields=["bezirk", "status"]),
            models.Index(fields=["taetigkeitsfeld", "status"]),
            models.Index(fields=["status", "ende"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__isnull=True) | Q(ende__gte=F("beginn")),
                name="bedarf_ende_nach_beginn",
            ),
            models.CheckConstraint(
                condition=Q(unterkunft__isnull=False, organisation__isnull=True)
                | Q(unterkunft__isnull=True, organisation__isnull=False),
                name="bedarf_genau_ein_anbieter",
            ),
        ]

    def __str__(self):
        return self.titel

    @property
    def anbieter(self):
        """Who posted the need: the shelter, or the organisation calling for helpers."""
        return self.unterkunft if self.unterkunft_id else self.organisation

    @property
    def ist_aufruf(self) -> bool:
        return self.organisation_id is not None

    def get_absolute_url(self):
        if self.ist_aufruf:
            ziel = reverse("unterkuenfte:aufrufe", kwargs={"pk": self.organisation_id})
        else:
            ziel = reverse("unterkuenfte:detail", kwargs={"pk": self.unterkunft_id})
        return f"{ziel}#bedarf-{self.pk}"

    def save(self, *args, **kwargs):
        if self.unterkunft_id or self.organisation_id:
            self.region_id, self.bezirk_id = ort_von(self.anbieter)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.organisation_id and ort_von(self.organisation)[0] is None:
            raise ValidationError(
                _(
                    "Tragen Sie im Steckbrief Ihrer Organisation zuerst Region oder Bezirk ein: "
                    "Freiwillige finden Aufrufe über ihren Ort."
                )
            )
        if self.ende and self.beginn and self.ende < self.beginn:
            raise ValidationError({"ende": _("Das Ende kann nicht vor dem Beginn liegen.")})
        if self.einmalig_am and self.beginn and self.einmalig_am < self.beginn:
            raise ValidationError(
                {"einmalig_am": _("Der einmalige Termin kann nicht vor dem Beginn liegen.")}
            )
        if self.anzahl_helfende is not None and self.anzahl_helfende < self.anzahl_besetzt:
            # fewer places than people at work would read "3 von 2 besetzt"
            raise ValidationError(
                {
                    "anzahl_helfende": ngettext(
                        "%(n)d Platz ist schon besetzt: so viele Helfer*innen sucht der "
                        "Bedarf mindestens, bis ein Einsatz endet.",
                        "%(n)d Plätze sind schon besetzt: so viele Helfer*innen sucht der "
                        "Bedarf mindestens, bis Einsätze enden.",
                        self.anzahl_besetzt,
                    )
                    % {"n": self.anzahl_besetzt}
                }
            )

    def anforderungen_gesamt(self) -> list:
        """Every requirement for this need: the shelter's, the field's and the need's own."""
        return sorted(
            {
                *(self.unterkunft.anforderungen.all() if self.unterkunft_id else ()),
                *self.taetigkeitsfeld.anforderungen.all(),
                *self.zusaetzliche_anforderungen.all(),
            },
            key=lambda art: art.name,
        )

    @property
    def fuellgrad(self) -> int:
        """Share of wanted helpers already accepted, in percent."""
        return min(100, round(100 * self.anzahl_besetzt / self.anzahl_helfende))


#: an open need: still looking for helpers. The one definition that the dashboard, the
#: board, the digests, "Freiwillige in Zahlen" and the region reports count by.
BEDARF_OFFEN = Q(status=Bedarf.Status.OFFEN)


def fuellgrad(besetzt, gesucht) -> int | None:
    """Share of the wanted helpers already accepted, in percent; None when none are wanted.
    The fill rate of a region's open needs on its dashboard and in its digest."""
    return round((besetzt or 0) * 100 / gesucht) if gesucht else None


class Zeitfenster(models.Model):
    """A weekly time slot of a need: weekday and time range."""

    bedarf = models.ForeignKey(
        Bedarf, on_delete=models.CASCADE, related_name="zeitfenster", verbose_name=_("Bedarf")
    )
    wochentag = models.PositiveSmallIntegerField(_("Wochentag"), choices=Wochentag.choices)
    von = models.TimeField(_("von"))
    bis = models.TimeField(_("bis"))

    class Meta:
        verbose_name = _("Zeitfenster")
        verbose_name_plural = _("Zeitfenster")
        ordering = ["wochentag", "von"]
        indexes = [models.Index(fields=["wochentag", "bedarf"])]
        constraints = [
            models.CheckConstraint(condition=Q(bis__gt=F("von")), name="zeitfenster_bis_nach_von")
        ]

    def __str__(self):
        return f"{self.get_wochentag_display()} {self.von:%H:%M}–{self.bis:%H:%M}"

    def clean(self):
        super().clean()
        if self.von and self.bis and self.bis <= self.von:
            raise ValidationError({"bis": _("Das Ende muss nach dem Anfang liegen.")})


class HausverbotQuerySet(ScopedQuerySet):
    policy = "unterkuenfte.permissions.HausverbotPolicy"

    def aktiv(self, stichtag=None):
        tag = stichtag or timezone.localdate()
        return self.filter(von__lte=tag, bis__gte=tag).filter(
            Q(beendet_am__isnull=True) | Q(beendet_am__gt=tag)
        )


class Hausverbot(Zeitstempel):
    """A time-limited access ban of one person at one shelter. The reason is confidential."""

    unterkunft = models.ForeignKey(
        Unterkunft,
        on_delete=models.CASCADE,
        related_name="hausverbote",
        verbose_name=_("Unterkunft"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="hausverbote",
        verbose_name=_("Person"),
    )
    von = models.DateField(_("gilt ab"), default=timezone.localdate)
    bis = models.DateField(_("gilt bis"))
    grund = models.TextField(_("Grund (nur für Koordination und Regionalkoordination sichtbar)"))
    beendet_am = models.DateField(_("vorzeitig beendet am"), null=True, blank=True)
    erteilt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("erteilt von"),
    )

    objects = HausverbotQuerySet.as_manager()

    class Meta:
        verbose_name = _("Hausverbot")
        verbose_name_plural = _("Hausverbote")
        ordering = ["-von"]
        indexes = [models.Index(fields=["unterkunft", "person", "bis"])]
        constraints = [
            models.CheckConstraint(condition=Q(bis__gte=F("von")), name="hausverbot_bis_nach_von")
        ]

    def __str__(self):
        return f"{self.person} · {self.unterkunft}"

    def clean(self):
        super().clean()
        if self.von and self.bis and self.bis < self.von:
            raise ValidationError({"bis": _("Das Ende kann nicht vor dem Beginn liegen.")})
