"""Each role is one object in one registry; the apps contribute its menu, its start page
and, for the administration's closed role, what it reaches. Nothing depends on app order."""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.apps import apps

from konten import roles

pytestmark = [pytest.mark.django_db, pytest.mark.zeitlos]


def _menue(user) -> list[tuple[str, str, str]]:
    return [(p.gruppe, str(p.label), p.url_name) for p in roles.menue(user)]


def _frisch(monkeypatch, reihenfolge) -> None:
    """A new registry filled by the apps' contributions in the given order of apps."""
    monkeypatch.setattr(roles, "_registry", roles._Registry())
    for app in reihenfolge:
        if app == "konten":
            roles.register_base_roles()
        else:
            __import__(f"{app}.roles", fromlist=["beitragen"]).beitragen()


APPS = ["konten", "regionen", "netzwerk", "unterkuenfte", "freiwillige", "fortbildung"]


def test_menus_and_start_pages_do_not_depend_on_the_order_of_the_apps(welt_ganz, monkeypatch):
    personas = [p for p in welt_ganz.personas.values() if p]
    erwartet = {p.email: _menue(p) for p in personas}
    abschnitte = {
        r.key: [a.template for a in sorted(r.abschnitte, key=lambda a: a.reihenfolge)]
        for r in roles.alle_rollen()
    }

    _frisch(monkeypatch, reversed([*APPS, "berichte"]))

    for person in personas:
        person.__dict__.pop("_rollen", None)
        assert _menue(person) == erwartet[person.email], person.email
    for rolle in roles.alle_rollen():
        geordnet = sorted(rolle.abschnitte, key=lambda a: a.reihenfolge)
        assert [a.template for a in geordnet] == abschnitte[rolle.key], rolle.key


def test_a_role_defined_twice_is_refused():
    with pytest.raises(ValueError, match="defined twice"):
        roles.register(roles.Verwaltung())


def test_what_the_regional_coordination_sees_is_read_from_the_registry(welt):
    assert _menue(welt.rk_nord) == [
        ("region", "Meine Regionen", "regionen:liste"),
        ("region", "Unterkünfte", "unterkuenfte:liste"),
        ("region", "Jours fixes", "regionen:termine"),
        ("netzwerk", "Meine Veranstaltungen", "netzwerk:meine"),
        ("netzwerk", "Verteiler", "netzwerk:verteiler_liste"),
        ("zahlen", "Berichte", "berichte:uebersicht"),
        ("zahlen", "Freiwillige in Zahlen", "freiwillige:kennzahlen"),
    ]


def test_a_route_two_roles_contribute_appears_once(welt):
    from unterkuenfte.roles import Ehrenamtskoordination

    Ehrenamtskoordination().grant(welt.rk_nord, welt.unterkunft_a)
    welt.rk_nord.__dict__.pop("_rollen", None)

    namen = [url_name for _gruppe, _label, url_name in _menue(welt.rk_nord)]
    assert namen.count("regionen:termine") == 1
    assert namen.count("unterkuenfte:liste") == 1


def test_every_menu_entry_of_every_persona_opens(welt_ganz, client_als):
    for name, person in welt_ganz.personas.items():
        if person is None:
            continue
        client = client_als(person)
        seite = client.get("/").content.decode()
        for href in re.findall(r'<a class="(?:nav-link|dropdown-item)" href="([^"]+)"', seite):
            antwort = client.get(href, follow=True)
            assert antwort.status_code == 200, f"{name}: {href} answers {antwort.status_code}"


LINK = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?"')
NICHT_FOLGEN = ("/static/", "/admin/", "/api/", "/konten/abmelden/")


def _erreichbare_seiten(client, grenze=120):
    """Every page of the site reachable by following links from the start page (GET only)."""
    gesehen, offen, antworten = {"/"}, deque(["/"]), {}
    while offen and len(antworten) < grenze:
        pfad = offen.popleft()
        antwort = client.get(pfad)
        antworten[pfad] = antwort.status_code
        if "text/html" not in antwort.get("Content-Type", ""):
            continue
        for ziel in LINK.findall(antwort.content.decode()):
            ziel = urlsplit(ziel).path
            if ziel not in gesehen and not ziel.startswith(NICHT_FOLGEN):
                gesehen.add(ziel)
                offen.append(ziel)
    return antworten


def test_the_administration_is_shown_no_link_it_cannot_open(welt_ganz, client_als):
    antworten = _erreichbare_seiten(client_als(welt_ganz.verwaltung))

    verboten = sorted(pfad for pfad, status in antworten.items() if status == 403)
    assert verboten == [], verboten
    assert "/berichte/" in antworten


def test_the_regions_page_answers_the_administration_403(welt, client_als):
    assert client_als(welt.verwaltung).get("/regionen/").status_code == 403


def test_the_registry_command_lists_every_role_with_its_menu(capsys):
    from django.core.management import call_command

    call_command("rollen")
    ausgabe = capsys.readouterr().out
    for rolle in roles.alle_rollen():
        assert f"[{rolle.key}]" in ausgabe
    assert "Region › Unterkünfte: unterkuenfte:liste" in ausgabe
    assert "reaches only benachrichtigungen, berichte, freiwillige:kennzahlen" in ausgabe
    assert apps.is_installed("berichte")
