""" "Bewerbungen warten" means the same applications wherever it is counted or listed: open
ones and those asked back (the coordination still decides on both)."""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import BewerbungFactory, UserFactory, freiwillige_bereit


@pytest.fixture
def posteingang(welt):
    """Shelter A: Bea's open application, two asked back, one declined."""
    for nummer, status in enumerate(["rueckfrage", "rueckfrage", "abgelehnt"]):
        person = UserFactory(email=f"warte{nummer}@test.invalid")
        freiwillige_bereit(person)
        BewerbungFactory(bedarf=welt.bedarf_a, person=person, status=status)
    return welt


def _tabelle(html: str) -> str:
    return html.split("<tbody>")[1].split("</tbody>")[0]


def _zeilen(html: str) -> int:
    return _tabelle(html).count("<tr>")


def test_the_start_page_counts_the_applications_its_link_lists(posteingang, client_als):
    client = client_als(posteingang.ek_a)

    start = client.get(reverse("start")).content.decode()
    link, anzahl = re.search(
        r'href="([^"]*bewerbungen/[^"]*)">(\d+) Bewerbungen warten auf Entscheidung', start
    ).groups()
    liste = client.get(link.replace("&amp;", "&")).content.decode()

    assert int(anzahl) == 3
    assert _zeilen(liste) == int(anzahl)
    assert len(re.findall(r"<td[^>]*>Rückfrage</td>", _tabelle(liste))) == 2


def test_the_api_filter_and_the_start_page_count_the_same_applications(posteingang, client_als):
    start = client_als(posteingang.ek_a).get(reverse("start")).content.decode()
    anzahl = int(re.search(r"(\d+) Bewerbungen warten auf Entscheidung", start)[1])
    api = APIClient()
    api.force_authenticate(posteingang.ek_a)

    antwort = api.get(reverse("api:bewerbung-list") + "?wartend=true")

    assert antwort.json()["count"] == anzahl
    assert {b["status"] for b in antwort.json()["results"]} == {"offen", "rueckfrage"}
