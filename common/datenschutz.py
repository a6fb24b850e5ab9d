"""The registry of personal data: which model holds what about whom, and what happens to
it; from it, the records of processing (Verzeichnis von Verarbeitungstätigkeiten).

Every app declares its models in its own ``personendaten.py`` with ``beitragen()``, called
from its app config's ``ready()`` like the roles (``konten/roles.py``); ``konten`` declares
Django's and the third-party models (sessions, login attempts, second factors, tokens).
A model without personal data that looks as if it had some (a region's ``name``) is
declared with ``keine_personendaten`` and the reason, so the test that walks every installed
model (tests/common/test_personendaten_register.py) can tell "checked" from "forgotten".

A declaration is a data object looked up by model (``deklaration(Model)``). It names

- how a row belongs to a person: ``person`` (paths to the account, ``"profil__person"``;
  ``"id"`` on the account itself), ``email`` / ``name`` (text fields holding the person's
  address or name, e.g. an organisation's contact person), or ``finden`` (a function for
  rows that store the person elsewhere, e.g. inside session data);
- ``akteure``: fields naming a person only as the author or actor of a record that is not
  about them (who created a meeting series); erasure empties them (null, or out of a set);
- ``felder``: the personal fields, and ``export`` (default: the same) with ``bezeichnung``;
- what erasure does to the rows about the person (``Loeschung``), with ``ersatz`` per field;
- the purpose, legal basis, recipients (role keys, ``SELBST``, ``OEFFENTLICH``), category
  and retention: what the records of processing (``manage.py verarbeitungsverzeichnis``
  and the platform admin's page) print.

The account itself is anonymised, not deleted (``konten``): rows kept for counts go on
pointing at an account that no longer names anyone, so figures that count distinct people
stay right after an erasure.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Loeschung(models.TextChoices):
    """What erasing a person does to a row about them."""

    LOESCHEN = "loeschen", _("löschen")
    ANONYMISIEREN = "anonymisieren", _("anonymisieren")
    #: the row stays for counts; its personal fields get their replacement and a nullable
    #: link to the person is cut (a required one keeps pointing at the anonymised account)
    AGGREGAT = "aggregat", _("nur als Zahl behalten")
    #: kept for a legal reason for ``frist_monate``, then anonymised like ``AGGREGAT``
    AUFBEWAHREN = "aufbewahren", _("aufbewahren, danach anonymisieren")


class Kategorie(models.TextChoices):
    KONTO = "konto", _("Konto und Anmeldung")
    KONTAKTDATEN = "kontaktdaten", _("Kontaktdaten")
    PROFIL = "profil", _("Profil und Verfügbarkeit")
    SPRACHKENNTNISSE = "sprachkenntnisse", _("Sprachkenntnisse")
    NACHWEISE = "nachweise", _("Nachweise und Erklärungen")
    ENGAGEMENT = "engagement", _("Bewerbungen, Einsätze und Stunden")
    HAUSVERBOTE = "hausverbote", _("Hausverbote")
    FORTBILDUNG = "fortbildung", _("Fortbildung und Qualifikationen")
    TREFFEN = "treffen", _("Jours fixes und Veranstaltungen")
    NETZWERK = "netzwerk", _("Verteiler und Netzwerk")
    KOMMUNIKATION = "kommunikation", _("Benachrichtigungen")
    BERECHTIGUNGEN = "berechtigungen", _("Rollen und Berechtigungen")
    PROTOKOLLE = "protokolle", _("Anmeldeversuche und Protokolle")
    URHEBERSCHAFT = "urheberschaft", _("Urheberschaft von Einträgen")


class Rechtsgrundlage(models.TextChoices):
    EINWILLIGUNG = "a", _("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung)")
    VERTRAG = "b", _("Art. 6 Abs. 1 lit. b DSGVO (Vertrag, Mitwirkung)")
    PFLICHT = "c", _("Art. 6 Abs. 1 lit. c DSGVO (rechtliche Pflicht)")
    INTERESSE = "f", _("Art. 6 Abs. 1 lit. f DSGVO (berechtigtes Interesse)")


#: recipients beside the roles (``konten/roles.py``): the person themselves, everyone
SELBST = "selbst"
OEFFENTLICH = "oeffentlich"

#: replacements an anonymised field gets
LEER = ""
GELOESCHTE_PERSON = _("Gelöschte Person")


@dataclass(frozen=True)
class Personendaten:
    #: "app_label.Model"
    model: str
    kategorie: Kategorie
    zweck: str
    rechtsgrundlage: Rechtsgrundlage
    felder: tuple[str, ...]
    loeschung: Loeschung
    #: why erasure does this here (shown in the records of processing)
    begruendung: str
    #: how long the rows are kept, in words
    speicherdauer: str
    empfaenger: tuple[str, ...] = (SELBST, "plattform_admin")
    person: tuple[str, ...] = ()
    email: tuple[str, ...] = ()
    name: tuple[str, ...] = ()
    #: ``finden(user) -> QuerySet`` for rows that link to the person in no field
    finden: Callable | None = None
    akteure: tuple[str, ...] = ()
    #: field -> value the field gets when anonymised; a callable gets the row
    ersatz: dict = field(default_factory=dict)
    #: months ``AUFBEWAHREN`` keeps the rows, counted from the end the text names
    frist_monate: int | None = None
    #: the date fields (paths) that end the period: a row is kept while any of them lies
    #: within ``frist_monate``, and while the first is empty (the thing is still running)
    frist_ab: tuple[str, ...] = ()
    export: tuple[str, ...] | None = None
    bezeichnung: str | None = None

    @property
    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def exportfelder(self) -> tuple[str, ...]:
        return self.felder if self.export is None else self.export

    @property
    def titel(self) -> str:
        return str(self.bezeichnung or self.model_class._meta.verbose_name)

    def zeilen_von(self, user):
        """The rows about ``user`` (not those naming them as an actor)."""
        manager = self.model_class._default_manager
        if self.finden is not None:
            return self.finden(user)
        bedingung = Q(pk__in=[])
        for pfad in self.person:
            bedingung |= Q(**{pfad: user.pk})
        for feld in self.email:
            bedingung |= Q(**{f"{feld}__iexact": user.email})
        for feld in self.name:
            bedingung |= Q(**{feld: user.anzeigename}) if user.anzeigename else Q(pk__in=[])
        return manager.filter(bedingung).distinct()

    def zeilen_von_personen(self, personen):
        """The rows about any of ``personen`` (a QuerySet of accounts) found by the person
        paths; rows found only by address, name or ``finden`` are not among them."""
        bedingung = Q(pk__in=[])
        for pfad in self.person:
            bedingung |= Q(**{f"{pfad}__in": personen.values("pk")})
        return self.model_class._default_manager.filter(bedingung)

    def zeilen_als_akteur(self, user):
        """The rows naming ``user`` as author or actor only."""
        bedingung = Q(pk__in=[])
        for feld in self.akteure:
            bedingung |= Q(**{feld: user.pk})
        return self.model_class._default_manager.filter(bedingung).distinct()


def objektrechte(model: str, zweck, felder=("permission", "content_object")) -> Personendaten:
    """The declaration of a django-guardian grant table: which objects a person may act on.

    Every grant table is handled alike: a right without its person grants nobody anything.
    """
    return Personendaten(
        model=model,
        kategorie=Kategorie.BERECHTIGUNGEN,
        zweck=zweck,
        rechtsgrundlage=Rechtsgrundlage.VERTRAG,
        felder=felder,
        person=("user",),
        loeschung=Loeschung.LOESCHEN,
        begruendung=_("Ein Recht ohne Person gewährt niemandem etwas."),
        speicherdauer=_("bis zum Entzug der Rolle"),
        empfaenger=("plattform_admin",),
    )


@dataclass(frozen=True)
class KeinePersonendaten:
    model: str
    #: why fields that look personal are not
    grund: str


@dataclass
class _Registry:
    deklarationen: dict = field(default_factory=dict)
    ausnahmen: dict = field(default_factory=dict)


_registry = _Registry()


def beitragen(*deklarationen: Personendaten) -> None:
    for deklaration_ in deklarationen:
        _eintragen(_registry.deklarationen, deklaration_)


def keine_personendaten(*ausnahmen: KeinePersonendaten) -> None:
    for ausnahme in ausnahmen:
        _eintragen(_registry.ausnahmen, ausnahme)


def _eintragen(ziel: dict, eintrag) -> None:
    if eintrag.model in _registry.deklarationen or eintrag.model in _registry.ausnahmen:
        raise ValueError(f"personal data of {eintrag.model!r} are declared twice")
    ziel[eintrag.model] = eintrag


def _label(model) -> str:
    return model if isinstance(model, str) else model._meta.label


def deklaration(model) -> Personendaten | None:
    """The declaration of ``model`` (a class or "app_label.Model"), None if it has none."""
    return _registry.deklarationen.get(_label(model))


def ausnahme(model) -> KeinePersonendaten | None:
    return _registry.ausnahmen.get(_label(model))


def alle() -> list[Personendaten]:
    """Every declaration, by category and then model."""
    reihenfolge = {wert: platz for platz, wert in enumerate(Kategorie.values)}
    return sorted(
        _registry.deklarationen.values(), key=lambda d: (reihenfolge[d.kategorie], d.model)
    )


def pfad_ziel(model, pfad: str):
    """The field a lookup path (``"profil__person"``) ends in on ``model``; raises
    FieldDoesNotExist where a step is missing or is no relation."""
    teile = pfad.split("__")
    for teil in teile[:-1]:
        feld = model._meta.get_field(teil)
        if not feld.is_relation or feld.related_model is None:
            raise FieldDoesNotExist(f"{model._meta.label}.{teil} is no relation")
        model = feld.related_model
    return model._meta.get_field(teile[-1])


def _fuehrt_zur_person(model, pfad: str) -> bool:
    feld = pfad_ziel(model, pfad)
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    if feld.is_relation:
        return feld.related_model is user_model
    return feld.model is user_model and feld.primary_key


def probleme(deklaration_: Personendaten) -> list[str]:
    """What is wrong with a declaration: fields it names that the model lacks, paths that do
    not lead to the account, a declaration without a way to find the person's rows."""
    model = deklaration_.model_class
    gefunden = []

    def pruefen(art: str, pfad: str, bedingung=None):
        try:
            feld = pfad_ziel(model, pfad)
        except FieldDoesNotExist as fehler:
            gefunden.append(f"{deklaration_.model}: {art} {pfad!r}: {fehler}")
            return
        if bedingung and not bedingung(feld):
            gefunden.append(f"{deklaration_.model}: {art} {pfad!r} does not fit")

    for name in {*deklaration_.felder, *deklaration_.exportfelder, *deklaration_.email}:
        pruefen("field", name)
    for name in deklaration_.name:
        pruefen("name field", name)
    for pfad in deklaration_.person:
        pruefen("person path", pfad, lambda _feld, p=pfad: _fuehrt_zur_person(model, p))
    for name in deklaration_.akteure:
        pruefen("actor", name, lambda f: f.many_to_many or (f.is_relation and f.null))
    for name, wert in deklaration_.ersatz.items():
        pruefen("replacement", name, lambda f, w=wert: w is not None or f.null)
    wege = (deklaration_.person, deklaration_.email, deklaration_.name, deklaration_.finden)
    if not any(wege) and not deklaration_.akteure:
        gefunden.append(f"{deklaration_.model}: no way to find a person's rows")
    if (deklaration_.loeschung == Loeschung.AUFBEWAHREN) != bool(deklaration_.frist_monate):
        gefunden.append(f"{deklaration_.model}: a retention period belongs to AUFBEWAHREN")
    if bool(deklaration_.frist_monate) != bool(deklaration_.frist_ab):
        gefunden.append(f"{deklaration_.model}: a retention period needs the date it ends by")
    for pfad in deklaration_.frist_ab:
        pruefen("period date", pfad, lambda f: isinstance(f, models.DateField))
    if deklaration_.loeschung == Loeschung.ANONYMISIEREN and not (
        deklaration_.ersatz or deklaration_.akteure
    ):
        gefunden.append(f"{deklaration_.model}: ANONYMISIEREN without replacements")
    return gefunden
