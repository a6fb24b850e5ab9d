"""Erasing a person (Art. 17 DSGVO) by the registry of personal data (common/datenschutz.py).

``plan(user)`` says per model what erasing ``user`` would do; ``ausfuehren(user)`` does it in
one transaction. Per declaration, the rows about the person are

- ``LOESCHEN``: deleted;
- ``ANONYMISIEREN``: given the declared replacements (``ersatz``);
- ``AGGREGAT``: given the replacements, a nullable direct link to the person cut; the row
  stays for counts (a required link keeps pointing at the anonymised account);
- ``AUFBEWAHREN``: kept unchanged while the period (``frist_monate`` from the dates
  ``frist_ab``) runs, the rest treated like ``AGGREGAT``;

and fields naming the person as an actor only (``akteure``) are emptied. The account itself
is anonymised last: registry replacements, unusable password, no roles.

Nobody else's rows are touched. Every row is chosen once, before anything changes, by the
registry's way to the person (``zeilen_von``), and every update and delete works on exactly
those primary keys; a way that would match everyone (an empty address) is refused. An
automated erasure that deletes by a condition evaluated later has deleted too much elsewhere.
Frozen report figures (berichte.Berichtsstand) store their numbers and are not touched.
"""

import calendar
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.functional import Promise

from . import datenschutz
from .datenschutz import Loeschung


@dataclass
class Schritt:
    """What erasing the person does to one model."""

    model: str
    titel: str
    loeschung: str
    geloescht: int = 0
    anonymisiert: int = 0
    #: AUFBEWAHREN rows whose period still runs
    aufbewahrt: int = 0
    #: rows naming the person as actor only, whose actor field is emptied
    akteur_geleert: int = 0
    #: rows of the person's own other rows deleted with them (on_delete=CASCADE)
    mitgeloescht: dict = field(default_factory=dict)

    @property
    def summe(self) -> int:
        return self.geloescht + self.anonymisiert + self.aufbewahrt + self.akteur_geleert

    def als_dict(self) -> dict:
        return {
            "model": self.model,
            "geloescht": self.geloescht,
            "anonymisiert": self.anonymisiert,
            "aufbewahrt": self.aufbewahrt,
            "akteur_geleert": self.akteur_geleert,
        }


class Verweigert(Exception):
    """The account cannot be erased this way (no address to find its rows by)."""


def monate_vorher(zeitpunkt: datetime, monate: int) -> datetime:
    jahre, monat = divmod(zeitpunkt.month - 1 - monate, 12)
    jahr = zeitpunkt.year + jahre
    tag = min(zeitpunkt.day, calendar.monthrange(jahr, monat + 1)[1])
    return zeitpunkt.replace(year=jahr, month=monat + 1, day=tag)


def frist_laeuft(deklaration, monate: int | None = None) -> Q:
    """The rows of an AUFBEWAHREN declaration whose period (its own, or ``monate``) has not
    ended at this moment."""
    grenze = monate_vorher(timezone.now(), deklaration.frist_monate if monate is None else monate)
    bedingung = Q(**{f"{deklaration.frist_ab[0]}__isnull": True})
    for pfad in deklaration.frist_ab:
        bedingung |= Q(**{f"{pfad}__gte": grenze})
    return bedingung


def _user_model():
    return apps.get_model(settings.AUTH_USER_MODEL)


def _personen_deklarationen():
    """Every declaration but the account's own, which ``_konto_anonymisieren`` handles last."""
    return [d for d in datenschutz.alle() if d.model_class is not _user_model()]


def _pruefen(user) -> None:
    if not user.pk or not (user.email or "").strip():
        raise Verweigert("an account without id or address cannot be told from others")


@dataclass
class _Auswahl:
    """The primary keys one model's step works on, chosen before anything changes."""

    deklaration: datenschutz.Personendaten
    eigene: list
    aufbewahrt: list
    akteure: dict  # field -> pks naming the person as actor


def _auswaehlen(user) -> list[_Auswahl]:
    auswahl = []
    for deklaration in _personen_deklarationen():
        zeilen = deklaration.zeilen_von(user)
        aufbewahrt = []
        if deklaration.loeschung == Loeschung.AUFBEWAHREN:
            aufbewahrt = list(
                zeilen.filter(frist_laeuft(deklaration)).values_list("pk", flat=True).distinct()
            )
        eigene = [pk for pk in zeilen.values_list("pk", flat=True) if pk not in aufbewahrt]
        manager = deklaration.model_class._default_manager
        akteure = {
            feld: list(manager.filter(**{feld: user.pk}).values_list("pk", flat=True).distinct())
            for feld in deklaration.akteure
        }
        auswahl.append(_Auswahl(deklaration, list(dict.fromkeys(eigene)), aufbewahrt, akteure))
    return auswahl


