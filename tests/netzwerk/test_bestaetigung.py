"""A message to a distribution list, the inactivity run, cancelling an event and cancelling
one's registration ask first, naming what and how many; only the confirmed POST acts
(common/bestaetigung.py)."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from common.models import Notice
from netzwerk import services
from netzwerk.models import (
    Mitgliedschaft,
    Organisation,
    Veranstaltung,
    Veranstaltungsanmeldung,
    Verteilerereignis,
    Verteilernachricht,
    Zustellung,
)
from tests.bestaetigung import BESTAETIGT, frage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _zustand():
    """Everything these actions change: members, messages, ledger, events, notices."""
    return (
        list(Mitgliedschaft.objects.order_by("pk").values_list("pk", "status", "gewarnt_am")),
        Verteilerereignis.objects.count(),
        Verteilernachricht.objects.count(),
        Zustellung.objects.count(),
        list(Veranstaltung.objects.order_by("pk").values_list("pk", "abgesagt", "sequenz")),
        list(Veranstaltungsanmeldung.objects.order_by("pk").values_list("pk", "status")),
        Notice.objects.count(),
    )


def _organisationen(verteiler, anzahl):
    """``anzahl`` organisations on the list (rows written directly: a large list)."""
    organisationen = Organisation.objects.bulk_create(
        Organisation(name=f"Verein {i}", art=Organisation.Art.MSO, region=verteiler.region)
        for i in range(anzahl)
    )
    Mitgliedschaft.objects.bulk_create(
        Mitgliedschaft(verteiler=verteiler, organisation=o, letzte_aktivitaet=timezone.now())
        for o in organisationen
    )


# --- a message to the list ----------------------------------------------------------------------

NACHRICHT = {"betreff": "Sommerfest", "text": "Wir feiern „draußen“.\nBringt Kuchen mit."}


def test_a_message_to_seventy_five_organisations_asks_before_it_goes_out(
    welt, verteiler_nord, client_als, mailoutbox
):
    _organisationen(verteiler_nord, 75)
    vorher = _zustand()
    antwort = client_als(welt.rk_nord).post(
        reverse("netzwerk:nachricht", args=[verteiler_nord.pk]), NACHRICHT
    )
    text = frage(antwort)
    assert "An 75 Organisationen senden?" in text
    assert "Die Nachricht „Sommerfest“ geht an den Verteiler „Netzwerk Nord“." in text
    html = antwort.content.decode()
    assert 'name="betreff" value="Sommerfest"' in html
    assert 'name="text" value="Wir feiern „draußen“.\nBringt Kuchen mit."' in html
    assert _zustand() == vorher and mailoutbox == []


def test_the_question_counts_only_those_still_on_the_list(
    welt, verteiler_nord, mso, aufnehmen, client_als
):
    aufnehmen(verteiler_nord, organisation=mso)
    for email in ("a@test.invalid", "b@test.invalid", "weg@test.invalid"):
        aufnehmen(verteiler_nord, person=UserFactory(email=email))
    Mitgliedschaft.objects.filter(person__email="weg@test.invalid").update(status="abgemeldet")
    text = frage(
        client_als(welt.rk_nord).post(
            reverse("netzwerk:nachricht", args=[verteiler_nord.pk]), NACHRICHT
        )
    )
    assert "An 1 Organisation und 2 Personen senden?" in text


def test_the_confirmed_message_goes_to_everyone_counted(
    welt, verteiler_nord, client_als, django_capture_on_commit_callbacks
):
    _organisationen(verteiler_nord, 3)
    with django_capture_on_commit_callbacks(execute=True):
        antwort = client_als(welt.rk_nord).post(
            reverse("netzwerk:nachricht", args=[verteiler_nord.pk]),
            {**BESTAETIGT, **NACHRICHT},
        )
    assert antwort["Location"] == verteiler_nord.get_absolute_url()
    nachricht = Verteilernachricht.objects.get()
    assert nachricht.text == "Wir feiern „draußen“.\nBringt Kuchen mit."
    assert nachricht.zustellungen.count() == 3


def test_a_message_without_a_subject_shows_the_form_again_and_asks_nothing(
    welt, verteiler_nord, client_als
):
    antwort = client_als(welt.rk_nord).post(
        reverse("netzwerk:nachricht", args=[verteiler_nord.pk]), {"betreff": "", "text": "x"}
    )
    html = antwort.content.decode()
    assert antwort.status_code == 200 and "bestaetigung" not in html
    assert 'name="betreff"' in html and not Verteilernachricht.objects.exists()


def test_another_regions_coordination_is_not_asked_about_the_list(welt, verteiler_nord, client_als):
    _organisationen(verteiler_nord, 2)
    antwort = client_als(welt.rk_suedost).post(
        reverse("netzwerk:nachricht", args=[verteiler_nord.pk]), NACHRICHT
    )
    assert antwort.status_code == 404


# --- the inactivity run ----------------------------------------------------------------------


@pytest.fixture
def faellige(verteiler_nord, aufnehmen):
    """Two members silent for more than a year, and one warned more than 60 days ago."""
    for email in ("still@test.invalid", "leise@test.invalid"):
        aufnehmen(
            verteiler_nord,
            person=UserFactory(email=email),
            zuletzt_aktiv_vor=relativedelta(months=12, days=1),
        )
    gewarnt = aufnehmen(verteiler_nord, person=UserFactory(email="gewarnt@test.invalid"))
    Mitgliedschaft.objects.filter(pk=gewarnt.pk).update(
        status="inaktiv", gewarnt_am=timezone.now() - timedelta(days=61)
    )


def test_running_the_inactivity_removal_now_asks_with_whom_it_marks_and_removes(
    welt, verteiler_nord, faellige, client_als, mailoutbox
):
    vorher = _zustand()
    antwort = client_als(welt.rk_nord).post(
        reverse("netzwerk:inaktivitaet", args=[verteiler_nord.pk])
    )
    text = frage(antwort)
    assert "Die Inaktivität auf dem Verteiler „Netzwerk Nord“ jetzt bereinigen?" in text
    assert "2 Mitglieder werden als inaktiv markiert und per Mail gewarnt." in text
    assert "1 Mitglied wird vom Verteiler ausgetragen." in text
    assert "Eine Austragung lässt sich 30 Tage lang rückgängig machen." in text
    assert _zustand() == vorher and mailoutbox == []


def test_the_confirmed_run_marks_warns_and_removes_those_counted(
    welt, verteiler_nord, faellige, client_als
):
    antwort = client_als(welt.rk_nord).post(
        reverse("netzwerk:inaktivitaet", args=[verteiler_nord.pk]), BESTAETIGT, follow=True
    )
    assert "Als inaktiv markiert und gewarnt: 2. Ausgetragen: 1." in antwort.content.decode()
    status = sorted(Mitgliedschaft.objects.values_list("status", flat=True))
    assert status == ["entfernt", "inaktiv", "inaktiv"]
    assert Zustellung.objects.filter(art=Zustellung.Art.WARNUNG).count() == 2


def test_a_run_with_nothing_to_do_asks_nothing(welt, verteiler_nord, client_als):
    antwort = client_als(welt.rk_nord).post(
        reverse("netzwerk:inaktivitaet", args=[verteiler_nord.pk])
    )
    assert antwort.status_code == 302


def test_the_run_of_another_regions_list_answers_not_found_before_any_question(
    welt, verteiler_nord, faellige, client_als
):
    vorher = _zustand()
    url = reverse("netzwerk:inaktivitaet", args=[verteiler_nord.pk])
    assert client_als(welt.rk_suedost).post(url).status_code == 404
    assert _zustand() == vorher


# --- cancelling an event ------------------------------------------------------------------------


@pytest.fixture
def werkstatt(veranstaltung_anlegen):
    """A workshop with two seats taken and one person waiting."""
    werkstatt = veranstaltung_anlegen(anmeldung_erforderlich=True, plaetze=2)
    for _ in range(3):
        services.veranstaltung_anmelden(werkstatt, UserFactory())
    return werkstatt


def test_cancelling_an_event_asks_with_everyone_it_tells(welt, werkstatt, client_als):
    vorher = _zustand()
    text = frage(client_als(welt.rk_nord).post(reverse("netzwerk:absagen", args=[werkstatt.pk])))
    datum = date_format(timezone.localtime(werkstatt.beginn))
    assert f"Die Veranstaltung „Werkstatt Vereinsgründung“ am {datum} absagen?" in text
    assert "3 angemeldete oder wartende Personen werden benachrichtigt." in text
    assert _zustand() == vorher


def test_the_confirmed_cancellation_cancels_the_event_and_tells_them(welt, werkstatt, client_als):
    client_als(welt.rk_nord).post(reverse("netzwerk:absagen", args=[werkstatt.pk]), BESTAETIGT)
    assert Veranstaltung.objects.get(pk=werkstatt.pk).abgesagt
    assert Notice.objects.filter(art="veranstaltung_geaendert").count() == 3


def test_cancelling_is_not_asked_of_others(welt, werkstatt, veranstaltung_anlegen, client_als):
    entwurf = veranstaltung_anlegen(titel="Entwurf", veroeffentlicht=False)
    vorher = _zustand()
    assert (
        client_als(welt.rk_suedost).post(reverse("netzwerk:absagen", args=[werkstatt.pk]))
    ).status_code == 403
    assert (
        client_als(welt.rk_suedost).post(reverse("netzwerk:absagen", args=[entwurf.pk]))
    ).status_code == 404
    assert _zustand() == vorher


# --- cancelling one's registration -------------------------------------------------------------


def test_cancelling_ones_seat_asks_first(welt, werkstatt, client_als):
    eigene = Veranstaltungsanmeldung.objects.filter(veranstaltung=werkstatt).first()
    vorher = _zustand()
    text = frage(
        client_als(eigene.person).post(reverse("netzwerk:veranstaltung_abmelden", args=[eigene.pk]))
    )
    assert "Ihre Anmeldung zu „Werkstatt Vereinsgründung“ stornieren?" in text
    assert _zustand() == vorher


def test_leaving_the_waiting_list_asks_as_such(welt, werkstatt, client_als):
    wartend = Veranstaltungsanmeldung.objects.get(veranstaltung=werkstatt, status="wartend")
    text = frage(
        client_als(wartend.person).post(
            reverse("netzwerk:veranstaltung_abmelden", args=[wartend.pk])
        )
    )
    assert "Von der Warteliste für „Werkstatt Vereinsgründung“ gehen?" in text


def test_someone_elses_registration_answers_not_found_before_any_question(
    welt, werkstatt, client_als
):
    fremde = Veranstaltungsanmeldung.objects.filter(veranstaltung=werkstatt).first()
    url = reverse("netzwerk:veranstaltung_abmelden", args=[fremde.pk])
    assert client_als(welt.ek_b).post(url).status_code == 404
