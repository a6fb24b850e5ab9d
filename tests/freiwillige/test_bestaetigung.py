"""Ending an engagement or an assignment, declining and withdrawing an application ask first,
naming what and how many; only the confirmed POST acts (common/bestaetigung.py)."""

import pytest
from django.urls import reverse

from common.models import Notice
from freiwillige.models import Bewerbung, Einsatz, Profil
from tests.bestaetigung import BESTAETIGT, frage
from tests.factories import BedarfFactory, BewerbungFactory

pytestmark = pytest.mark.django_db


def _zustand():
    """Everything these actions change: statuses, notices and their mail."""
    return (
        list(Profil.objects.order_by("pk").values_list("pk", "status")),
        list(Bewerbung.objects.order_by("pk").values_list("pk", "status")),
        list(Einsatz.objects.order_by("pk").values_list("pk", "status", "ende")),
        Notice.objects.count(),
    )


# --- ending the whole engagement ----------------------------------------------------------------


@pytest.fixture
def hanna_mit_bewerbungen(welt):
    """Hanna works at shelter B and waits for two answers from shelter A."""
    for titel in ("Lesepatenschaft", "Hausaufgabenhilfe"):
        bedarf = BedarfFactory(unterkunft=welt.unterkunft_a, titel=titel)
        BewerbungFactory(bedarf=bedarf, person=welt.hanna)
    return welt.hanna


def test_ending_the_engagement_asks_first_with_what_it_withdraws_and_ends(
    welt, hanna_mit_bewerbungen, client_als, mailoutbox
):
    vorher = _zustand()
    antwort = client_als(welt.hanna).post(reverse("freiwillige:engagement"), {"status": "beendet"})
    text = frage(antwort)
    assert "Ihr Engagement beenden?" in text
    assert "2 offene Bewerbungen werden zurückgezogen." in text
    assert "1 laufender Einsatz wird beendet." in text
    assert _zustand() == vorher and mailoutbox == []


def test_the_confirmed_end_of_the_engagement_withdraws_and_ends_everything(
    welt, hanna_mit_bewerbungen, client_als
):
    antwort = client_als(welt.hanna).post(
        reverse("freiwillige:engagement"), {**BESTAETIGT, "status": "beendet"}
    )
    assert antwort.status_code == 302
    assert Profil.objects.get(person=welt.hanna).status == "beendet"
    assert set(Bewerbung.objects.filter(person=welt.hanna).values_list("status", flat=True)) == {
        "angenommen",
        "zurueckgezogen",
    }
    assert Einsatz.objects.get(pk=welt.einsatz_b.pk).status == "beendet"
    assert Notice.objects.filter(art="einsatz_beendet", empfaenger=welt.ek_b).exists()


def test_pausing_the_engagement_asks_nothing(welt, client_als):
    antwort = client_als(welt.freiwillig).post(
        reverse("freiwillige:engagement"), {"status": "pausiert"}
    )
    assert antwort.status_code == 302
    assert Profil.objects.get(person=welt.freiwillig).status == "pausiert"


def test_someone_without_a_volunteer_profile_is_not_asked_but_answered_not_found(welt, client_als):
    antwort = client_als(welt.ek_a).post(reverse("freiwillige:engagement"), {"status": "beendet"})
    assert antwort.status_code == 404


def test_the_end_button_swaps_the_question_in_with_htmx(welt, client_als):
    seite = client_als(welt.freiwillig).get(reverse("freiwillige:engagement")).content.decode()
    assert f'hx-post="{reverse("freiwillige:engagement")}" hx-target="closest form"' in seite


# --- ending an assignment ---------------------------------------------------------------------


def test_the_coordination_ending_an_assignment_is_asked_with_the_name_and_the_shelter(
    welt, client_als, mailoutbox
):
    url = reverse("freiwillige:einsatz_status", args=[welt.einsatz_b.pk])
    vorher = _zustand()
    text = frage(client_als(welt.ek_b).post(url, {"status": "beendet"}))
    assert "Einsatz von Hanna Helferin in Unterkunft Birkenhain beenden?" in text
    assert "Hanna Helferin wird benachrichtigt." in text
    assert "Einsatz beenden" in text and "Abbrechen" in text
    assert _zustand() == vorher and mailoutbox == []


def test_the_volunteer_ending_her_own_assignment_is_asked_about_hers(welt, client_als):
    url = reverse("freiwillige:einsatz_status", args=[welt.einsatz_b.pk])
    text = frage(client_als(welt.hanna).post(url, {"status": "beendet"}))
    assert "Ihren Einsatz in Unterkunft Birkenhain beenden?" in text
    assert "Die Koordination erfährt es." in text


