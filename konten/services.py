"""Invitation workflow (create, send, follow the link, accept) and API tokens."""

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.queueing import enqueue_on_commit

from . import roles
from .einladungslink import einladung_aus_token
from .models import ApiZugang, Einladung, User
from .tasks import einladung_senden


class EinladungFehler(Exception):
    """A link that cannot be used; the message is shown to the person who followed it."""


def einladung_anlegen(inviter: User, email: str, rolle_key: str, scope=None) -> Einladung:
    rolle = roles.rolle(rolle_key)
    if not (rolle.einladbar and rolle.may_invite(inviter)):
        raise PermissionError(rolle_key)
    choices = rolle.scope_choices(inviter)
    if (choices is None) != (scope is None):
        raise ValueError("scope does not fit the role")
    if scope is not None and not choices.filter(pk=scope.pk).exists():
        raise PermissionError(rolle_key)
    einladung = Einladung.objects.create(
        email=User.objects.normalize_email(email).lower(),
        rolle=rolle_key,
        scope_typ=ContentType.objects.get_for_model(scope) if scope is not None else None,
        scope_id=scope.pk if scope is not None else None,
        eingeladen_von=inviter,
    )
    enqueue_on_commit(einladung_senden, einladung.pk)
    return einladung


def einladung_erneut_senden(einladung: Einladung) -> Einladung:
    """Sends an open invitation again, valid for the full period from now."""
    Einladung.objects.filter(pk=einladung.pk, angenommen_am__isnull=True).update(
        versendet_am=None, gueltig_bis=Einladung._meta.get_field("gueltig_bis").get_default()
    )
    enqueue_on_commit(einladung_senden, einladung.pk)
    einladung.refresh_from_db()
    return einladung


def einladung_finden(token: str) -> Einladung:
    try:
        pk = einladung_aus_token(token)
    except signing.BadSignature:
        raise EinladungFehler(_("Dieser Einladungslink ist ungültig.")) from None
    einladung = Einladung.objects.filter(pk=pk).select_related("scope_typ").first()
    if einladung is None:
        raise EinladungFehler(_("Diese Einladung wurde zurückgezogen."))
    if einladung.angenommen_am:
        raise EinladungFehler(
            _("Diese Einladung wurde bereits angenommen. Bitte melden Sie sich an.")
        )
    if einladung.ist_abgelaufen:
        raise EinladungFehler(
            _(
                "Diese Einladung ist am %(datum)s abgelaufen. Bitte bitten Sie die einladende "
                "Person um eine neue Einladung."
            )
            % {"datum": date_format(timezone.localtime(einladung.gueltig_bis), "SHORT_DATE_FORMAT")}
        )
    return einladung


def _still_grantable(einladung: Einladung) -> bool:
    """The inviter must still be allowed to give this role on this scope, today."""
    rolle = roles.alle_rollen_nach_key().get(einladung.rolle)
    inviter = einladung.eingeladen_von
    if rolle is None or inviter is None or not inviter.is_active:
        return False
    if not (rolle.einladbar and rolle.may_invite(inviter)):
        return False
    choices = rolle.scope_choices(inviter)
    if choices is None:
        return einladung.scope_id is None
    return einladung.scope_id is not None and choices.filter(pk=einladung.scope_id).exists()


def _claim(einladung: Einladung, user: User) -> None:
    """Marks the invitation used; a conditional update, so two clicks cannot both win."""
    if not _still_grantable(einladung):
        raise EinladungFehler(
            _(
                "Diese Einladung gilt nicht mehr, weil sich Rechte oder Bereiche geändert haben. "
                "Bitte bitten Sie um eine neue Einladung."
            )
        )
    now = timezone.now()
    claimed = Einladung.objects.filter(
        pk=einladung.pk, angenommen_am__isnull=True, gueltig_bis__gt=now
    ).update(angenommen_am=now, angenommen_von=user)
    if claimed != 1:
        raise EinladungFehler(
            _("Diese Einladung wurde bereits angenommen. Bitte melden Sie sich an.")
        )
    rolle = roles.rolle(einladung.rolle)
    scope = None
    if einladung.scope_typ_id:
        scope = einladung.scope_typ.get_object_for_this_type(pk=einladung.scope_id)
    rolle.grant(user, scope)


@transaction.atomic
def einladung_annehmen(einladung: Einladung, user: User) -> None:
    """An existing account takes the invitation's role."""
    if user.email.lower() != einladung.email.lower():
        raise EinladungFehler(
            _("Diese Einladung gilt für %(email)s. Bitte melden Sie sich mit dieser Adresse an.")
            % {"email": einladung.email}
        )
    _claim(einladung, user)


def einladung_registrieren(einladung: Einladung, anzeigename: str, password: str, sprache: str):
    """Creates the invited person's account and grants the role in one transaction."""
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                einladung.email, password, anzeigename=anzeigename, sprache=sprache
            )
            _claim(einladung, user)
    except IntegrityError:
        # The same link was used at the same moment in another tab: that one won.
        raise EinladungFehler(
            _("Diese Einladung wurde bereits angenommen. Bitte melden Sie sich an.")
        ) from None
    return user


# --- API tokens --------------------------------------------------------------------------------


def api_zugang_anlegen(user: User, name: str, zweiter_faktor: bool) -> tuple[ApiZugang, str]:
    """A new token for the client ``name``; returns it with its secret, which only this answer
    ever shows (knox stores a hash). Signing in again under the same name replaces that
    client's earlier token, and the person's expired tokens go."""
    abgeloest = Q(name=name) | Q(expiry__lte=timezone.now())
    ApiZugang.objects.filter(abgeloest, user=user).delete()
    return ApiZugang.objects.create(user, name=name, zweiter_faktor=zweiter_faktor)


def api_zugaenge_widerrufen(user: User) -> int:
    """Revokes every API token of the person (signing out of the API everywhere)."""
    anzahl, _details = ApiZugang.objects.filter(user=user).delete()
    return anzahl