def _schritt(eintrag: _Auswahl) -> Schritt:
    deklaration = eintrag.deklaration
    schritt = Schritt(deklaration.model, deklaration.titel, deklaration.loeschung)
    anzahl = len(eintrag.eigene)
    if deklaration.loeschung == Loeschung.LOESCHEN:
        schritt.geloescht = anzahl
    else:
        schritt.anonymisiert = anzahl
    schritt.aufbewahrt = len(eintrag.aufbewahrt)
    schritt.akteur_geleert = sum(len(pks) for pks in eintrag.akteure.values())
    return schritt


def _konto_schritt() -> Schritt:
    model = _user_model()
    return Schritt(
        model._meta.label, str(model._meta.verbose_name), Loeschung.ANONYMISIEREN, anonymisiert=1
    )


def plan(user) -> list[Schritt]:
    """What ``ausfuehren(user)`` would do, per model with anything to do; changes nothing."""
    _pruefen(user)
    schritte = [_schritt(eintrag) for eintrag in _auswaehlen(user)]
    return [s for s in schritte if s.summe] + [_konto_schritt()]


def _ersatz_werte(deklaration, zeile) -> dict:
    """The replacements for ``zeile``; a translatable one is stored in the platform's
    language, not in that of whoever runs the erasure."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            name: str(wert) if isinstance(wert, Promise) else wert
            for name, wert in (
                (name, wert(zeile) if callable(wert) else wert)
                for name, wert in deklaration.ersatz.items()
            )
        }


def verbindungen_kappen(deklaration) -> list[str]:
    """The nullable direct links to the person an AGGREGAT row loses."""
    felder = []
    for pfad in deklaration.person:
        if "__" in pfad:
            continue
        feld = deklaration.model_class._meta.get_field(pfad)
        if feld.is_relation and feld.null:
            felder.append(pfad)
    return felder


def anonymisieren(deklaration, pks: list, kappen: bool) -> None:
    """Gives the rows ``pks`` the declared replacements and, with ``kappen``, cuts their
    nullable direct links to the person (AGGREGAT); one update where no replacement depends
    on the row."""
    manager = deklaration.model_class._default_manager
    geleert = dict.fromkeys(verbindungen_kappen(deklaration) if kappen else [])
    if not any(callable(wert) for wert in deklaration.ersatz.values()):
        werte = {**_ersatz_werte(deklaration, None), **geleert}
        if werte:
            manager.filter(pk__in=pks).update(**werte)
        return
    for zeile in manager.filter(pk__in=pks):
        werte = {**_ersatz_werte(deklaration, zeile), **geleert}
        if werte:
            manager.filter(pk=zeile.pk).update(**werte)


def _akteure_leeren(deklaration, user, akteure: dict) -> None:
    model = deklaration.model_class
    for name, pks in akteure.items():
        if not pks:
            continue
        feld = model._meta.get_field(name)
        if feld.many_to_many:
            durch = feld.remote_field.through._default_manager
            durch.filter(
                **{f"{feld.m2m_field_name()}__in": pks, feld.m2m_reverse_field_name(): user.pk}
            ).delete()
        else:
            model._default_manager.filter(pk__in=pks, **{name: user.pk}).update(**{name: None})


def _konto_anonymisieren(user) -> None:
    """The account stays (rows kept for counts point at it) but names no one any more."""
    deklaration = datenschutz.deklaration(_user_model())
    user.refresh_from_db()
    for name, wert in _ersatz_werte(deklaration, user).items():
        setattr(user, name, wert)
    user.set_unusable_password()
    user.is_staff = False
    user.is_superuser = False
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def ausfuehren(user) -> list[Schritt]:
    """Erases ``user`` by the registry, all or nothing; returns what it did."""
    _pruefen(user)
    with transaction.atomic():
        auswahl = _auswaehlen(user)
        schritte = [_schritt(eintrag) for eintrag in auswahl]
        # actors first: a deleted row's actor needs no emptying, but an anonymised one does
        for eintrag in auswahl:
            _akteure_leeren(eintrag.deklaration, user, eintrag.akteure)
        for eintrag, schritt in zip(auswahl, schritte, strict=True):
            deklaration = eintrag.deklaration
            if deklaration.loeschung == Loeschung.LOESCHEN:
                if eintrag.eigene:
                    _gesamt, je_model = deklaration.model_class._default_manager.filter(
                        pk__in=eintrag.eigene
                    ).delete()
                    schritt.mitgeloescht = {
                        label: anzahl
                        for label, anzahl in je_model.items()
                        if label != deklaration.model
                    }
            else:
                anonymisieren(
                    deklaration, eintrag.eigene, deklaration.loeschung != Loeschung.ANONYMISIEREN
                )
        _konto_anonymisieren(user)
    return [s for s in schritte if s.summe] + [_konto_schritt()]
