"""Berlin with two coordinated regions, a shelter in each, and one persona per role.

Each scoped role has an insider and an outsider who must see nothing of the insider's scope:
``rk_suedost`` for Nord, ``ek_b`` for shelter A (in Nord), ``org_b`` for operator A. Shelter
A has an open and a paused need and a ban against ``freiwillig``.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import timedelta
from typing import TypeVar

from django.utils import timezone

from konten import roles
from konten.models import User
from netzwerk.models import Organisation
from regionen.models import Bezirk, Region
from tests.factories import (
    BedarfFactory,
    BezirkFactory,
    OrganisationFactory,
    RegionFactory,
    UnterkunftFactory,
    UserFactory,
)
from unterkuenfte.models import Bedarf, Hausverbot, Unterkunft


@dataclass(kw_only=True)
class Personas:
    """One person per role; ``anonym`` is nobody signed in."""

    anonym: None = None
    admin: User
    verwaltung: User
    fortbildung: User
    rk_nord: User
    rk_suedost: User
    freiwillig: User
    ek_a: User
    ek_b: User
    org_a: User
    org_b: User


#: the personas' names in a fixed order, for tests parametrized by persona
PERSONAS = [f.name for f in fields(Personas)]


class NachName(Mapping):
    """Some fields of a world by name, read-only: for tests parametrized by a name."""

    def __init__(self, welt, namen):
        self._welt, self._namen = welt, list(namen)

    def __getitem__(self, name):
        if name not in self._namen:
            raise KeyError(name)
        return getattr(self._welt, name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._namen)

    def __len__(self) -> int:
        return len(self._namen)


@dataclass(kw_only=True)
class Grundlage(Personas):
    """The objects every domain builds on; the persona fields come from ``Personas``, so a
    test reads ``welt.ek_a`` and ``welt.unterkunft_a`` alike."""

    berlin: Region
    nord: Region
    suedost: Region
    pankow: Bezirk
    neukoelln: Bezirk
    traeger_a: Organisation
    traeger_b: Organisation
    unterkunft_a: Unterkunft
    unterkunft_b: Unterkunft
    bedarf_a: Bedarf
    bedarf_a_pausiert: Bedarf
    bedarf_b: Bedarf
    bedarf_b_pausiert: Bedarf
    hausverbot_a: Hausverbot

    @property
    def personas(self) -> Mapping[str, User | None]:
        """The personas by name: ``welt.personas["ek_a"]``, ``welt.personas.items()``."""
        return NachName(self, PERSONAS)

    @property
    def objekte(self) -> Mapping[str, object]:
        """Everything else by name: ``welt.objekte["traeger_a"]``."""
        return NachName(self, (f.name for f in fields(self) if f.name not in PERSONAS))


W = TypeVar("W", bound=Grundlage)


def _felder(welt) -> dict:
    return {f.name: getattr(welt, f.name) for f in fields(welt)}


def zusammensetzen(klasse: type[W], *teile: Grundlage, **weitere) -> W:
    """One world of the parts' fields (and ``weitere``); parts built on the same Grundlage
    share its objects."""
    werte = {}
    for teil in teile:
        werte.update(_felder(teil))
    return klasse(**werte, **weitere)


def persona(email, anzeigename, rolle=None, scope=None, **extra):
    user = UserFactory(email=email, anzeigename=anzeigename, **extra)
    if rolle:
        roles.rolle(rolle).grant(user, scope)
    return user


def grundlage_bauen() -> Grundlage:
    berlin = RegionFactory(name="Berlin", slug="berlin", art="stadt")
    nord = RegionFactory(name="Berlin-Nord", slug="berlin-nord", oberregion=berlin)
    suedost = RegionFactory(name="Berlin-Südost", slug="berlin-suedost", oberregion=berlin)
    pankow = BezirkFactory(name="Pankow", slug="pankow", region=nord)
    neukoelln = BezirkFactory(name="Neukölln", slug="neukoelln", region=suedost)
    traeger_a = OrganisationFactory(name="Träger Alpha")
    traeger_b = OrganisationFactory(name="Träger Beta")
    unterkunft_a = UnterkunftFactory(
        name="Unterkunft Ahornhof", betreiber=traeger_a, bezirk=pankow, strasse="Geheimweg 1"
    )
    unterkunft_b = UnterkunftFactory(
        name="Unterkunft Birkenhain",
        betreiber=traeger_b,
        bezirk=neukoelln,
        strasse="Verborgene Straße 2",
    )
    bedarfe = {
        "bedarf_a": BedarfFactory(unterkunft=unterkunft_a, titel="Deutsch am Abend"),
        "bedarf_a_pausiert": BedarfFactory(
            unterkunft=unterkunft_a, titel="Pausierte Hausaufgabenhilfe", status="pausiert"
        ),
        "bedarf_b": BedarfFactory(unterkunft=unterkunft_b, titel="Fußball am Samstag"),
        "bedarf_b_pausiert": BedarfFactory(
            unterkunft=unterkunft_b, titel="Pausierte Kleiderkammer", status="pausiert"
        ),
    }
    personas = {
        "admin": persona("admin@test.invalid", "Alex Admin", is_staff=True, is_superuser=True),
        "verwaltung": persona("verwaltung@test.invalid", "Vera Verwaltung", "verwaltung"),
        "fortbildung": persona("fortbildung@test.invalid", "Fatma Fortbildung", "fortbildungsteam"),
        "rk_nord": persona("rk-nord@test.invalid", "Rana Nord", "regionalkoordination", nord),
        "rk_suedost": persona(
            "rk-suedost@test.invalid", "Sören Südost", "regionalkoordination", suedost
        ),
        "freiwillig": persona("freiwillig@test.invalid", "Finn Freiwillig", "freiwillige"),
        "ek_a": persona(
            "ek-a@test.invalid", "Emma Ahornhof", "ehrenamtskoordination", unterkunft_a
        ),
        "ek_b": persona(
            "ek-b@test.invalid", "Ben Birkenhain", "ehrenamtskoordination", unterkunft_b
        ),
        "org_a": persona("org-a@test.invalid", "Olga Alpha", "organisationskontakt", traeger_a),
        "org_b": persona("org-b@test.invalid", "Otto Beta", "organisationskontakt", traeger_b),
    }
    return Grundlage(
        berlin=berlin,
        nord=nord,
        suedost=suedost,
        pankow=pankow,
        neukoelln=neukoelln,
        traeger_a=traeger_a,
        traeger_b=traeger_b,
        unterkunft_a=unterkunft_a,
        unterkunft_b=unterkunft_b,
        **bedarfe,
        **personas,
        hausverbot_a=Hausverbot.objects.create(
            unterkunft=unterkunft_a,
            person=personas["freiwillig"],
            bis=timezone.localdate() + timedelta(days=90),
            grund="Grund-A-vertraulich",
        ),
    )
