"""Every route against every persona: the status each role gets, and no leaked content."""

from collections import defaultdict

import pytest
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


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "route",
    [
        pytest.param(name, marks=pytest.mark.pdf) if MATRIX[name].pdf else name
        for name in sorted(MATRIX)
    ],
)
def test_each_persona_gets_what_the_matrix_says(route, persona, welt_netzwerk, client_als):
    welt = welt_netzwerk
    entry = MATRIX[route]
    args = entry.args(welt) if entry.args else []
    client = client_als(welt.personas[persona])
    url = reverse(route_of(route), args=args)
    response = client.get(url, HTTP_ACCEPT="text/html,application/json")

    expected = entry.erwartet(persona, api=route.startswith("api:"))
    if persona == "verwaltung":
        expected = fuer_verwaltung(route, entry, expected)
    assert response.status_code == expected, f"{route} as {persona}"
    if expected == 302 and persona == "anonym" and not route.startswith("admin:"):
        assert response["Location"].startswith(reverse("konten:login"))
    inhalt = b"".join(response.streaming_content) if response.streaming else response.content
    body = inhalt.decode(errors="replace")  # PDFs are bytes, downloads are streamed
    if entry.geheim and persona not in entry.ok and response.status_code == 200:
        assert entry.geheim(welt) not in body, f"{route} shows {persona} what is not theirs"
    if entry.geheim and persona in entry.ok and response.status_code == 200:
        assert entry.geheim(welt) in body, f"{route} hides from {persona} what is theirs"
    if entry.nie:
        for text in entry.nie(welt):
            assert text not in body, f"{route} shows {persona} {text!r}"
