from dataclasses import dataclass

from django.utils.functional import SimpleLazyObject

from . import roles


@dataclass(frozen=True)
class Gruppe:
    key: str
    label: str
    punkte: list
    #: the current page is one of its entries
    aktiv: bool


def _gruppen(user, aktuell: str) -> list[Gruppe]:
    """The main menu of a signed-in person: their roles' entries and the public pages, in
    the groups of ``roles.MENUEGRUPPEN``; each route once."""
    punkte = roles.menue(user)
    vorhanden = {p.url_name for p in punkte}
    punkte += [p for p in roles.oeffentliche_menuepunkte() if p.url_name not in vorhanden]
    gruppen = []
    for key, label in roles.MENUEGRUPPEN:
        eigene = [p for p in punkte if p.gruppe == key]
        if eigene:
            aktiv = any(p.url_name == aktuell for p in eigene)
            gruppen.append(Gruppe(key, label, eigene, aktiv))
    return gruppen


def navigation(request):
    """Main-menu entries of the roles the person holds; computed only if a template asks."""
    user = request.user
    treffer = getattr(request, "resolver_match", None)
    aktuell = treffer.view_name if treffer else ""
    return {
        "aktuelle_seite": aktuell,
        "oeffentliche_navigation": roles.oeffentliche_menuepunkte(),
        "menue": SimpleLazyObject(lambda: _gruppen(user, aktuell)),
        "konto_menue": SimpleLazyObject(
            lambda: [p for p in roles.konto_menuepunkte(user) if roles.erreicht(user, p.url_name)]
        ),
    }
