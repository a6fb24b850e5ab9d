"""Access bans: reasons stay with the shelter's coordination and its region."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.bestaetigung import BESTAETIGT
from unterkuenfte.models import Hausverbot
from unterkuenfte.services import hausverbot_besteht


@pytest.fixture
def welt(welt_grundlage):
    """These tests read only regions, shelters, needs, the ban and the personas."""
    return welt_grundlage


def test_the_coordination_bans_a_person_for_a_time(welt, client_als):
    client = client_als(welt.ek_a)
    response = client.post(
        reverse("unterkuenfte:hausverbote", args=[welt.unterkunft_a.pk]),
        {
            "email": welt.ek_b.email,
            "von": timezone.localdate().isoformat(),
            "bis": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "grund": "Bedrohung",
        },
    )
    assert response.status_code == 302
    assert hausverbot_besteht(welt.ek_b, welt.unterkunft_a)
    assert not hausverbot_besteht(welt.ek_b, welt.unterkunft_b)


def test_a_ban_for_an_unknown_address_or_ending_before_it_starts_is_refused(welt, client_als):
    url = reverse("unterkuenfte:hausverbote", args=[welt.unterkunft_a.pk])
    client = client_als(welt.ek_a)
    unbekannt = client.post(
        url, {"email": "wer@test.invalid", "von": "2026-01-02", "bis": "2026-02-01", "grund": "x"}
    )
    assert "Zu dieser E-Mail-Adresse gibt es kein Konto." in unbekannt.content.decode()
    verkehrt = client.post(
        url, {"email": welt.ek_b.email, "von": "2026-03-01", "bis": "2026-02-01", "grund": "x"}
    )
    assert "Das Ende kann nicht vor dem Beginn liegen." in verkehrt.content.decode()
    assert Hausverbot.objects.count() == 1


def test_the_regional_coordination_reads_reasons_but_cannot_add_bans(welt, client_als):
    client = client_als(welt.rk_nord)
    url = reverse("unterkuenfte:hausverbote", args=[welt.unterkunft_a.pk])
    assert "Grund-A-vertraulich" in client.get(url).content.decode()
    response = client.post(
        url, {"email": welt.ek_b.email, "von": "2026-01-01", "bis": "2027-01-01", "grund": "x"}
    )
    assert response.status_code == 403
    assert Hausverbot.objects.count() == 1


def test_ending_a_ban_lets_the_person_in_again(welt, client_als):
    assert hausverbot_besteht(welt.freiwillig, welt.unterkunft_a)
    url = reverse("unterkuenfte:hausverbot_beenden", args=[welt.hausverbot_a.pk])
    assert client_als(welt.rk_nord).post(url, BESTAETIGT).status_code == 403
    assert client_als(welt.ek_b).post(url, BESTAETIGT).status_code == 404
    assert client_als(welt.ek_a).post(url, BESTAETIGT).status_code == 302
    assert not hausverbot_besteht(welt.freiwillig, welt.unterkunft_a)


def test_ending_keeps_the_issued_period_on_record_and_cannot_happen_twice(welt, client_als):
    client = client_als(welt.ek_a)
    url = reverse("unterkuenfte:hausverbot_beenden", args=[welt.hausverbot_a.pk])
    client.post(url, BESTAETIGT)
    welt.hausverbot_a.refresh_from_db()
    assert welt.hausverbot_a.bis == timezone.localdate() + timedelta(days=90)
    assert welt.hausverbot_a.beendet_am == timezone.localdate()
    zweimal = client.post(url, BESTAETIGT, follow=True)
    assert "bereits beendet" in zweimal.content.decode()


def test_an_expired_ban_cannot_be_ended_again(welt, client_als):
    Hausverbot.objects.filter(pk=welt.hausverbot_a.pk).update(
        von=date(2020, 1, 1), bis=date(2020, 2, 1)
    )
    client_als(welt.ek_a).post(
        reverse("unterkuenfte:hausverbot_beenden", args=[welt.hausverbot_a.pk]), BESTAETIGT
    )
    welt.hausverbot_a.refresh_from_db()
    assert (welt.hausverbot_a.bis, welt.hausverbot_a.beendet_am) == (date(2020, 2, 1), None)
