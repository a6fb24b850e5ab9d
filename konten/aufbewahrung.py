"""What the retention schedule (common/aufbewahrung.py) does to accounts and sign-in records:
accounts nobody used for long are warned and then erased, login-attempt logs go after the
registry's period, and what was kept of erased people is anonymised once its period ends."""

import logging
from datetime import timedelta
from smtplib import SMTPException

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise

from common import datenschutz, loeschung
from common.aufbewahrungsarten import (
    Aktion,
    Regelart,
    Schritt,
    abgelaufen,
    anonymisieren,
    loeschen,
    nach_verzeichnis,
)
from common.aufbewahrungsarten import beitragen as regeln_beitragen
from common.datenschutz import Loeschung
from common.loeschung import monate_vorher
from common.zeichen import einzeilig

from .loeschantraege import inaktives_konto_loeschen
from .models import Loeschantrag

logger = logging.getLogger(__name__)

#: erasures are heavy (every declared model per person): fewer per transaction
ERASURES_PER_BATCH = 20


def geloeschte_konten():
    """Accounts already erased: every erasure is recorded as an executed request."""
    return get_user_model().objects.filter(
        pk__in=Loeschantrag.objects.filter(ausgefuehrt_am__isnull=False).values("person")
    )


# --- accounts without activity ------------------------------------------------------------------


def _beobachtete_konten():
    """The accounts the inactivity rule looks at: not the platform admins (the platform must
    not lose its admins to a long absence), not those erased or with an open request (their
    request runs on its own), each with its last activity (sign-in, else registration)."""
    erledigt = Loeschantrag.objects.filter(
        Q(ausgefuehrt_am__isnull=False) | Q(widerrufen_am__isnull=True)
    ).values("person")
    return (
        get_user_model()
        .objects.filter(is_staff=False, is_superuser=False)
        .exclude(pk__in=erledigt)
        .annotate(aktivitaet=Coalesce("last_login", "date_joined"))
    )


def _zu_warnen(grenze):
    return _beobachtete_konten().filter(
        Q(inaktivitaet_gewarnt_am__isnull=True) | Q(inaktivitaet_gewarnt_am__lt=F("aktivitaet")),
        aktivitaet__lt=grenze,
    )


def _zu_loeschen(grenze):
    """Warned at least the grace period ago, and not signed in since."""
    karenz = timezone.now() - timedelta(days=settings.KONTO_INAKTIV_KARENZ_TAGE)
    return _beobachtete_konten().filter(
        aktivitaet__lt=grenze,
        inaktivitaet_gewarnt_am__lte=karenz,
        inaktivitaet_gewarnt_am__gte=F("aktivitaet"),
    )


def _warnung(person, monate: int, verbindung) -> EmailMessage:
    kontext = {
        "anzeigename": person.anzeigename,
        "monate": monate,
        "loeschung_am": timezone.localdate() + timedelta(days=settings.KONTO_INAKTIV_KARENZ_TAGE),
        "link": settings.SITE_URL + reverse("konten:login"),
    }
    with translation.override(person.sprache or "de"):
        betreff = einzeilig(render_to_string("konten/mail/inaktiv_betreff.txt", kontext))
        text = render_to_string("konten/mail/inaktiv.txt", kontext)
    return EmailMessage(betreff, text, to=[person.email], connection=verbindung)


def _warnen(monate: int):
    def tun(pks):
        gewarnt = 0
        with get_connection() as verbindung:
            for person in get_user_model().objects.filter(pk__in=pks):
                try:
                    _warnung(person, monate, verbindung).send()
                except (SMTPException, OSError):
                    # not warned, so not erased: tried again tomorrow
                    logger.exception("inactivity warning to %s not sent", person.pk)
                    continue
                get_user_model().objects.filter(pk=person.pk).update(
                    inaktivitaet_gewarnt_am=timezone.now()
                )
                gewarnt += 1
        return gewarnt

    return tun


def _loeschen(pks) -> int:
    geloescht = 0
    for person in get_user_model().objects.filter(pk__in=pks):
        try:
            with transaction.atomic():
                geloescht += inaktives_konto_loeschen(person)
        except Exception:
            # one person's failing erasure must not hold up the others; tried again tomorrow
            logger.exception("erasure of inactive account %s failed", person.pk)
    return geloescht


def _inaktive_konten(monate):
    grenze = monate_vorher(timezone.now(), monate)
    label = settings.AUTH_USER_MODEL
    return [
        Schritt(label, Aktion.WARNEN, _zu_warnen(grenze), _warnen(monate)),
        Schritt(label, Aktion.ANONYMISIEREN, _zu_loeschen(grenze), _loeschen, ERASURES_PER_BATCH),
    ]


# --- login attempts -----------------------------------------------------------------------------


def _anmeldeversuche(monate):
    """The logs after the registry's period, and the lockout counter's rows as old (a lockout
    lasts minutes; the counter of an attempt months ago counts for nothing)."""
    grenze = monate_vorher(timezone.now(), monate)
    return [
        loeschen("axes.AccessAttempt", AccessAttempt.objects.filter(attempt_time__lt=grenze)),
        *_protokolle.auswahl(monate),
    ]


_protokolle = nach_verzeichnis("anmeldeversuche", "axes.AccessLog", "axes.AccessFailureLog")


# --- what was kept of erased people -------------------------------------------------------------


def _noch_nicht_anonymisiert(deklaration) -> Q | None:
    """The rows whose anonymisation is still to come: a fixed replacement not yet in place,
    or a nullable link to the person not yet cut. None where anonymising would change nothing
    the database can tell (the row is a number already, e.g. an assignment)."""
    bedingungen = [
        Q(**{f"{name}__isnull": False}) for name in loeschung.verbindungen_kappen(deklaration)
    ]
    with translation.override(settings.LANGUAGE_CODE):
        for name, wert in deklaration.ersatz.items():
            if callable(wert):
                continue
            if wert is None:
                bedingungen.append(Q(**{f"{name}__isnull": False}))
            else:
                bedingungen.append(~Q(**{name: str(wert) if isinstance(wert, Promise) else wert}))
    if not bedingungen:
        return None
    bedingung = bedingungen[0]
    for weitere in bedingungen[1:]:
        bedingung |= weitere
    return bedingung


def _aufbewahrte_zeilen(monate):
    """Rows erasure kept (AUFBEWAHREN) whose period has ended: anonymised as the registry
    says. Only rows found by a person path: the rows found by an address no longer lead to
    the anonymised account (the login logs go after their own period anyway)."""
    schritte = []
    for deklaration in datenschutz.alle():
        if deklaration.loeschung != Loeschung.AUFBEWAHREN or not deklaration.person:
            continue
        offen = _noch_nicht_anonymisiert(deklaration)
        if offen is None:
            continue
        von_geloeschten = deklaration.zeilen_von_personen(geloeschte_konten())
        zeilen = abgelaufen(deklaration, monate).filter(offen, pk__in=von_geloeschten.values("pk"))
        schritte.append(anonymisieren(deklaration, zeilen))
    return schritte


def beitragen() -> None:
    regeln_beitragen(
        Regelart("konten-inaktiv", _inaktive_konten),
        Regelart(
            "anmeldeversuche",
            _anmeldeversuche,
            frist_laut_verzeichnis=_protokolle.frist_laut_verzeichnis,
        ),
        Regelart("aufbewahrte-zeilen", _aufbewahrte_zeilen),
    )
