"""A grant through a Django group counts like a direct one: the pages a person opens and the
digest they read name the same shelters, regions and organisations."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from benachrichtigungen import digest
from benachrichtigungen.models import Einstellung
from netzwerk import services
from netzwerk.permissions import VERTRETEN
from regionen.permissions import KOORDINIEREN as REGION_KOORDINIEREN
from tests.factories import UserFactory
from unterkuenfte.permissions import KOORDINIEREN

WARTEND = "Bewerbungen, die auf Ihre Entscheidung warten"


def _ueber_gruppe(recht: str, objekt, name: str):
    """A person holding ``recht`` on ``objekt`` only as a member of a group."""
    person = UserFactory(anzeigename=name)
    gruppe = Group.objects.create(name=f"Gruppe von {name}")
    assign_perm(recht, gruppe, objekt)
    person.groups.add(gruppe)
    return person


def _digest(person) -> dict:
    """The titles and entries of the person's digest for today."""
    morgen = timezone.localdate() + timedelta(days=1)
    zeitraum = digest.zeitraum(Einstellung.Digest.TAEGLICH, morgen)
    return {
        abschnitt.titel: [eintrag.text for eintrag in abschnitt.eintraege]
        for abschnitt in digest.abschnitte([person], zeitraum).get(person.pk, [])
    }


def _seite(client_als, person, url) -> str:
    antwort = client_als(person).get(url)
    assert antwort.status_code == 200
    return antwort.content.decode()


def test_a_shelter_coordinated_through_a_group_is_on_the_list_and_in_the_digest(welt, client_als):
    person = _ueber_gruppe(f"unterkuenfte.{KOORDINIEREN}", welt.unterkunft_a, "Gina Gruppe")

    assert _digest(person)[WARTEND] == ["Bea Bewerberin · Deutsch am Abend"]
    seite = _seite(client_als, person, reverse("unterkuenfte:liste"))
    assert "Unterkunft Ahornhof" in seite
    assert "Unterkunft Birkenhain" not in seite
    # the regional coordination sees her among the shelter's coordination
    assert "Gina Gruppe" in _seite(client_als, welt.rk_nord, reverse("unterkuenfte:liste"))


def test_a_region_coordinated_through_a_group_opens_and_is_summed_up_in_the_digest(
    welt, client_als
):
    person = _ueber_gruppe(f"regionen.{REGION_KOORDINIEREN}", welt.nord, "Rolf Gruppe")

    assert "Region Berlin-Nord" in _digest(person)
    assert "Region Berlin-Südost" not in _digest(person)
    assert "Berlin-Nord" in _seite(
        client_als, person, reverse("regionen:detail", args=[welt.nord.pk])
    )
    anderswo = client_als(person).get(reverse("regionen:detail", args=[welt.suedost.pk]))
    assert anderswo.status_code == 404


def test_an_organisation_represented_through_a_group_shows_its_calls_and_their_applications(
    welt_netzwerk, client_als
):
    welt = welt_netzwerk
    person = _ueber_gruppe(f"netzwerk.{VERTRETEN}", welt.traeger_a, "Olaf Gruppe")

    assert _digest(person)[WARTEND] == ["Finn Freiwillig · Sprachcafé Alpha"]
    seite = _seite(client_als, person, reverse("unterkuenfte:aufrufe", args=[welt.traeger_a.pk]))
    assert "Sprachcafé Alpha" in seite


def test_an_organisation_represented_through_a_group_receives_its_lists_mail(
    welt_netzwerk, mailoutbox, django_capture_on_commit_callbacks
):
    welt = welt_netzwerk
    person = _ueber_gruppe(f"netzwerk.{VERTRETEN}", welt.traeger_a, "Olaf Gruppe")
    with django_capture_on_commit_callbacks(execute=True):
        services.nachricht_senden(welt.verteiler_nord, welt.rk_nord, "Treffen", "Am Montag.")

    an_alpha = [mail.to for mail in mailoutbox if welt.traeger_a.kontakt_email in mail.to]
    assert len(an_alpha) == 1
    assert person.email in an_alpha[0]
    assert welt.org_a.email in an_alpha[0]  # the contact with a direct grant, as before
