"""Events of the network: seats and the waiting list, moving up once, the form's checks,
calendar entries that follow a moved event, members-only events and the public calendar."""

from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from common.models import Notice
from common.workflow import NichtMoeglich
from netzwerk import services
from netzwerk.models import Veranstaltung, Veranstaltungsanmeldung
from tests.bestaetigung import BESTAETIGT
from tests.factories import UserFactory, VerteilerFactory

pytestmark = pytest.mark.django_db


def _angemeldet(veranstaltung, anzahl):
    """``anzahl`` new people registered one after another, in that order."""
    return [services.veranstaltung_anmelden(veranstaltung, UserFactory()) for _ in range(anzahl)]


def _nachgerueckt(person):
    return Notice.objects.filter(art="veranstaltung_nachgerueckt", empfaenger=person).count()


def _status(anmeldungen):
    return [Veranstaltungsanmeldung.objects.get(pk=a.pk).status for a in anmeldungen]


def _ics(antwort) -> str:
    """The calendar text with folded lines joined again (RFC 5545, 3.1)."""
    return antwort.content.decode().replace("\r\n ", "")


@pytest.fixture
def werkstatt(veranstaltung_anlegen):
    """A published workshop in ten days with two seats."""
    return veranstaltung_anlegen(anmeldung_erforderlich=True, plaetze=2)


# --- seats and the waiting list -----------------------------------------------------------------


def test_registering_takes_a_seat_until_the_seats_are_full_then_the_waiting_list(werkstatt):
    anmeldungen = _angemeldet(werkstatt, 4)
    assert [a.status for a in anmeldungen] == ["angemeldet", "angemeldet", "wartend", "wartend"]
    belegung = Veranstaltung.objects.mit_belegung().get(pk=werkstatt.pk)
    assert (belegung.belegt, belegung.wartend, belegung.frei) == (2, 2, 0)


def test_an_event_without_a_seat_limit_never_has_a_waiting_list(veranstaltung_anlegen):
    offen = veranstaltung_anlegen(anmeldung_erforderlich=True)
    assert {a.status for a in _angemeldet(offen, 5)} == {"angemeldet"}


def test_registering_twice_is_refused(werkstatt):
    (erste,) = _angemeldet(werkstatt, 1)
    with pytest.raises(NichtMoeglich, match="Sie sind bereits angemeldet."):
        services.veranstaltung_anmelden(werkstatt, erste.person)
    assert werkstatt.anmeldungen.count() == 1


def test_an_event_without_registration_refuses_registering_with_a_reason(
    veranstaltung_anlegen, welt
):
    fest = veranstaltung_anlegen(art=Veranstaltung.Art.FEST, titel="Sommerfest")
    with pytest.raises(NichtMoeglich, match="braucht es keine Anmeldung"):
        services.veranstaltung_anmelden(fest, welt.ek_a)
    assert not fest.anmeldungen.exists()


def test_the_event_page_tells_a_person_they_are_on_the_waiting_list(welt, werkstatt, client_als):
    _angemeldet(werkstatt, 2)
    antwort = client_als(welt.ek_b).post(
        reverse("netzwerk:anmelden", args=[werkstatt.pk]), follow=True
    )
    assert "Die Veranstaltung ist voll. Sie stehen auf der Warteliste." in antwort.content.decode()
    assert werkstatt.anmeldungen.get(person=welt.ek_b).status == "wartend"


# --- cancelling and moving up -------------------------------------------------------------------


def test_cancelling_a_seat_moves_the_first_waiting_person_up_once_with_a_notice(werkstatt):
    a, _b, c, d = _angemeldet(werkstatt, 4)
    services.veranstaltung_abmelden(a, a.person)
    assert _status([a, c, d]) == ["abgemeldet", "angemeldet", "wartend"]
    assert Veranstaltungsanmeldung.objects.get(pk=c.pk).nachgerueckt_am is not None
    assert (_nachgerueckt(c.person), _nachgerueckt(d.person)) == (1, 0)
    notice = Notice.objects.get(art="veranstaltung_nachgerueckt")
    assert notice.objekt == Veranstaltungsanmeldung.objects.get(pk=c.pk)
    assert notice.daten == {"titel": "Werkstatt Vereinsgründung"}