def test_the_confirmed_end_of_an_assignment_ends_it_and_tells_the_volunteer(welt, client_als):
    url = reverse("freiwillige:einsatz_status", args=[welt.einsatz_b.pk])
    antwort = client_als(welt.ek_b).post(url, {**BESTAETIGT, "status": "beendet"})
    assert antwort["Location"] == reverse("freiwillige:einsatz", args=[welt.einsatz_b.pk])
    assert Einsatz.objects.get(pk=welt.einsatz_b.pk).status == "beendet"
    assert Notice.objects.filter(art="einsatz_beendet", empfaenger=welt.hanna).count() == 1


def test_pausing_an_assignment_asks_nothing(welt, client_als):
    url = reverse("freiwillige:einsatz_status", args=[welt.einsatz_b.pk])
    assert client_als(welt.ek_b).post(url, {"status": "pausiert"}).status_code == 302
    assert Einsatz.objects.get(pk=welt.einsatz_b.pk).status == "pausiert"


def test_another_shelters_coordination_is_not_asked_about_an_assignment(welt, client_als):
    url = reverse("freiwillige:einsatz_status", args=[welt.einsatz_b.pk])
    vorher = _zustand()
    assert client_als(welt.ek_a).post(url, {"status": "beendet"}).status_code == 404
    assert client_als(welt.ek_a).post(url, {**BESTAETIGT, "status": "beendet"}).status_code == 404
    assert _zustand() == vorher


# --- declining and withdrawing an application -----------------------------------------------


def test_declining_asks_first_and_carries_the_message_over(welt, client_als, mailoutbox):
    url = reverse("freiwillige:bewerbung_aktion", args=[welt.bewerbung_a.pk, "ablehnen"])
    vorher = _zustand()
    antwort = client_als(welt.ek_a).post(url, {"text": "Leider schon besetzt."})
    text = frage(antwort)
    assert "Die Bewerbung von Bea Bewerberin auf „Deutsch am Abend“ ablehnen?" in text
    assert "Bea Bewerberin wird benachrichtigt." in text
    assert 'name="text" value="Leider schon besetzt."' in antwort.content.decode()
    assert _zustand() == vorher and mailoutbox == []


def test_the_confirmed_decline_declines_with_the_message(welt, client_als):
    url = reverse("freiwillige:bewerbung_aktion", args=[welt.bewerbung_a.pk, "ablehnen"])
    client_als(welt.ek_a).post(url, {**BESTAETIGT, "text": "Leider schon besetzt."})
    bewerbung = Bewerbung.objects.get(pk=welt.bewerbung_a.pk)
    assert bewerbung.status == "abgelehnt"
    assert bewerbung.verlauf.last().notiz == "Leider schon besetzt."
    assert Notice.objects.filter(art="bewerbung_abgelehnt", empfaenger=welt.bea).count() == 1


def test_the_applicant_is_not_asked_to_decline_but_refused(welt, client_als):
    url = reverse("freiwillige:bewerbung_aktion", args=[welt.bewerbung_a.pk, "ablehnen"])
    antwort = client_als(welt.bea).post(url, follow=True)
    assert "Nur die Koordination dieses Bedarfs kann Bewerbungen ablehnen." in (
        antwort.content.decode()
    )
    assert Bewerbung.objects.get(pk=welt.bewerbung_a.pk).status == "offen"


def test_withdrawing_asks_first_naming_the_need_and_the_shelter(welt, client_als, mailoutbox):
    url = reverse("freiwillige:bewerbung_aktion", args=[welt.bewerbung_b.pk, "zurueckziehen"])
    vorher = _zustand()
    text = frage(client_als(welt.freiwillig).post(url))
    assert "Ihre Bewerbung auf „Fußball am Samstag“ bei Unterkunft Birkenhain zurückziehen?" in text
    assert _zustand() == vorher and mailoutbox == []


def test_the_confirmed_withdrawal_withdraws_and_tells_the_coordination(welt, client_als):
    url = reverse("freiwillige:bewerbung_aktion", args=[welt.bewerbung_b.pk, "zurueckziehen"])
    client_als(welt.freiwillig).post(url, BESTAETIGT)
    assert Bewerbung.objects.get(pk=welt.bewerbung_b.pk).status == "zurueckgezogen"
    assert Notice.objects.filter(art="bewerbung_zurueckgezogen", empfaenger=welt.ek_b).exists()


@pytest.mark.parametrize("aktion", ["ablehnen", "zurueckziehen"])
def test_someone_elses_application_answers_not_found_before_any_question(welt, client_als, aktion):
    url = reverse("freiwillige:bewerbung_aktion", args=[welt.bewerbung_b.pk, aktion])
    vorher = _zustand()
    assert client_als(welt.ek_a).post(url).status_code == 404
    assert client_als(welt.bea).post(url).status_code == 404
    assert _zustand() == vorher


def test_accepting_asks_nothing(welt, client_als):
    url = reverse("freiwillige:bewerbung_aktion", args=[welt.bewerbung_a.pk, "annehmen"])
    assert client_als(welt.ek_a).post(url).status_code == 302
    assert Bewerbung.objects.get(pk=welt.bewerbung_a.pk).status == "angenommen"
