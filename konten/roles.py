"""The platform's roles, registered by the app that owns each role's scope.

A role knows who holds it, how it is granted (used by invitations), who may invite into it
and on which objects, and what its section of the start page shows. ``konten`` sits at the
bottom of the house, so higher apps register their roles here from ``AppConfig.ready``.
"""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

_registry: dict = {}
#: (label, url name) of public pages every visitor reaches from the menu; apps add theirs
oeffentliche_navigation: list = []
#: user -> further (label, url name) entries: pages that follow from what a person runs
#: rather than from one role (the network's lists are run by coordinations and organisations)
weitere_navigation: list = []


class Rolle:
    key = ""
    label = ""
    beschreibung = ""
    #: dotted "app_label.Model" of the object the role is granted on, or None for global roles
    scope_model: str | None = None
    #: template of this role's section on the start page
    start_template = ""
    einladbar = True

    def holds(self, user) -> bool:
        raise NotImplementedError

    def grant(self, user, scope=None) -> None:
        raise NotImplementedError

    def may_invite(self, inviter) -> bool:
        return inviter.is_staff

    def scope_choices(self, inviter):
        """Objects the inviter may grant this role on (None for global roles)."""
        return None

    def start_context(self, user) -> dict:
        return {}

    def navigation(self, user) -> list[tuple[str, str]]:
        """(label, url name) pairs this role adds to the main navigation."""
        return []


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
    start_template = "konten/start/plattform_admin.html"
    einladbar = False

    def holds(self, user) -> bool:
        return user.is_staff

    def navigation(self, user):
        return [(_("Verwaltungsoberfläche"), "admin:index")]


class Verwaltung(GruppenRolle):
    key = "verwaltung"
    gruppe = "Verwaltung"
    label = _("Verwaltung")
    beschreibung = _("Liest Regionsberichte und Kennzahlen, ohne Namen von Personen.")
    start_template = "konten/start/verwaltung.html"


class Fortbildungsteam(GruppenRolle):
    key = "fortbildungsteam"
    gruppe = "Fortbildungsteam"
    label = _("Fortbildungsteam")
    beschreibung = _("Plant die Fortbildungsreihen Basis und Aufbau.")
    start_template = "konten/start/fortbildungsteam.html"

    def may_invite(self, inviter) -> bool:
        return inviter.is_staff or self.holds(inviter)


class Freiwillige(GruppenRolle):
    key = "freiwillige"
    gruppe = "Freiwillige"
    label = _("Freiwillige")
    beschreibung = _("Engagiert sich ehrenamtlich in Unterkünften.")
    start_template = "konten/start/freiwillige.html"


def register(rolle: Rolle) -> None:
    _registry[rolle.key] = rolle


def register_base_roles() -> None:
    for rolle in (PlattformAdmin(), Verwaltung(), Fortbildungsteam(), Freiwillige()):
        register(rolle)


def alle_rollen() -> list[Rolle]:
    return list(_registry.values())


def rolle(key: str) -> Rolle:
    return _registry[key]


def alle_rollen_nach_key() -> dict:
    return dict(_registry)


def gruppen_namen(user) -> frozenset[str]:
    """The user's group names, read once per user object."""
    if not user.is_authenticated:
        return frozenset()
    if "_gruppen_namen" not in user.__dict__:
        user.__dict__["_gruppen_namen"] = frozenset(user.groups.values_list("name", flat=True))
    return user.__dict__["_gruppen_namen"]


def nur_kennzahlen(user) -> bool:
    """The administration's role alone: it reads figures, never a person's record. Pages
    and API answer it 403 everywhere but in the reports, its own account and public pages
    (``konten.middleware.NurKennzahlenMiddleware``, ``konten.permissions.NurKennzahlen``)."""
    if not user.is_authenticated or user.is_staff or "Verwaltung" not in gruppen_namen(user):
        return False
    return [r.key for r in rollen_von(user)] == [Verwaltung.key]


def rollen_von(user) -> list[Rolle]:
    """The roles a user holds, in registry order, computed once per user object."""
    if not user.is_authenticated:
        return []
    if "_rollen" not in user.__dict__:
        user.__dict__["_rollen"] = [r for r in _registry.values() if r.holds(user)]
    return user.__dict__["_rollen"]


def einladbare_rollen(inviter) -> list[Rolle]:
    return [r for r in _registry.values() if r.einladbar and r.may_invite(inviter)]
