"""Every list route costs the same number of queries for 5 rows as for 50.

A list route is any Django list view or API ``list`` action; each needs an entry in the
``LISTEN`` of its app's ``tests/<app>/abfragen.py`` that fills its list with n rows visible
to the persona that requests it.
"""

from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.views.generic.list import MultipleObjectMixin

from tests.berichte import abfragen as berichte
from tests.fortbildung import abfragen as fortbildung
from tests.freiwillige import abfragen as freiwillige
from tests.konten import abfragen as konten
from tests.netzwerk import abfragen as netzwerk
from tests.regionen import abfragen as regionen
from tests.routes import url_patterns
from tests.unterkuenfte import abfragen as unterkuenfte

#: the apps whose ``LISTEN`` and ``SEITENGROESSE`` make up the budgets
APPS = (konten, regionen, netzwerk, unterkuenfte, freiwillige, fortbildung, berichte)

#: route name -> (persona, fill(welt, n) returning the texts the n new rows show[, url args])
LISTEN = {name: eintrag for app in APPS for name, eintrag in app.LISTEN.items()}

#: routes that show fewer rows a page than the 50 a test adds
SEITENGROESSE = {name: zahl for app in APPS for name, zahl in app.SEITENGROESSE.items()}


def list_routes():
    for name, pattern in url_patterns():
        if name.startswith("admin:"):
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        actions = getattr(pattern.callback, "actions", None) or {}
        if actions.get("get") == "list" or (
            view_class is not None and issubclass(view_class, MultipleObjectMixin)
        ):
            yield name


def test_every_list_route_has_a_query_budget_entry():
    missing = sorted(set(list_routes()) - set(LISTEN))
    assert not missing, (
        f"List routes without an entry in the LISTEN of their app's tests/<app>/abfragen.py: "
        f"{missing}"
    )


def test_each_list_route_has_its_budget_in_one_app_only():
    """The budgets are one dict made of the apps' dicts: an entry declared twice would hide
    one."""
    apps_of = defaultdict(list)
    for app in APPS:
        for name in (*app.LISTEN, *app.SEITENGROESSE):
            apps_of[name.partition("#")[0]].append(app.__name__)
    twice = {route: apps for route, apps in apps_of.items() if len(set(apps)) > 1}
    assert not twice, f"List routes with budgets in more than one app: {twice}"


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


#: routes whose rows need the network of tests/welten/netzwerk.py (welt_ganz)
IM_NETZWERK = ("netzwerk:", "api:netzwerk-", "unterkuenfte:aufrufe")


@pytest.mark.parametrize("route", sorted(LISTEN))
def test_a_list_costs_as_many_queries_for_50_rows_as_for_5(route, welt, client_als, request):
    """``"unterkuenfte:board#aufrufe"`` is a further case of ``unterkuenfte:board``,
    ``"regionen:termine#vergangene"`` the past section of the jour-fixe list."""
    if route.startswith(IM_NETZWERK):
        welt = request.getfixturevalue("welt_ganz")
    persona, fill, *args = LISTEN[route]
    client = client_als(welt.personas[persona])
    url = reverse(route.partition("#")[0], args=args[0](welt) if args else None)
    url += "?page_size=100" if route.startswith("api:") else ""
    rows = fill(welt, 5)
    small, _response = _queries(client, url)
    rows += fill(welt, 45)
    large, response = _queries(client, url)
    assert large == small, f"{route}: {small} queries with 5 rows, {large} with 50"
    body = response.content.decode()
    shown = [text for text in rows if f"{text}<" in body or f'{text}"' in body]
    # A page may hold fewer rows than were added (the board shows 20 a page).
    expected = SEITENGROESSE.get(route, 49)
    assert len(shown) >= expected, f"{route} showed {len(shown)} of the 50 rows it was filled with"
