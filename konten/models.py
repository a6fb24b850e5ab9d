import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken, AuthTokenManager
from knox.settings import CONSTANTS

from common.scoping import ScopedQuerySet

from .roles import alle_rollen


class UserQuerySet(ScopedQuerySet):
    policy = "konten.permissions.UserPolicy"


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # E-mail addresses are compared without case, as people type them.
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    anzeigename = models.CharField(_("Anzeigename"), max_length=150)
    sprache = models.CharField(
        _("Bevorzugte Sprache"), max_length=10, choices=settings.LANGUAGES, default="de"
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(
        _("Plattform-Admin"),
        default=False,
        help_text=_("Sieht und ändert alles und darf die Verwaltungsoberfläche benutzen."),
    )
    date_joined = models.DateTimeField(_("registriert am"), default=timezone.now)
    #: when the retention schedule warned that the unused account will be erased
    #: (konten/aufbewahrung.py); a sign-in after it keeps the account
    inaktivitaet_gewarnt_am = models.DateTimeField(
        _("wegen Inaktivität gewarnt am"), null=True, blank=True, editable=False
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["anzeigename"]

    class Meta:
        verbose_name = _("Konto")
        verbose_name_plural = _("Konten")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="konten_user_email_ci_unique"),
        ]
        indexes = [
            # the few deactivated accounts, excluded from matching without touching the rest
            models.Index(fields=["id"], condition=Q(is_active=False), name="konten_user_inaktiv"),
        ]

    def __str__(self):
        return self.anzeigename or self.email

    def save(self, *args, **kwargs):
        # A new password (changed, reset, set in the admin) or a deactivated account ends
        # every API token: no client keeps working on credentials that are gone.
        zugaenge_beenden = self.pk is not None and (
            self._password is not None or not self.is_active
        )
        super().save(*args, **kwargs)
        if zugaenge_beenden:
            self.auth_token_set.all().delete()

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.anzeigename

    def get_short_name(self):
        return self.anzeigename


def _einladung_ablauf():
    return timezone.now() + timedelta(days=settings.EINLADUNG_GUELTIG_TAGE)


class EinladungQuerySet(ScopedQuerySet):
    policy = "konten.permissions.EinladungPolicy"


class Einladung(models.Model):
    """An invitation of an e-mail address into one role, optionally on one object (scope).

    The link carries a signed id, not a stored secret; it works once (``angenommen_am``)
    and until ``gueltig_bis``.
    """

    email = models.EmailField(_("E-Mail-Adresse"))
    rolle = models.CharField(_("Rolle"), max_length=40)
    scope_typ = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("Bereichstyp")
    )
    scope_id = models.PositiveBigIntegerField(_("Bereich"), null=True, blank=True)
    scope = GenericForeignKey("scope_typ", "scope_id")
    eingeladen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="einladungen_versandt",
        verbose_name=_("eingeladen von"),
    )
    created_at = models.DateTimeField(_("erstellt am"), auto_now_add=True)
    gueltig_bis = models.DateTimeField(_("gültig bis"), default=_einladung_ablauf)
    versendet_am = models.DateTimeField(_("versendet am"), null=True, blank=True)
    angenommen_am = models.DateTimeField(_("angenommen am"), null=True, blank=True)
    angenommen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="einladungen_angenommen",
        verbose_name=_("angenommen von"),
    )

    objects = EinladungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["eingeladen_von", "-created_at"]),
            models.Index(Lower("email"), name="konten_einladung_email_idx"),
        ]

    def __str__(self):
        return f"{self.email} → {self.rolle}"

    @property
    def rolle_label(self) -> str:
        return next((r.label for r in alle_rollen() if r.key == self.rolle), self.rolle)

    @property
    def ist_abgelaufen(self) -> bool:
        return self.angenommen_am is None and self.gueltig_bis <= timezone.now()

    @property
    def status(self) -> str:
        if self.angenommen_am:
            return _("angenommen")
        if self.ist_abgelaufen:
            return _("abgelaufen")
        return _("offen")


def _neuer_schluessel() -> str:
    return secrets.token_urlsafe(32)


class Kalenderschluessel(models.Model):
    """The secret in a person's calendar-feed URL; renewing or revoking it ends the old URL.

    The feed is read by calendar programs without a login, so the key is the only guard:
    256 random bits, one per person.
    """

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kalenderschluessel"
    )
    schluessel = models.CharField(max_length=64, unique=True, default=_neuer_schluessel)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Kalender-Schlüssel")
        verbose_name_plural = _("Kalender-Schlüssel")

    def __str__(self):
        return str(self.person)


class ApiZugangQuerySet(ScopedQuerySet):
    policy = "konten.permissions.ApiZugangPolicy"

    def gueltig(self):
        return self.filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()))


