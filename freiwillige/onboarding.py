"""Self-registration with e-mail verification, and the engagement status.

Registering stores nothing: the mailed link carries the signed name, address and language.
The account comes into being when the link is followed and a password is chosen there, so
nobody can pre-register someone else's address with a password they know.
"""

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from common.queueing import enqueue_on_commit
from konten import roles
from konten.models import User

from . import services
from .models import Bewerbung, Einsatz, Profil
from .registrierungslink import registrierung_token_lesen
from .tasks import registrierung_mail_senden


class RegistrierungFehler(Exception):
    """A verification link that cannot be used; the message is shown as is."""


def registrierung_start(email: str, anzeigename: str, sprache: str) -> None:
    """Mails the verification link, or, for a known address, a hint to log in instead.

    Both cases look the same to the person registering, so the form does not tell strangers
    which addresses have an account.
    """
    email = User.objects.normalize_email(email).lower()
    enqueue_on_commit(registrierung_mail_senden, email, anzeigename, sprache)


def registrierung_aus_token(token: str) -> dict:
    try:
        daten = registrierung_token_lesen(token)
    except signing.SignatureExpired:
        raise RegistrierungFehler(
            _("Dieser Bestätigungslink ist abgelaufen. Bitte registrieren Sie sich erneut.")
        ) from None
    except signing.BadSignature:
        raise RegistrierungFehler(_("Dieser Bestätigungslink ist ungültig.")) from None
    if User.objects.filter(email__iexact=daten["e"]).exists():
        raise RegistrierungFehler(
            _("Diese Adresse ist bereits bestätigt. Bitte melden Sie sich an.")
        )
    return {"email": daten["e"], "anzeigename": daten["n"], "sprache": daten["s"]}


def registrierung_abschliessen(token: str, password: str) -> User:
    """Creates the verified volunteer's account, role and (empty) profile."""
    daten = registrierung_aus_token(token)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                daten["email"], password, anzeigename=daten["anzeigename"], sprache=daten["sprache"]
            )
            roles.rolle("freiwillige").grant(user)
            Profil.objects.create(person=user)
    except IntegrityError:
        # the same link followed twice at once: the first one won
        raise RegistrierungFehler(
            _("Diese Adresse ist bereits bestätigt. Bitte melden Sie sich an.")
        ) from None
    return user


@transaction.atomic
def engagement_status_set(user, status: str) -> Profil:
    """Pauses, resumes or ends the volunteer's engagement.

    Pausing takes the person out of matching and applications; ending also withdraws waiting
    applications and ends running assignments, each through its own service function so the
    shelters hear of it.
    """
    profil = Profil.objects.select_for_update().get(person=user)
    if profil.status == Profil.Status.BEENDET and status != Profil.Status.AKTIV:
        raise services.NichtMoeglich(_("Ihr Engagement ist bereits beendet."))
    profil.status = status
    profil.save(update_fields=["status", "updated_at"])
    if status == Profil.Status.BEENDET:
        for bewerbung in offene_bewerbungen(user):
            services.bewerbung_zurueckziehen(bewerbung, user)
        for einsatz in laufende_einsaetze(user):
            services.einsatz_status_setzen(einsatz, Einsatz.Status.BEENDET, user)
    return profil


def offene_bewerbungen(user):
    """The person's applications still waiting for a decision: ending withdraws them."""
    return Bewerbung.objects.wartend().filter(person=user)


def laufende_einsaetze(user):
    """The person's assignments not yet ended: ending the engagement ends them."""
    return Einsatz.objects.filter(person=user).exclude(status=Einsatz.Status.BEENDET)
