"""The demo data: Berlin, its regions and districts, and a persona per role that can log in."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from common.demo_kontext import DEMO_PASSWORT_STANDARD
from konten import roles
from konten.models import User
from regionen.models import Bezirk, Region

pytestmark = pytest.mark.django_db

PERSONAS = {
    "admin@demo.invalid": "plattform_admin",
    "verwaltung@demo.invalid": "verwaltung",
    "fortbildung@demo.invalid": "fortbildungsteam",
    "rk-nord@demo.invalid": "regionalkoordination",
    "rk-suedost@demo.invalid": "regionalkoordination",
    "freiwillig@demo.invalid": "freiwillige",
}


def _laden():
    out = io.StringIO()
    call_command("demo_daten", stdout=out)
    return out.getvalue()


def test_berlin_has_three_regions_and_twelve_districts():
    _laden()
    berlin = Region.objects.get(slug="berlin")
    assert sorted(r.name for r in berlin.unterregionen.all()) == ["Nord", "Südost", "West"]
    assert Bezirk.objects.count() == 12
    assert Bezirk.objects.get(name="Neukölln").region.name == "Südost"


def test_running_it_twice_changes_nothing():
    _laden()
    counts = (Region.objects.count(), Bezirk.objects.count(), User.objects.count())
    _laden()
    assert (Region.objects.count(), Bezirk.objects.count(), User.objects.count()) == counts


def test_the_command_prints_the_password_and_every_persona():
    ausgabe = _laden()
    assert DEMO_PASSWORT_STANDARD in ausgabe
    for email in PERSONAS:
        assert email in ausgabe


@pytest.mark.parametrize("email", sorted(PERSONAS))
def test_every_persona_logs_in_with_the_demo_password_and_holds_its_role(email, client):
    _laden()
    response = client.post(
        reverse("konten:login"), {"username": email, "password": DEMO_PASSWORT_STANDARD}
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session
    user = User.objects.get(email=email)
    assert PERSONAS[email] in [r.key for r in roles.rollen_von(user)]


def test_the_regional_coordinator_of_nord_sees_nord_only():
    _laden()
    user = User.objects.get(email="rk-nord@demo.invalid")
    assert [r.name for r in Region.objects.for_user(user)] == ["Nord"]