class ApiZugangManager(AuthTokenManager.from_queryset(ApiZugangQuerySet)):
    pass


class ApiZugang(AbstractAuthToken):
    """An API token of one person for one client (an app, a script), named by the client.

    django-rest-knox keeps only a hash of the token (``digest``) and refuses it after
    ``expiry``; the person sees and revokes each token under "Mein Konto → API-Zugänge".
    """

    id = models.BigAutoField(primary_key=True)
    # knox's lookup key; an id of its own keeps it out of URLs and pages
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    name = models.CharField(_("Name"), max_length=64)
    #: issued after the second factor was given (konten/zwei_faktoren.py)
    zweiter_faktor = models.BooleanField(_("mit zweitem Faktor"), default=False)

    objects = ApiZugangManager()

    class Meta:
        verbose_name = _("API-Zugang")
        verbose_name_plural = _("API-Zugänge")
        ordering = ["-created"]

    def __str__(self):
        return self.name


def _loeschung_faellig():
    return timezone.now() + timedelta(days=settings.LOESCHUNG_KARENZ_TAGE)


class Loeschantrag(models.Model):
    """A request to erase an account (Art. 17 DSGVO), executed by the daily job once
    ``faellig_am`` has passed (konten/loeschantraege.py); until then it can be withdrawn.

    After the erasure the row stays as the record that and when it happened: it points at
    the anonymised account and holds counts only.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="loeschantraege",
        verbose_name=_("Person"),
    )
    #: the platform admin who recorded the request for the person; empty where they asked
    beantragt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("erfasst von"),
    )
    beantragt_am = models.DateTimeField(_("beantragt am"), default=timezone.now)
    faellig_am = models.DateTimeField(_("fällig am"), default=_loeschung_faellig)
    widerrufen_am = models.DateTimeField(_("widerrufen am"), null=True, blank=True)
    ausgefuehrt_am = models.DateTimeField(_("ausgeführt am"), null=True, blank=True)
    #: what the erasure did, per model (common/loeschung.py): counts, no personal data
    ergebnis = models.JSONField(_("Ergebnis"), default=list, blank=True)

    class Meta:
        verbose_name = _("Löschantrag")
        verbose_name_plural = _("Löschanträge")
        ordering = ["-beantragt_am"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(widerrufen_am__isnull=True, ausgefuehrt_am__isnull=True),
                name="konten_loeschantrag_ein_offener",
            )
        ]

    def __str__(self):
        return _("Löschantrag vom %(datum)s") % {
            "datum": timezone.localtime(self.beantragt_am).strftime("%d.%m.%Y")
        }

    @property
    def offen(self) -> bool:
        return self.widerrufen_am is None and self.ausgefuehrt_am is None


class AuskunftsauftragQuerySet(ScopedQuerySet):
    policy = "common.scoping.EigenePolicy"

    def abgelaufen(self):
        """Jobs whose file is no longer offered (``AUSKUNFT_AUFBEWAHRUNG_TAGE``)."""
        grenze = timezone.now() - timedelta(days=settings.AUSKUNFT_AUFBEWAHRUNG_TAGE)
        return self.filter(created_at__lt=grenze)


class Auskunftsauftrag(models.Model):
    """A person's request for a copy of everything the platform holds about them (Art. 15
    and 20 DSGVO): the worker builds the file (konten/auskunft.py), the page shows its
    progress and then the download, for that person alone and for a few days."""

    class Status(models.TextChoices):
        WARTEND = "wartend", _("wartet")
        LAEUFT = "laeuft", _("wird erstellt")
        FERTIG = "fertig", _("fertig")
        FEHLER = "fehler", _("fehlgeschlagen")

    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="auskunftsauftraege",
        verbose_name=_("angefordert von"),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WARTEND)
    fortschritt = models.PositiveSmallIntegerField(default=0)
    #: the file's name in DATA_DIR/auskuenfte
    datei = models.CharField(max_length=100, blank=True)
    fehler = models.TextField(blank=True)
    created_at = models.DateTimeField(_("angefordert am"), default=timezone.now)
    fertig_am = models.DateTimeField(_("fertig am"), null=True, blank=True)

    objects = AuskunftsauftragQuerySet.as_manager()

    class Meta:
        verbose_name = _("Auskunft über die eigenen Daten")
        verbose_name_plural = _("Auskünfte über die eigenen Daten")
        indexes = [models.Index(fields=["erstellt_von", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M}"

    @property
    def laeuft(self) -> bool:
        return self.status in (self.Status.WARTEND, self.Status.LAEUFT)

    @property
    def ablauf(self):
        return self.created_at + timedelta(days=settings.AUSKUNFT_AUFBEWAHRUNG_TAGE)