def test_cancelling_twice_is_refused_and_moves_nobody_up_a_second_time(werkstatt):
    a, _b, c, d = _angemeldet(werkstatt, 4)
    services.veranstaltung_abmelden(a, a.person)
    with pytest.raises(NichtMoeglich, match="schon storniert"):
        services.veranstaltung_abmelden(a, a.person)
    assert _status([c, d]) == ["angemeldet", "wartend"]
    assert Notice.objects.filter(art="veranstaltung_nachgerueckt").count() == 1


def test_leaving_the_waiting_list_moves_nobody_up(werkstatt):
    _a, _b, c, d = _angemeldet(werkstatt, 4)
    services.veranstaltung_abmelden(c, c.person)
    assert _status([c, d]) == ["abgemeldet", "wartend"]
    assert not Notice.objects.filter(art="veranstaltung_nachgerueckt").exists()


def test_more_seats_move_the_waiting_people_up_in_order(welt, werkstatt):
    _a, _b, c, d, e = _angemeldet(werkstatt, 5)
    werkstatt.plaetze = 4
    services.veranstaltung_speichern(werkstatt, welt.rk_nord)
    assert _status([c, d, e]) == ["angemeldet", "angemeldet", "wartend"]
    assert (_nachgerueckt(c.person), _nachgerueckt(d.person), _nachgerueckt(e.person)) == (1, 1, 0)


def test_nobody_cancels_someone_elses_registration_on_the_page(welt, werkstatt, client_als):
    (a,) = _angemeldet(werkstatt, 1)
    antwort = client_als(welt.ek_b).post(
        reverse("netzwerk:veranstaltung_abmelden", args=[a.pk]), BESTAETIGT
    )
    assert antwort.status_code == 404
    assert _status([a]) == ["angemeldet"]


def test_a_person_cancels_on_the_page_and_the_first_waiting_moves_up(welt, werkstatt, client_als):
    eigene = services.veranstaltung_anmelden(werkstatt, welt.ek_b)
    _b, c = _angemeldet(werkstatt, 2)
    antwort = client_als(welt.ek_b).post(
        reverse("netzwerk:veranstaltung_abmelden", args=[eigene.pk]), BESTAETIGT, follow=True
    )
    assert "Die Anmeldung ist storniert." in antwort.content.decode()
    assert _status([eigene, c]) == ["abgemeldet", "angemeldet"]
    assert _nachgerueckt(c.person) == 1


# --- creating events: the form's checks ---------------------------------------------------------


