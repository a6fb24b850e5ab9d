"""Every list route costs the same number of queries for 5 rows as for 50.

A list route is any Django list view or API ``list`` action; each needs an entry in
LISTEN that fills its list with n rows visible to the persona that requests it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.views.generic.list import MultipleObjectMixin

from konten.services import einladung_create
from tests.factories import BezirkFactory, RegionFactory
from tests.routes import url_patterns


def _unterregionen(welt, n):
    regionen = RegionFactory.create_batch(n, oberregion=welt.nord)
    for region in regionen:
        BezirkFactory.create_batch(2, region=region)
    return [region.name for region in regionen]


def _einladungen(welt, n):
    emails = []
    for region in RegionFactory.create_batch(n, oberregion=welt.nord):
        email = f"eingeladen-{region.pk}@test.invalid"
        einladung_create(welt.admin, email, "regionalkoordination", region)
        emails.append(email)
    return emails


def _bezirke(welt, n):
    return [bezirk.name for bezirk in BezirkFactory.create_batch(n, region=welt.nord)]


# route name -> (persona, fill(welt, n) returning the texts the n new rows show)
LISTEN = {
    "regionen:liste": ("rk_nord", _unterregionen),
    "konten:einladungen": ("admin", _einladungen),
    "api:region-list": ("rk_nord", _unterregionen),
    "api:bezirk-list": ("freiwillig", _bezirke),
    # Start pages list regions for the Regionalkoordination and the Verwaltung.
    "start": ("verwaltung", _unterregionen),
}


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
    assert not missing, f"List routes without an entry in LISTEN: {missing}"


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.parametrize("route", sorted(LISTEN))
def test_a_list_costs_as_many_queries_for_50_rows_as_for_5(route, welt, client_als):
    persona, fill = LISTEN[route]
    client = client_als(welt.personas[persona])
    url = reverse(route) + ("?page_size=100" if route.startswith("api:") else "")
    rows = fill(welt, 5)
    small, _response = _queries(client, url)
    rows += fill(welt, 45)
    large, response = _queries(client, url)
    assert large == small, f"{route}: {small} queries with 5 rows, {large} with 50"
    body = response.content.decode()
    shown = [text for text in rows if f"{text}<" in body or f'{text}"' in body]
    # An HTML page holds 50 rows; the scope may add a row of its own to the same page.
    assert len(shown) >= 49, f"{route} showed {len(shown)} of the 50 rows it was filled with"
