"""The platform's roles: one object per role in one registry, and what the apps add to it.

A role is defined once, by the app that owns what it is granted on (``konten``: the global
roles; ``regionen``: Regionalkoordination; ``unterkuenfte``: Ehrenamtskoordination;
``netzwerk``: Organisationskontakt): who holds it, how it is granted, who may invite into
it. Any app then contributes to any role with ``beitragen``: main-menu entries, start-page
sections and, for the administration's closed role, the routes it reaches. Every
contribution carries its own place (``reihenfolge``), so nothing depends on the order of
``INSTALLED_APPS``. ``manage.py rollen`` prints the registry: what each role sees and reaches.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.urls import resolve, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Menuepunkt:
    label: str
    url_name: str
    #: the menu group it appears in (``MENUEGRUPPEN``)
    gruppe: str
    reihenfolge: int = 50
    #: a further condition on the person (e.g. runs a list); None: whoever holds the role
    bedingung: Callable | None = None

    def gilt_fuer(self, user) -> bool:
        return self.bedingung is None or self.bedingung(user)


@dataclass(frozen=True)
class Startabschnitt:
    """A section of a role's card on the start page: ``template`` renders
    ``kontext(user)`` as ``abschnitt``."""

    template: str
    kontext: Callable = lambda user: {}
    reihenfolge: int = 50


#: the groups of the main menu, in their order: (key, label); a group with one entry shows
#: as a plain link, one with more as a menu that opens
MENUEGRUPPEN = (
    ("engagement", _("Mein Engagement")),
    ("unterkunft", _("Unterkunft")),
    ("region", _("Region")),
    ("netzwerk", _("Netzwerk")),
    ("fortbildung", _("Fortbildung")),
    ("zahlen", _("Zahlen")),
    ("entdecken", _("Entdecken")),
    ("plattform", _("Plattform")),
)
#: group of the account menu at the end of the bar
KONTO = "konto"


class Rolle:
    key = ""
    label = ""
    beschreibung = ""
    #: dotted "app_label.Model" of the object the role is granted on, or None for global roles
    scope_model: str | None = None
    einladbar = True
    #: True: the role alone reaches only its contributed routes (and public pages)
    geschlossen = False
    #: place of the role's card on the start page
    reihenfolge = 50
    #: True: whoever holds the role signs in with a second factor (konten/zwei_faktoren.py)
    zwei_faktoren = False

    def __init__(self):
        self.menue: list[Menuepunkt] = []
        self.abschnitte: list[Startabschnitt] = []
        #: view names and URL namespaces a closed role reaches
        self.routen: set[str] = set()

    def holds(self, user) -> bool:
        raise NotImplementedError

    def grant(self, user, scope=None) -> None:
        raise NotImplementedError

    def may_invite(self, inviter) -> bool:
        return inviter.is_staff

    def scope_choices(self, inviter):
        """Objects the inviter may grant this role on (None for global roles)."""
        return None

    def start_abschnitte(self, user) -> list[tuple[Startabschnitt, dict]]:
        return [(a, a.kontext(user)) for a in sorted(self.abschnitte, key=_platz)]


def _platz(beitrag) -> int:
    return beitrag.reihenfolge


class GruppenRolle(Rolle):
    """A global role held through membership in a Django group of the same name."""

    gruppe = ""

    def holds(self, user) -> bool:
        return self.gruppe in gruppen_namen(user)

    def grant(self, user, scope=None) -> None:
        group, _created = Group.objects.get_or_create(name=self.gruppe)
        user.groups.add(group)
        user.__dict__.pop("_gruppen_namen", None)


class PlattformAdmin(Rolle):
    key = "plattform_admin"
    label = _("Plattform-Admin")
    beschreibung = _("Sieht und ändert alles, verwaltet Konten und Stammdaten.")
    einladbar = False
    reihenfolge = 10
    zwei_faktoren = True

    def holds(self, user) -> bool:
        return user.is_staff


class Verwaltung(GruppenRolle):
    key = "verwaltung"
    gruppe = "Verwaltung"
    label = _("Verwaltung")
    beschreibung = _("Liest Regionsberichte und Kennzahlen, ohne Namen von Personen.")
    geschlossen = True
    reihenfolge = 20
    zwei_faktoren = True


class Fortbildungsteam(GruppenRolle):
    key = "fortbildungsteam"
    gruppe = "Fortbildungsteam"
    label = _("Fortbildungsteam")
    beschreibung = _("Plant die Fortbildungsreihen Basis und Aufbau.")
    reihenfolge = 40
    zwei_faktoren = True

    def may_invite(self, inviter) -> bool:
        return inviter.is_staff or self.holds(inviter)


class Freiwillige(GruppenRolle):
    key = "freiwillige"
    gruppe = "Freiwillige"
    label = _("Freiwillige")
    beschreibung = _("Engagiert sich ehrenamtlich in Unterkünften.")
    reihenfolge = 70


@dataclass
class _Registry:
    rollen: dict = field(default_factory=dict)
    #: role key -> contributions made before the role was registered
    offen: dict = field(default_factory=dict)
    #: public pages every visitor reaches from the menu
    oeffentlich: list = field(default_factory=list)
    #: the account menu of everyone signed in
    konto: list = field(default_factory=list)


_registry = _Registry()


def register(rolle: Rolle) -> None:
    if rolle.key in _registry.rollen:
        raise ValueError(f"role {rolle.key!r} is defined twice")
    _registry.rollen[rolle.key] = rolle
    for beitrag in _registry.offen.pop(rolle.key, []):
        _hinzufuegen(rolle, *beitrag)


def beitragen(key: str, menue=(), abschnitte=(), routen=()) -> None:
    """Adds menu entries, start-page sections and reachable routes to the role ``key``,
    whether or not the app defining it has registered it yet."""
    if key in _registry.rollen:
        _hinzufuegen(_registry.rollen[key], menue, abschnitte, routen)
    else:
        _registry.offen.setdefault(key, []).append((menue, abschnitte, routen))


def _hinzufuegen(rolle: Rolle, menue, abschnitte, routen) -> None:
    rolle.menue.extend(menue)
    rolle.abschnitte.extend(abschnitte)
    rolle.routen.update(routen)


def oeffentlich_beitragen(*punkte: Menuepunkt) -> None:
    _registry.oeffentlich.extend(punkte)


def konto_beitragen(*punkte: Menuepunkt) -> None:
    _registry.konto.extend(punkte)


def oeffentliche_menuepunkte() -> list[Menuepunkt]:
    return sorted(_registry.oeffentlich, key=_platz)


def konto_menuepunkte(user=None) -> list[Menuepunkt]:
    """The account menu of ``user`` (or every entry it can have)."""
    punkte = sorted(_registry.konto, key=_platz)
    return [p for p in punkte if user is None or p.gilt_fuer(user)]


def _darf_einladen(user) -> bool:
    return bool(einladbare_rollen(user))


def zwei_faktoren_noetig(user) -> bool:
    """Whether one of the person's roles signs in with a second factor."""
    return any(r.zwei_faktoren for r in rollen_von(user))


