"""Every route against every persona: the status each role gets, and no leaked content."""

from collections import defaultdict

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.access_matrix import APPS, GEDECKT_DURCH, MATRIX, fuer_verwaltung
from tests.conftest import PERSONAS
from tests.routes import url_patterns


def route_names():
    return (name for name, _pattern in url_patterns())


def route_of(entry_name: str) -> str:
    """``"netzwerk:veranstaltung#entwurf"`` is a further case of ``netzwerk:veranstaltung``."""
    return entry_name.partition("#")[0]


def _covered(name: str) -> bool:
    return name in MATRIX or any(name.startswith(prefix) for prefix in GEDECKT_DURCH)


def test_every_route_has_an_entry_in_the_access_matrix():
    missing = sorted({name for name in route_names() if not _covered(name)})
    assert not missing, (
        "Routes without an access-matrix entry (add them to tests/<app>/zugriff.py of the "
        f"app whose views answer them, saying who may see them and with which object): {missing}"
    )


def test_each_route_has_its_entries_in_one_app_only():
    """The matrix is one dict made of the apps' dicts: an entry declared twice would hide one."""
    apps_of = defaultdict(list)
    for app in APPS:
        for name in app.ZUGRIFF:
            apps_of[route_of(name)].append(app.__name__)
    twice = {route: apps for route, apps in apps_of.items() if len(set(apps)) > 1}
    assert not twice, f"Routes with entries in more than one app: {twice}"


def test_the_access_matrix_names_no_route_that_is_gone():
    names = set(route_names())
    assert not sorted({entry for entry in MATRIX if route_of(entry) not in names})


def _abweichungen(route, entry, persona, welt, response) -> list[str]:
    """What a persona's answer shows against the matrix: nothing when all is as it says."""
    expected = entry.erwartet(persona, api=route.startswith("api:"))
    if persona == "verwaltung":
        expected = fuer_verwaltung(route, entry, expected)
    if response.status_code != expected:
        return [f"{route} as {persona}: {response.status_code}, the matrix says {expected}"]
    funde = []
    anmeldung = reverse("konten:login")
    if (
        expected == 302
        and persona == "anonym"
        and not route.startswith("admin:")
        and not response["Location"].startswith(anmeldung)
    ):
        funde.append(f"{route} sends anonym to {response['Location']}, not to {anmeldung}")
    inhalt = b"".join(response.streaming_content) if response.streaming else response.content
    body = inhalt.decode(errors="replace")  # PDFs are bytes, downloads are streamed
    if entry.geheim and response.status_code == 200:
        if persona not in entry.ok and entry.geheim(welt) in body:
            funde.append(f"{route} shows {persona} what is not theirs")
        if persona in entry.ok and entry.geheim(welt) not in body:
            funde.append(f"{route} hides from {persona} what is theirs")
    for text in entry.nie(welt) if entry.nie else ():
        if text in body:
            funde.append(f"{route} shows {persona} {text!r}")
    return funde


@pytest.mark.parametrize(
    "route",
    [
        pytest.param(name, marks=pytest.mark.pdf) if MATRIX[name].pdf else name
        for name in sorted(MATRIX)
    ],
)
def test_each_persona_gets_what_the_matrix_says(route, welt_ganz, client_als):
    """One route, every persona in turn on the same world: each signs in afresh and starts
    with an empty cache (rate-limit counters), so no answer depends on the one before."""
    welt = welt_ganz
    entry = MATRIX[route]
    url = reverse(route_of(route), args=entry.args(welt) if entry.args else [])
    abweichungen = []
    for persona in PERSONAS:
        cache.clear()
        client = client_als(welt.personas[persona])
        response = client.get(url, HTTP_ACCEPT="text/html,application/json")
        abweichungen += _abweichungen(route, entry, persona, welt, response)
    assert not abweichungen, "\n".join(abweichungen)