def _formular(welt, **werte):
    beginn = timezone.localtime(timezone.now() + timedelta(days=14)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    daten = {
        "art": "werkstatt",
        "titel": "Werkstatt Fördermittel",
        "region": welt.nord.pk,
        "beginn": f"{beginn:%Y-%m-%dT%H:%M}",
        "ende": f"{beginn + timedelta(hours=2):%Y-%m-%dT%H:%M}",
        "ort": "Rathaus Pankow",
        "eintritt": "0",
        "oeffentlich": "on",
        "veroeffentlicht": "on",
    }
    daten.update(werte)
    return {schluessel: wert for schluessel, wert in daten.items() if wert is not None}


FALSCHE_EINGABEN = {
    "an_end_before_the_start": (
        {"ende": "FRUEHER"},
        "Das Ende muss nach dem Beginn liegen.",
    ),
    "a_negative_fee": ({"eintritt": "-5"}, "Der Eintritt kann nicht negativ sein."),
    "an_online_seminar_without_a_link": (
        {"art": "onlineseminar", "ort": ""},
        "Ein Online-Seminar braucht einen Link zur Teilnahme.",
    ),
    "a_members_only_event_without_a_list": (
        {"oeffentlich": None},
        "Eine Veranstaltung nur für Mitglieder braucht den Verteiler",
    ),
}


@pytest.mark.parametrize("eingabe", FALSCHE_EINGABEN, ids=list(FALSCHE_EINGABEN))
def test_the_event_form_refuses_bad_input_with_a_german_message_and_creates_nothing(
    welt, client_als, eingabe
):
    werte, meldung = FALSCHE_EINGABEN[eingabe]
    daten = _formular(welt, **werte)
    if daten.get("ende") == "FRUEHER":
        daten["ende"] = daten["beginn"].replace("T18:00", "T16:00")
    vorher = Veranstaltung.objects.count()
    antwort = client_als(welt.rk_nord).post(reverse("netzwerk:veranstaltung_neu"), daten)
    assert antwort.status_code == 200
    assert meldung in antwort.content.decode()
    assert Veranstaltung.objects.count() == vorher


def test_a_correct_event_form_creates_the_event_with_its_creator(welt, client_als):
    antwort = client_als(welt.rk_nord).post(
        reverse("netzwerk:veranstaltung_neu"),
        _formular(welt, beschreibung="Wie beantragen wir Geld?", titel__ar="ورشة التمويل"),
        follow=True,
    )
    veranstaltung = Veranstaltung.objects.filter(titel="Werkstatt Fördermittel").first()
    assert veranstaltung is not None, [str(m) for m in antwort.context["messages"]]
    assert antwort.redirect_chain[-1][0] == veranstaltung.get_absolute_url()
    assert "Die Veranstaltung ist gespeichert." in antwort.content.decode()
    assert veranstaltung.erstellt_von == welt.rk_nord
    assert veranstaltung.uebersetzungen == {"ar": {"titel": "ورشة التمويل"}}
    assert veranstaltung.sequenz == 0


def test_creating_an_event_through_the_service_records_its_creator(welt):
    beginn = timezone.now() + timedelta(days=3)
    neu = Veranstaltung(
        art=Veranstaltung.Art.NETZWERKTREFFEN,
        titel="Netzwerktreffen Nord",
        region=welt.nord,
        beginn=beginn,
        ende=beginn + timedelta(hours=2),
        ort="Rathaus Pankow",
    )
    gespeichert = services.veranstaltung_speichern(neu, welt.rk_nord)
    assert gespeichert.pk and gespeichert.erstellt_von == welt.rk_nord


def test_a_volunteer_may_not_create_events(welt, client_als):
    antwort = client_als(welt.freiwillig).post(
        reverse("netzwerk:veranstaltung_neu"), _formular(welt)
    )
    assert antwort.status_code == 403
    assert not Veranstaltung.objects.exists()


# --- moving an event: calendar SEQUENCE ---------------------------------------------------------


def test_moving_an_event_raises_its_sequence_and_tells_the_registered_people(welt, werkstatt):
    a, b, c = _angemeldet(werkstatt, 3)
    services.veranstaltung_abmelden(c, c.person)
    werkstatt.beginn += timedelta(days=1)
    werkstatt.ende += timedelta(days=1)
    services.veranstaltung_speichern(werkstatt, welt.rk_nord)
    werkstatt.refresh_from_db()
    assert werkstatt.sequenz == 1
    benachrichtigt = Notice.objects.filter(art="veranstaltung_geaendert").values_list(
        "empfaenger", flat=True
    )
    assert sorted(benachrichtigt) == sorted([a.person_id, b.person_id])


def test_a_new_title_alone_does_not_raise_the_sequence(welt, werkstatt):
    werkstatt.titel = "Werkstatt Vereinsgründung (Teil 1)"
    services.veranstaltung_speichern(werkstatt, welt.rk_nord)
    werkstatt.refresh_from_db()
    assert werkstatt.sequenz == 0
    assert not Notice.objects.filter(art="veranstaltung_geaendert").exists()


def test_moving_an_event_on_its_edit_page_raises_the_sequence(welt, werkstatt, client_als):
    beginn = timezone.localtime(werkstatt.beginn + timedelta(days=2)).replace(second=0)
    daten = _formular(
        welt,
        titel=werkstatt.titel,
        beginn=f"{beginn:%Y-%m-%dT%H:%M}",
        ende=f"{beginn + timedelta(hours=3):%Y-%m-%dT%H:%M}",
        anmeldung_erforderlich="on",
        plaetze="2",
    )
    antwort = client_als(welt.rk_nord).post(
        reverse("netzwerk:veranstaltung_bearbeiten", args=[werkstatt.pk]), daten
    )
    assert antwort.status_code == 302
    werkstatt.refresh_from_db()
    assert werkstatt.sequenz == 1


def test_the_events_ical_carries_its_uid_and_sequence(welt, werkstatt, client_als):
    werkstatt.beginn += timedelta(hours=2)
    werkstatt.ende += timedelta(hours=2)
    services.veranstaltung_speichern(werkstatt, welt.rk_nord)
    werkstatt.beginn += timedelta(hours=1)
    werkstatt.ende += timedelta(hours=1)
    services.veranstaltung_speichern(werkstatt, welt.rk_nord)
    antwort = Client().get(reverse("netzwerk:veranstaltung_ics", args=[werkstatt.pk]))
    assert antwort.status_code == 200
    assert antwort["Content-Type"].startswith("text/calendar")
    text = _ics(antwort)
    assert f"UID:veranstaltung-{werkstatt.uid}@ehrenamt-plattform\r\n" in text
    assert "SEQUENCE:2\r\n" in text
    assert "SUMMARY:Werkstatt Vereinsgründung\r\n" in text
    assert "STATUS:CONFIRMED" in text


def test_a_cancelled_event_stays_in_the_ical_as_cancelled_with_a_higher_sequence(welt, werkstatt):
    (a,) = _angemeldet(werkstatt, 1)
    services.veranstaltung_absagen(werkstatt, welt.rk_nord)
    text = _ics(Client().get(reverse("netzwerk:veranstaltung_ics", args=[werkstatt.pk])))
    assert "STATUS:CANCELLED" in text and "SEQUENCE:1\r\n" in text
    assert Notice.objects.filter(art="veranstaltung_geaendert", empfaenger=a.person).count() == 1


# --- members-only events ------------------------------------------------------------------------


@pytest.fixture
def nur_fuer_mitglieder(veranstaltung_anlegen, verteiler_nord):
    return veranstaltung_anlegen(
        art=Veranstaltung.Art.NETZWERKTREFFEN,
        titel="Netzwerktreffen nur für Mitglieder",
        oeffentlich=False,
        verteiler=verteiler_nord,
    )


def _seiten(veranstaltung):
    return [
        reverse("netzwerk:veranstaltung", args=[veranstaltung.pk]),
        reverse("netzwerk:veranstaltung_ics", args=[veranstaltung.pk]),
    ]


def test_a_members_only_event_is_not_found_for_an_anonymous_visitor(nur_fuer_mitglieder):
    for url in _seiten(nur_fuer_mitglieder):
        assert Client().get(url).status_code == 404


def test_a_members_only_event_is_not_found_for_a_signed_in_non_member(
    welt, nur_fuer_mitglieder, client_als
):
    for url in _seiten(nur_fuer_mitglieder):
        assert client_als(welt.ek_a).get(url).status_code == 404


def test_a_person_on_the_list_sees_the_members_only_event(
    nur_fuer_mitglieder, verteiler_nord, aufnehmen, client_als
):
    mitglied = UserFactory()
    aufnehmen(verteiler_nord, person=mitglied)
    seite = client_als(mitglied).get(_seiten(nur_fuer_mitglieder)[0])
    assert seite.status_code == 200
    assert "Netzwerktreffen nur für Mitglieder" in seite.content.decode()
    assert client_als(mitglied).get(_seiten(nur_fuer_mitglieder)[1]).status_code == 200


def test_the_contact_of_an_organisation_on_the_list_sees_the_members_only_event(
    nur_fuer_mitglieder, verteiler_nord, mso, mso_kontakt, aufnehmen, client_als
):
    aufnehmen(verteiler_nord, organisation=mso)
    assert client_als(mso_kontakt).get(_seiten(nur_fuer_mitglieder)[0]).status_code == 200


def test_a_member_who_unsubscribed_no_longer_sees_the_members_only_event(
    nur_fuer_mitglieder, verteiler_nord, aufnehmen, client_als
):
    mitglied = UserFactory()
    services.mitgliedschaft_abmelden(aufnehmen(verteiler_nord, person=mitglied).abmeldetoken)
    assert client_als(mitglied).get(_seiten(nur_fuer_mitglieder)[0]).status_code == 404


def test_members_of_another_list_do_not_see_the_members_only_event(
    welt, nur_fuer_mitglieder, aufnehmen, client_als
):
    andere = VerteilerFactory(name="Netzwerk Südost", region=welt.suedost)
    mitglied = UserFactory()
    aufnehmen(andere, person=mitglied)
    assert client_als(mitglied).get(_seiten(nur_fuer_mitglieder)[0]).status_code == 404


# --- the public calendar ------------------------------------------------------------------------


def test_the_public_calendar_shows_published_public_upcoming_events_only(
    welt, veranstaltung_anlegen, nur_fuer_mitglieder
):
    veranstaltung_anlegen(titel="Öffentliche Werkstatt")
    veranstaltung_anlegen(titel="Entwurf-Werkstatt", veroeffentlicht=False)
    vergangen = veranstaltung_anlegen(titel="Vergangenes Fest")
    Veranstaltung.objects.filter(pk=vergangen.pk).update(
        beginn=timezone.now() - timedelta(days=3), ende=timezone.now() - timedelta(days=3, hours=-2)
    )
    seite = Client().get(reverse("netzwerk:kalender"))
    assert seite.status_code == 200
    titel = [v.titel for v in seite.context["veranstaltung_list"]]
    assert titel == ["Öffentliche Werkstatt"]
    text = seite.content.decode()
    assert "Entwurf-Werkstatt" not in text and "nur für Mitglieder" not in text


def test_a_draft_is_not_found_for_the_public_but_visible_to_its_coordination(
    welt, veranstaltung_anlegen, client_als
):
    entwurf = veranstaltung_anlegen(titel="Entwurf-Werkstatt", veroeffentlicht=False)
    url = reverse("netzwerk:veranstaltung", args=[entwurf.pk])
    assert Client().get(url).status_code == 404
    assert client_als(welt.ek_a).get(url).status_code == 404
    assert client_als(welt.rk_nord).get(url).status_code == 200


def test_a_member_finds_the_members_only_event_in_the_calendar(
    nur_fuer_mitglieder, verteiler_nord, aufnehmen, client_als
):
    mitglied = UserFactory()
    aufnehmen(verteiler_nord, person=mitglied)
    seite = client_als(mitglied).get(reverse("netzwerk:kalender"))
    assert [v.titel for v in seite.context["veranstaltung_list"]] == [
        "Netzwerktreffen nur für Mitglieder"
    ]
    assert "nur für Mitglieder" in seite.content.decode()


# --- attendance ---------------------------------------------------------------------------------


def test_attendance_counts_from_the_day_of_the_event_in_berlin_time(welt, veranstaltung_anlegen):
    """An event at half past midnight tomorrow (Berlin) is still today in UTC: its
    attendance opens tomorrow, not tonight."""
    morgen = timezone.localdate() + timedelta(days=1)
    beginn = timezone.make_aware(datetime.combine(morgen, time(0, 30)))
    nachtcafe = veranstaltung_anlegen(titel="Nachtcafé", beginn=beginn, anmeldung_erforderlich=True)
    (anmeldung,) = _angemeldet(nachtcafe, 1)
    nachtcafe.refresh_from_db()  # as a page loads it: the time in UTC
    with pytest.raises(NichtMoeglich, match="ab dem Tag der Veranstaltung"):
        services.teilnahme_erfassen(nachtcafe, welt.rk_nord, {anmeldung.pk})
    assert not Veranstaltungsanmeldung.objects.get(pk=anmeldung.pk).teilgenommen


def test_attendance_is_recorded_on_the_day_and_ticks_who_came(welt, veranstaltung_anlegen):
    werkstatt = veranstaltung_anlegen(anmeldung_erforderlich=True)
    da, weg = _angemeldet(werkstatt, 2)
    Veranstaltung.objects.filter(pk=werkstatt.pk).update(
        beginn=timezone.now() - timedelta(hours=1), ende=timezone.now() + timedelta(hours=1)
    )
    werkstatt.refresh_from_db()
    assert services.teilnahme_erfassen(werkstatt, welt.rk_nord, {da.pk}) == 1
    assert Veranstaltungsanmeldung.objects.get(pk=da.pk).teilgenommen
    assert not Veranstaltungsanmeldung.objects.get(pk=weg.pk).teilgenommen