def register_base_roles() -> None:
    """The global roles, the account menu, and what ``konten`` adds to the roles."""
    for rolle_ in (PlattformAdmin(), Verwaltung(), Fortbildungsteam(), Freiwillige()):
        register(rolle_)
    konto_beitragen(
        Menuepunkt(_("Mein Konto"), "konten:konto", KONTO, 10),
        Menuepunkt(_("Mein Kalender"), "konten:kalender", KONTO, 20),
        Menuepunkt(_("Zwei Faktoren"), "konten:zwei_faktoren", KONTO, 25, zwei_faktoren_noetig),
        Menuepunkt(_("API-Zugänge"), "konten:api_zugaenge", KONTO, 30),
        Menuepunkt(_("Einladungen"), "konten:einladungen", KONTO, 40, _darf_einladen),
    )
    beitragen(
        "plattform_admin",
        menue=[
            Menuepunkt(_("Verwaltungsoberfläche"), "admin:index", "plattform", 10),
            Menuepunkt(
                _("Verarbeitungsverzeichnis"), "konten:verarbeitungsverzeichnis", "plattform", 20
            ),
            Menuepunkt(_("Aufbewahrungsplan"), "konten:aufbewahrungsplan", "plattform", 30),
        ],
        abschnitte=[Startabschnitt("konten/start/plattform_admin.html")],
    )
    beitragen(
        "verwaltung",
        abschnitte=[Startabschnitt("konten/start/verwaltung.html", reihenfolge=10)],
        # its own account; the figures come from the apps that compute them
        routen=[
            "start",
            "konten:konto",
            "konten:kalender",
            "konten:sprache",
            "konten:logout",
            "konten:passwort_aendern",
            "konten:passwort_geaendert",
            "konten:zwei_faktoren",
            "konten:zweiter_faktor",
            "konten:api_zugaenge",
            "konten:api_zugang_widerrufen",
            "konten:loeschung_beantragen",
            "konten:loeschung_widerrufen",
            "konten:auskunft",
            "konten:auskunft_status",
            "konten:auskunft_datei",
        ],
    )
    beitragen(
        "fortbildungsteam",
        abschnitte=[Startabschnitt("konten/start/fortbildungsteam.html", reihenfolge=90)],
    )


