from django.utils.functional import SimpleLazyObject

from . import roles


def _navigation(user):
    eintraege = list(roles.oeffentliche_navigation)
    quellen = [rolle.navigation for rolle in roles.rollen_von(user)]
    for quelle in [*quellen, *roles.weitere_navigation]:
        for eintrag in quelle(user):
            if eintrag not in eintraege:
                eintraege.append(eintrag)
    return eintraege


def navigation(request):
    """Main-menu entries of the roles the user holds; computed only if a template asks."""
    user = request.user
    return {
        "oeffentliche_navigation": roles.oeffentliche_navigation,
        "navigation": SimpleLazyObject(lambda: _navigation(user)),
        "rollen": SimpleLazyObject(lambda: roles.rollen_von(user)),
        "darf_einladen": SimpleLazyObject(
            lambda: user.is_authenticated and bool(roles.einladbare_rollen(user))
        ),
    }