def alle_rollen() -> list[Rolle]:
    return sorted(_registry.rollen.values(), key=_platz)


def rolle(key: str) -> Rolle:
    return _registry.rollen[key]


def alle_rollen_nach_key() -> dict:
    return dict(_registry.rollen)


def gruppen_namen(user) -> frozenset[str]:
    """The user's group names, read once per user object."""
    if not user.is_authenticated:
        return frozenset()
    if "_gruppen_namen" not in user.__dict__:
        user.__dict__["_gruppen_namen"] = frozenset(user.groups.values_list("name", flat=True))
    return user.__dict__["_gruppen_namen"]


def rollen_von(user) -> list[Rolle]:
    """The roles a user holds, in their order, computed once per user object."""
    if not user.is_authenticated:
        return []
    if "_rollen" not in user.__dict__:
        gehalten = [r for r in alle_rollen() if r.holds(user)]
        user.__dict__["_rollen"] = gehalten
    return user.__dict__["_rollen"]


def geschlossene_rolle(user) -> Rolle | None:
    """The closed role a person holds and nothing else beside, or None. The
    administration's role alone reads figures, never a person's record: pages and API
    answer it 403 everywhere but in its routes and public pages
    (``konten.middleware.GeschlosseneRollenMiddleware``, ``konten.permissions``)."""
    if not user.is_authenticated or user.is_staff:
        return None
    gehalten = rollen_von(user)
    if len(gehalten) == 1 and gehalten[0].geschlossen:
        return gehalten[0]
    return None


def nur_kennzahlen(user) -> bool:
    return geschlossene_rolle(user) is not None


def erreicht(user, view_name: str) -> bool:
    """Whether the person's roles let them open the (non-public) route ``view_name``."""
    rolle_ = geschlossene_rolle(user)
    if rolle_ is None:
        return True
    namespace = view_name.rpartition(":")[0]
    return view_name in rolle_.routen or namespace in rolle_.routen


def darf_oeffnen(user, url_name: str, *args) -> bool:
    """Whether a link to ``url_name`` leads somewhere for this person: public pages always,
    others unless a closed role keeps them out. Pages show a link only where this holds."""
    if geschlossene_rolle(user) is None:
        return True
    view = resolve(reverse(url_name, args=args)).func
    return not getattr(view, "login_required", True) or erreicht(user, url_name)


def menue(user) -> list[Menuepunkt]:
    """The menu entries of every role the person holds, each route once, in menu order."""
    gruppen = {key: platz for platz, (key, _label) in enumerate(MENUEGRUPPEN)}
    punkte = [p for r in rollen_von(user) for p in r.menue if p.gilt_fuer(user)]
    punkte.sort(key=lambda p: (gruppen[p.gruppe], p.reihenfolge))
    gesehen = set()
    eindeutig = []
    for punkt in punkte:
        if punkt.url_name not in gesehen:
            gesehen.add(punkt.url_name)
            eindeutig.append(punkt)
    return eindeutig


def einladbare_rollen(inviter) -> list[Rolle]:
    return [r for r in alle_rollen() if r.einladbar and r.may_invite(inviter)]
