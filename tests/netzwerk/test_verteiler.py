"""Distribution lists: the inactivity lifecycle (mark and warn, remove after the grace
period, undo), activity that keeps a member on the list, messages to the list through the
send ledger, and unsubscribing from a mail (ARCHITECTURE.md §6, destructive jobs)."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from common.workflow import NichtMoeglich
from netzwerk import services
from netzwerk.models import (
    Mitgliedschaft,
    Organisation,
    Verteiler,
    Verteilerereignis,
    Zustellung,
)
from netzwerk.tasks import zustellungen_senden
from tests.bestaetigung import BESTAETIGT
from tests.factories import UserFactory, VerteilerFactory

pytestmark = pytest.mark.django_db

ZWOELF_MONATE_UND_EIN_TAG = relativedelta(months=12, days=1)
ELF_MONATE = relativedelta(months=11)


def _vor(abstand):
    return timezone.now() - abstand


def _ereignisse(mitgliedschaft):
    """The history of a membership, oldest first."""
    return list(
        Verteilerereignis.objects.filter(mitgliedschaft=mitgliedschaft)
        .order_by("zeit", "pk")
        .values_list("art", flat=True)
    )


def _zustand():
    """Everything a run of the lifecycle may change: statuses, history, ledger."""
    return (
        list(
            Mitgliedschaft.objects.order_by("pk").values_list(
                "pk", "status", "gewarnt_am", "entfernt_am", "letzte_aktivitaet"
            )
        ),
        Verteilerereignis.objects.count(),
        Zustellung.objects.count(),
    )


def _link(name, mitgliedschaft):
    return settings.SITE_URL + reverse(
        f"netzwerk:{name}", kwargs={"token": mitgliedschaft.abmeldetoken}
    )


def _markieren_ausfuehren(django_capture_on_commit_callbacks, **kwargs):
    """The real run, with the warnings it queues sent by the (eager) worker."""
    with django_capture_on_commit_callbacks(execute=True):
        return services.inaktivitaet_pruefen(ausfuehren=True, **kwargs)


@pytest.fixture
def person_inaktiv(verteiler_nord, aufnehmen):
    """A person on the Nord list whose last activity lies 12 months and a day back."""
    person = UserFactory(email="still@test.invalid", anzeigename="Sami Still")
    return aufnehmen(verteiler_nord, person=person, zuletzt_aktiv_vor=ZWOELF_MONATE_UND_EIN_TAG)


@pytest.fixture
def gewarnt(person_inaktiv, django_capture_on_commit_callbacks):
    """The inactive person after a real run today: marked and warned."""
    _markieren_ausfuehren(django_capture_on_commit_callbacks)
    person_inaktiv.refresh_from_db()
    return person_inaktiv


@pytest.fixture
def entfernt(gewarnt):
    """The warned person removed by the run the day after the grace period ended."""
    services.inaktivitaet_pruefen(ausfuehren=True, jetzt=gewarnt.gewarnt_am + timedelta(days=61))
    gewarnt.refresh_from_db()
    return gewarnt


# --- marking inactive and warning ---------------------------------------------------------------


def test_a_new_list_uses_the_defaults_of_twelve_months_and_sixty_days(verteiler_nord):
    assert (verteiler_nord.inaktiv_nach_monaten, verteiler_nord.karenz_tage) == (12, 60)


def test_a_member_silent_for_more_than_twelve_months_is_marked_inactive_and_warned_once(
    person_inaktiv, mailoutbox, django_capture_on_commit_callbacks
):
    jetzt = timezone.now()
    bericht = _markieren_ausfuehren(django_capture_on_commit_callbacks, jetzt=jetzt)
    assert bericht.ausgefuehrt and bericht.markieren == [person_inaktiv]
    person_inaktiv.refresh_from_db()
    assert person_inaktiv.status == Mitgliedschaft.Status.INAKTIV
    assert person_inaktiv.gewarnt_am == jetzt
    assert _ereignisse(person_inaktiv) == ["aufgenommen", "inaktiv"]
    assert len(mailoutbox) == 1
    warnung = mailoutbox[0]
    assert warnung.to == ["still@test.invalid"]
    assert warnung.subject == "Bleiben Sie auf dem Verteiler „Netzwerk Nord“?"
    assert _link("bestaetigen", person_inaktiv) in warnung.body
    assert _link("abmelden", person_inaktiv) in warnung.body
    assert warnung.extra_headers["List-Unsubscribe"] == f"<{_link('abmelden', person_inaktiv)}>"
    assert warnung.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    zustellung = Zustellung.objects.get(mitgliedschaft=person_inaktiv)
    assert zustellung.art == Zustellung.Art.WARNUNG and zustellung.gesendet_am is not None


def test_the_next_days_run_warns_an_inactive_member_no_second_time(
    gewarnt, mailoutbox, django_capture_on_commit_callbacks
):
    assert len(mailoutbox) == 1
    bericht = _markieren_ausfuehren(
        django_capture_on_commit_callbacks, jetzt=timezone.now() + timedelta(days=1)
    )
    assert bericht.markieren == [] and bericht.entfernen == []
    assert len(mailoutbox) == 1
    assert Zustellung.objects.filter(mitgliedschaft=gewarnt).count() == 1


def test_a_member_active_eleven_months_ago_is_left_alone(
    verteiler_nord, aufnehmen, person_inaktiv, mailoutbox, django_capture_on_commit_callbacks
):
    kuerzlich = aufnehmen(
        verteiler_nord, person=UserFactory(anzeigename="Rita Rege"), zuletzt_aktiv_vor=ELF_MONATE
    )
    vorher = kuerzlich.letzte_aktivitaet
    bericht = _markieren_ausfuehren(django_capture_on_commit_callbacks)
    assert kuerzlich not in bericht.markieren
    kuerzlich.refresh_from_db()
    assert kuerzlich.status == Mitgliedschaft.Status.AKTIV
    assert kuerzlich.gewarnt_am is None and kuerzlich.letzte_aktivitaet == vorher
    assert _ereignisse(kuerzlich) == ["aufgenommen"]
    assert [mail.to for mail in mailoutbox] == [["still@test.invalid"]]


def test_each_list_marks_after_its_own_number_of_months(
    welt, aufnehmen, django_capture_on_commit_callbacks
):
    kurz = VerteilerFactory(name="Sprachmittlung", region=welt.nord, inaktiv_nach_monaten=6)
    lang = VerteilerFactory(name="Frauennetzwerk", region=welt.nord)
    person = UserFactory()
    auf_kurz = aufnehmen(kurz, person=person, zuletzt_aktiv_vor=relativedelta(months=7))
    auf_lang = aufnehmen(lang, person=person, zuletzt_aktiv_vor=relativedelta(months=7))
    bericht = _markieren_ausfuehren(django_capture_on_commit_callbacks)
    assert bericht.markieren == [auf_kurz]
    auf_kurz.refresh_from_db()
    auf_lang.refresh_from_db()
    assert (auf_kurz.status, auf_lang.status) == ("inaktiv", "aktiv")


def test_an_organisation_is_warned_at_its_contact_address(
    verteiler_nord, mso, aufnehmen, mailoutbox, django_capture_on_commit_callbacks
):
    mitglied = aufnehmen(
        verteiler_nord, organisation=mso, zuletzt_aktiv_vor=ZWOELF_MONATE_UND_EIN_TAG
    )
    _markieren_ausfuehren(django_capture_on_commit_callbacks)
    assert [mail.to for mail in mailoutbox] == [["kontakt@al-nour.invalid"]]
    assert "Al-Nour e. V." in mailoutbox[0].body
    assert _link("bestaetigen", mitglied) in mailoutbox[0].body


# --- the dry run --------------------------------------------------------------------------------


def test_the_dry_run_reports_the_same_members_as_the_real_run_and_changes_nothing(
    verteiler_nord, aufnehmen, person_inaktiv, mailoutbox, django_capture_on_commit_callbacks
):
    aufnehmen(verteiler_nord, person=UserFactory(), zuletzt_aktiv_vor=ELF_MONATE)
    alt = aufnehmen(
        verteiler_nord, person=UserFactory(), zuletzt_aktiv_vor=relativedelta(months=20)
    )
    # one member was warned 61 days ago: due for removal
    Mitgliedschaft.objects.filter(pk=alt.pk).update(
        status="inaktiv", gewarnt_am=_vor(timedelta(days=61))
    )
    vorher = _zustand()
    with django_capture_on_commit_callbacks(execute=True) as rueckrufe:
        probe = services.inaktivitaet_pruefen(ausfuehren=False)
    assert not probe.ausgefuehrt
    assert probe.markieren == [person_inaktiv] and probe.entfernen == [alt]
    assert _zustand() == vorher
    assert rueckrufe == [] and mailoutbox == []

    echt = _markieren_ausfuehren(django_capture_on_commit_callbacks)
    assert echt.markieren == probe.markieren and echt.entfernen == probe.entfernen
    assert len(mailoutbox) == 1


def test_the_dry_run_page_lists_who_would_be_affected_and_changes_nothing(
    welt, verteiler_nord, person_inaktiv, client_als, mailoutbox
):
    vorher = _zustand()
    seite = client_als(welt.rk_nord).get(reverse("netzwerk:inaktivitaet", args=[verteiler_nord.pk]))
    assert seite.status_code == 200
    text = seite.content.decode()
    assert "1 Mitglied würde als inaktiv markiert und gewarnt" in text
    assert "Sami Still" in text
    assert _zustand() == vorher and mailoutbox == []


def test_the_inactivity_page_is_hidden_from_another_regions_coordination(
    welt, verteiler_nord, person_inaktiv, client_als
):
    vorher = _zustand()
    url = reverse("netzwerk:inaktivitaet", args=[verteiler_nord.pk])
    assert client_als(welt.rk_suedost).get(url).status_code == 404
    assert client_als(welt.rk_suedost).post(url, BESTAETIGT).status_code == 404
    assert _zustand() == vorher


# --- removal after the grace period -------------------------------------------------------------


def test_a_warned_member_is_removed_by_the_first_run_after_sixty_days(gewarnt):
    jetzt = gewarnt.gewarnt_am + timedelta(days=60, minutes=1)
    bericht = services.inaktivitaet_pruefen(ausfuehren=True, jetzt=jetzt)
    assert bericht.entfernen == [gewarnt]
    gewarnt.refresh_from_db()
    assert gewarnt.status == Mitgliedschaft.Status.ENTFERNT
    assert gewarnt.entfernt_am == jetzt
    assert _ereignisse(gewarnt) == ["aufgenommen", "inaktiv", "entfernt"]


def test_a_warned_member_stays_on_the_list_until_the_grace_period_ends(gewarnt):
    vorher = _zustand()
    bericht = services.inaktivitaet_pruefen(
        ausfuehren=True, jetzt=gewarnt.gewarnt_am + timedelta(days=59, hours=23)
    )
    assert bericht.entfernen == []
    gewarnt.refresh_from_db()
    assert gewarnt.status == Mitgliedschaft.Status.INAKTIV and gewarnt.entfernt_am is None
    assert _zustand() == vorher


def test_each_list_removes_after_its_own_grace_period(
    welt, aufnehmen, django_capture_on_commit_callbacks
):
    verteiler = VerteilerFactory(name="Kurzer Atem", region=welt.nord, karenz_tage=14)
    mitglied = aufnehmen(
        verteiler, person=UserFactory(), zuletzt_aktiv_vor=ZWOELF_MONATE_UND_EIN_TAG
    )
    jetzt = timezone.now()
    _markieren_ausfuehren(django_capture_on_commit_callbacks, jetzt=jetzt)
    services.inaktivitaet_pruefen(ausfuehren=True, jetzt=jetzt + timedelta(days=13))
    mitglied.refresh_from_db()
    assert mitglied.status == "inaktiv"
    services.inaktivitaet_pruefen(ausfuehren=True, jetzt=jetzt + timedelta(days=14))
    mitglied.refresh_from_db()
    assert mitglied.status == "entfernt"


def test_one_run_never_marks_and_removes_the_same_member(
    person_inaktiv, django_capture_on_commit_callbacks
):
    bericht = _markieren_ausfuehren(
        django_capture_on_commit_callbacks, jetzt=timezone.now() + timedelta(days=90)
    )
    assert bericht.markieren == [person_inaktiv] and bericht.entfernen == []
    person_inaktiv.refresh_from_db()
    assert person_inaktiv.status == "inaktiv"


def test_a_removed_member_gets_no_more_messages_and_no_mail_about_the_removal(
    entfernt, mailoutbox, django_capture_on_commit_callbacks
):
    assert len(mailoutbox) == 1  # the warning only
    with django_capture_on_commit_callbacks(execute=True):
        services.nachricht_senden(entfernt.verteiler, None, "Einladung", "Kommt alle!")
    assert len(mailoutbox) == 1


# --- undoing a removal --------------------------------------------------------------------------


def test_a_removal_is_undone_within_thirty_days_and_the_member_is_active_again(welt, entfernt):
    jetzt = entfernt.entfernt_am + timedelta(days=29)
    wieder = services.mitgliedschaft_wiederherstellen(entfernt, welt.rk_nord, jetzt=jetzt)
    assert wieder.status == Mitgliedschaft.Status.AKTIV
    assert wieder.letzte_aktivitaet == jetzt
    assert wieder.gewarnt_am is None and wieder.entfernt_am is None
    assert _ereignisse(wieder) == ["aufgenommen", "inaktiv", "entfernt", "wiederhergestellt"]
    letzte = Verteilerereignis.objects.filter(mitgliedschaft=wieder).order_by("-pk").first()
    assert letzte.akteur == welt.rk_nord


def test_an_undone_member_is_not_marked_again_by_the_next_run(welt, entfernt):
    jetzt = entfernt.entfernt_am + timedelta(days=1)
    services.mitgliedschaft_wiederherstellen(entfernt, welt.rk_nord, jetzt=jetzt)
    bericht = services.inaktivitaet_pruefen(ausfuehren=True, jetzt=jetzt + timedelta(days=1))
    assert bericht.leer


def test_undoing_a_removal_after_thirty_days_is_refused_with_a_clear_message(welt, entfernt):
    vorher = _zustand()
    with pytest.raises(NichtMoeglich) as fehler:
        services.mitgliedschaft_wiederherstellen(
            entfernt, welt.rk_nord, jetzt=entfernt.entfernt_am + timedelta(days=31)
        )
    assert fehler.value.gruende == [
        "Die Austragung liegt mehr als 30 Tage zurück; bitte neu aufnehmen."
    ]
    assert _zustand() == vorher


def test_only_a_removal_for_inactivity_can_be_undone(welt, person_inaktiv):
    with pytest.raises(NichtMoeglich, match="Nur eine Austragung wegen Inaktivität"):
        services.mitgliedschaft_wiederherstellen(person_inaktiv, welt.rk_nord)


def test_the_coordination_undoes_a_removal_on_the_members_page(welt, client_als):
    # the removal happened yesterday
    mitglied = _entfernt_gestern(welt)
    antwort = client_als(welt.rk_nord).post(
        reverse("netzwerk:wiederherstellen", args=[mitglied.pk]), follow=True
    )
    assert "steht wieder auf dem Verteiler" in antwort.content.decode()
    mitglied.refresh_from_db()
    assert mitglied.status == "aktiv"


def _entfernt_gestern(welt):
    verteiler = VerteilerFactory(name="Netzwerk Nord", region=welt.nord)
    mitglied = services.mitglied_aufnehmen(verteiler, welt.rk_nord, person=UserFactory())
    Mitgliedschaft.objects.filter(pk=mitglied.pk).update(
        status="entfernt", entfernt_am=_vor(timedelta(days=1))
    )
    mitglied.refresh_from_db()
    return mitglied


def test_another_regions_coordination_cannot_undo_a_removal(welt, client_als):
    mitglied = _entfernt_gestern(welt)
    antwort = client_als(welt.rk_suedost).post(
        reverse("netzwerk:wiederherstellen", args=[mitglied.pk])
    )
    assert antwort.status_code == 404
    mitglied.refresh_from_db()
    assert mitglied.status == "entfernt"


# --- activity keeps a member on the list --------------------------------------------------------


def _angemeldet_zur_werkstatt(veranstaltung_anlegen, person):
    veranstaltung = veranstaltung_anlegen(anmeldung_erforderlich=True)
    return services.veranstaltung_anmelden(veranstaltung, person)


def _teilgenommen(veranstaltung_anlegen, person, welt):
    anmeldung = _angemeldet_zur_werkstatt(veranstaltung_anlegen, person)
    veranstaltung = anmeldung.veranstaltung
    # the workshop took place today; registering counted as activity, so move the clock back
    type(veranstaltung).objects.filter(pk=veranstaltung.pk).update(
        beginn=_vor(timedelta(hours=1)), ende=timezone.now() + timedelta(hours=1)
    )
    veranstaltung.refresh_from_db()
    Mitgliedschaft.objects.update(
        status="inaktiv",
        letzte_aktivitaet=_vor(relativedelta(months=13)),
        gewarnt_am=_vor(timedelta(days=5)),
    )
    services.teilnahme_erfassen(veranstaltung, welt.rk_nord, {anmeldung.pk})


def _eingeloggt(client, person):
    client.force_login(person)  # django's login(): sends user_logged_in


AKTIVITAETEN = {
    "registering_for_an_event": (
        "anmeldung",
        lambda k: _angemeldet_zur_werkstatt(k["veranstaltung_anlegen"], k["person"]),
    ),
    "attending_an_event": (
        "treffen",
        lambda k: _teilgenommen(k["veranstaltung_anlegen"], k["person"], k["welt"]),
    ),
    "signing_in": ("login", lambda k: _eingeloggt(k["client"], k["person"])),
    "a_noted_reply": (
        "antwort",
        lambda k: services.rueckmeldung_vermerken(k["mitglied"], k["welt"].rk_nord),
    ),
    "the_confirm_link": (
        "bestaetigt",
        lambda k: services.mitgliedschaft_bestaetigen(k["mitglied"].abmeldetoken),
    ),
}


@pytest.mark.parametrize("aktivitaet", AKTIVITAETEN, ids=list(AKTIVITAETEN))
def test_activity_makes_an_inactive_member_active_again_and_resets_its_clock(
    welt, gewarnt, veranstaltung_anlegen, client, aktivitaet
):
    art, ausloesen = AKTIVITAETEN[aktivitaet]
    vorher = timezone.now()
    ausloesen(
        {
            "welt": welt,
            "person": gewarnt.person,
            "mitglied": gewarnt,
            "veranstaltung_anlegen": veranstaltung_anlegen,
            "client": client,
        }
    )
    gewarnt.refresh_from_db()
    assert gewarnt.status == Mitgliedschaft.Status.AKTIV
    assert gewarnt.gewarnt_am is None
    assert gewarnt.letzte_aktivitaet >= vorher
    assert gewarnt.letzte_aktivitaet_art == art
    assert "aktiv" in _ereignisse(gewarnt)[2:]
    # the clock starts again: neither the removal date nor eleven more months touch it
    spaeter = timezone.now() + relativedelta(months=11)
    bericht = services.inaktivitaet_pruefen(ausfuehren=True, jetzt=spaeter)
    assert bericht.leer
    gewarnt.refresh_from_db()
    assert gewarnt.status == Mitgliedschaft.Status.AKTIV


def test_attending_a_network_meeting_of_the_jour_fixe_counts_as_activity(welt, gewarnt):
    from datetime import time

    from regionen import services as regionen_services
    from regionen.models import JourFixeSerie, Termin

    serie = regionen_services.serie_anlegen(
        JourFixeSerie(
            region=welt.nord,
            titel="Netzwerktreffen Nord",
            regel="FREQ=MONTHLY;BYDAY=2WE",
            erster_tag=timezone.localdate(),
            beginn=time(18),
            ende=time(20),
            ort="Rathaus Pankow",
            kreis="netzwerk",
        ),
        welt.rk_nord,
    )
    termin = serie.termine.order_by("beginn").first()
    # the meeting began an hour ago
    Termin.objects.filter(pk=termin.pk).update(
        beginn=_vor(timedelta(hours=1)), ende=timezone.now() + timedelta(hours=1)
    )
    termin.refresh_from_db()
    regionen_services.anwesenheit_erfassen(termin, welt.rk_nord, {gewarnt.person_id})
    gewarnt.refresh_from_db()
    assert (gewarnt.status, gewarnt.letzte_aktivitaet_art) == ("aktiv", "treffen")
    assert gewarnt.gewarnt_am is None


def test_signing_in_through_the_login_page_counts_as_activity(welt, gewarnt, client):
    from tests.factories import PASSWORT

    antwort = client.post(
        reverse("konten:login"), {"username": gewarnt.person.email, "password": PASSWORT}
    )
    assert antwort.status_code == 302
    gewarnt.refresh_from_db()
    assert (gewarnt.status, gewarnt.letzte_aktivitaet_art) == ("aktiv", "login")


def test_activity_of_an_organisations_contact_counts_for_the_organisation(
    welt, verteiler_nord, mso, mso_kontakt, aufnehmen, veranstaltung_anlegen
):
    mitglied = aufnehmen(
        verteiler_nord, organisation=mso, zuletzt_aktiv_vor=ZWOELF_MONATE_UND_EIN_TAG
    )
    services.inaktivitaet_pruefen(ausfuehren=True)
    _angemeldet_zur_werkstatt(veranstaltung_anlegen, mso_kontakt)
    mitglied.refresh_from_db()
    assert (mitglied.status, mitglied.letzte_aktivitaet_art) == ("aktiv", "anmeldung")


def test_a_noted_reply_leaves_its_own_history_row_with_the_coordinator(welt, gewarnt):
    services.rueckmeldung_vermerken(gewarnt, welt.rk_nord)
    antwort = Verteilerereignis.objects.get(mitgliedschaft=gewarnt, art="antwort")
    assert antwort.akteur == welt.rk_nord


def test_a_reply_cannot_be_noted_for_a_removed_member(welt, entfernt):
    with pytest.raises(NichtMoeglich, match="steht nicht mehr auf dem Verteiler"):
        services.rueckmeldung_vermerken(entfernt, welt.rk_nord)
    entfernt.refresh_from_db()
    assert entfernt.status == "entfernt"


def test_the_confirm_page_asks_on_get_and_keeps_the_member_on_post_without_a_session(gewarnt):
    url = reverse("netzwerk:bestaetigen", args=[gewarnt.abmeldetoken])
    anonym = Client()
    frage = anonym.get(url)
    assert frage.status_code == 200
    assert "Möchten Sie weiter Nachrichten des Verteilers „Netzwerk Nord“ erhalten?" in (
        frage.content.decode()
    )
    gewarnt.refresh_from_db()
    assert gewarnt.status == "inaktiv"
    antwort = anonym.post(url)
    assert "Danke! Sie bleiben auf dem Verteiler „Netzwerk Nord“." in antwort.content.decode()
    gewarnt.refresh_from_db()
    assert (gewarnt.status, gewarnt.letzte_aktivitaet_art) == ("aktiv", "bestaetigt")


def test_the_confirm_link_of_a_removed_member_is_no_longer_valid(entfernt):
    with pytest.raises(NichtMoeglich, match="nicht mehr gültig"):
        services.mitgliedschaft_bestaetigen(entfernt.abmeldetoken)
    entfernt.refresh_from_db()
    assert entfernt.status == "entfernt"


# --- messages to a list -------------------------------------------------------------------------


@pytest.fixture
def liste_mit_allen(verteiler_nord, mso, aufnehmen):
    """The Nord list with an active organisation, an inactive person, a removed person and
    a person who unsubscribed."""
    aktiv = aufnehmen(verteiler_nord, organisation=mso)
    inaktiv = aufnehmen(verteiler_nord, person=UserFactory(email="inaktiv@test.invalid"))
    entfernt = aufnehmen(verteiler_nord, person=UserFactory(email="entfernt@test.invalid"))
    abgemeldet = aufnehmen(verteiler_nord, person=UserFactory(email="abgemeldet@test.invalid"))
    Mitgliedschaft.objects.filter(pk=inaktiv.pk).update(
        status="inaktiv", gewarnt_am=_vor(timedelta(days=3))
    )
    Mitgliedschaft.objects.filter(pk=entfernt.pk).update(
        status="entfernt", entfernt_am=_vor(timedelta(days=3))
    )
    services.mitgliedschaft_abmelden(abgemeldet.abmeldetoken)
    return {"aktiv": aktiv, "inaktiv": inaktiv, "entfernt": entfernt, "abgemeldet": abgemeldet}


def _senden(welt, verteiler, django_capture_on_commit_callbacks, betreff="Netzwerktreffen"):
    with django_capture_on_commit_callbacks(execute=True):
        return services.nachricht_senden(
            verteiler, welt.rk_nord, f"  {betreff} ", "Liebe Mitglieder,\nwir laden ein."
        )


def test_a_message_goes_to_every_member_on_the_list_active_or_inactive(
    welt, verteiler_nord, liste_mit_allen, mailoutbox, django_capture_on_commit_callbacks
):
    _senden(welt, verteiler_nord, django_capture_on_commit_callbacks)
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "inaktiv@test.invalid",
        "kontakt@al-nour.invalid",
    ]
    for mail in mailoutbox:
        assert mail.subject == "[Netzwerk Nord] Netzwerktreffen"
        assert "wir laden ein." in mail.body
        assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert mail.extra_headers["List-Id"].startswith(f"<verteiler-{verteiler_nord.pk}.")


def test_a_list_name_stored_with_a_line_break_still_sends_one_line_subjects(
    welt, verteiler_nord, liste_mit_allen, mailoutbox, django_capture_on_commit_callbacks
):
    """Names stored before texts were cleaned on input: Django would refuse the header and
    the message would never arrive."""
    verteiler_nord.name = "Netzwerk\r\nBcc: x@y\u202e Nord"
    verteiler_nord.save(update_fields=["name"])
    _senden(welt, verteiler_nord, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    assert {mail.subject for mail in mailoutbox} == {"[Netzwerk Bcc: x@y Nord] Netzwerktreffen"}


def test_each_mail_carries_the_members_own_unsubscribe_link(
    welt, verteiler_nord, liste_mit_allen, mailoutbox, django_capture_on_commit_callbacks
):
    _senden(welt, verteiler_nord, django_capture_on_commit_callbacks)
    an = {mail.to[0]: mail for mail in mailoutbox}
    for adresse, mitglied in (
        ("kontakt@al-nour.invalid", liste_mit_allen["aktiv"]),
        ("inaktiv@test.invalid", liste_mit_allen["inaktiv"]),
    ):
        link = _link("abmelden", mitglied)
        assert link in an[adresse].body
        assert an[adresse].extra_headers["List-Unsubscribe"] == f"<{link}>"
        assert an[adresse].alternatives[0][0].count(link) == 1
    assert liste_mit_allen["aktiv"].abmeldetoken != liste_mit_allen["inaktiv"].abmeldetoken


def test_the_ledger_has_one_sent_row_per_member_on_the_list(
    welt, verteiler_nord, liste_mit_allen, django_capture_on_commit_callbacks
):
    nachricht = _senden(welt, verteiler_nord, django_capture_on_commit_callbacks)
    assert nachricht.betreff == "Netzwerktreffen"
    zeilen = Zustellung.objects.filter(nachricht=nachricht)
    assert sorted(zeilen.values_list("mitgliedschaft", flat=True)) == sorted(
        [liste_mit_allen["aktiv"].pk, liste_mit_allen["inaktiv"].pk]
    )
    assert all(z.art == "nachricht" and z.gesendet_am is not None for z in zeilen)


def test_running_the_send_task_again_with_the_same_ids_sends_nothing_more(
    welt, verteiler_nord, liste_mit_allen, mailoutbox, django_capture_on_commit_callbacks
):
    nachricht = _senden(welt, verteiler_nord, django_capture_on_commit_callbacks)
    ids = list(nachricht.zustellungen.values_list("pk", flat=True))
    gesendet = dict(nachricht.zustellungen.values_list("pk", "gesendet_am"))
    assert len(mailoutbox) == 2
    assert zustellungen_senden.delay(ids).get() == 0
    assert len(mailoutbox) == 2
    assert dict(nachricht.zustellungen.values_list("pk", "gesendet_am")) == gesendet


def test_a_message_needs_a_subject_and_a_text(welt, verteiler_nord, liste_mit_allen):
    with pytest.raises(NichtMoeglich, match="braucht Betreff und Text"):
        services.nachricht_senden(verteiler_nord, welt.rk_nord, "  ", "Text")
    assert not Zustellung.objects.exists()


def test_the_coordination_sends_a_message_from_the_lists_page(
    welt,
    verteiler_nord,
    liste_mit_allen,
    client_als,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        antwort = client_als(welt.rk_nord).post(
            reverse("netzwerk:nachricht", args=[verteiler_nord.pk]),
            {**BESTAETIGT, "betreff": "Sommerfest", "text": "Wir feiern."},
            follow=True,
        )
    assert "Die Nachricht geht an 2 Empfänger*innen." in antwort.content.decode()
    assert len(mailoutbox) == 2


def test_another_regions_coordination_cannot_send_to_the_list(
    welt, verteiler_nord, liste_mit_allen, client_als, mailoutbox
):
    antwort = client_als(welt.rk_suedost).post(
        reverse("netzwerk:nachricht", args=[verteiler_nord.pk]),
        {**BESTAETIGT, "betreff": "Sommerfest", "text": "Wir feiern."},
    )
    assert antwort.status_code == 404
    assert not Zustellung.objects.exists() and mailoutbox == []


# --- unsubscribing ------------------------------------------------------------------------------


def test_the_unsubscribe_link_asks_for_confirmation_on_get_and_changes_nothing(
    liste_mit_allen,
):
    mitglied = liste_mit_allen["aktiv"]
    vorher = _zustand()
    seite = Client().get(reverse("netzwerk:abmelden", args=[mitglied.abmeldetoken]))
    assert seite.status_code == 200
    assert "Möchten Sie keine Nachrichten des Verteilers „Netzwerk Nord“ mehr erhalten?" in (
        seite.content.decode()
    )
    assert _zustand() == vorher


def test_posting_the_unsubscribe_page_unsubscribes_without_a_session(liste_mit_allen):
    mitglied = liste_mit_allen["aktiv"]
    seite = Client().post(reverse("netzwerk:abmelden", args=[mitglied.abmeldetoken]))
    assert seite.status_code == 200
    assert "Sie sind vom Verteiler „Netzwerk Nord“ abgemeldet" in seite.content.decode()
    mitglied.refresh_from_db()
    assert mitglied.status == Mitgliedschaft.Status.ABGEMELDET
    assert _ereignisse(mitglied)[-1] == "abgemeldet"


def test_the_one_click_post_of_a_mail_program_unsubscribes_without_a_csrf_token(
    liste_mit_allen,
):
    mitglied = liste_mit_allen["inaktiv"]
    antwort = Client(enforce_csrf_checks=True).post(
        reverse("netzwerk:abmelden", args=[mitglied.abmeldetoken]),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert antwort.status_code == 200
    mitglied.refresh_from_db()
    assert mitglied.status == Mitgliedschaft.Status.ABGEMELDET


def test_an_unknown_unsubscribe_token_is_not_found_and_changes_nothing(liste_mit_allen):
    vorher = _zustand()
    antwort = Client().post(reverse("netzwerk:abmelden", args=["kein-gueltiges-token"]))
    assert antwort.status_code == 404
    assert "Dieser Link ist nicht mehr gültig." in antwort.content.decode()
    assert _zustand() == vorher


def test_an_unsubscribed_member_gets_no_further_message(
    welt, verteiler_nord, liste_mit_allen, mailoutbox, django_capture_on_commit_callbacks
):
    mitglied = liste_mit_allen["aktiv"]
    Client().post(reverse("netzwerk:abmelden", args=[mitglied.abmeldetoken]))
    nachricht = _senden(welt, verteiler_nord, django_capture_on_commit_callbacks)
    assert [mail.to for mail in mailoutbox] == [["inaktiv@test.invalid"]]
    assert not nachricht.zustellungen.filter(mitgliedschaft=mitglied).exists()


def test_a_member_who_unsubscribes_before_the_worker_runs_gets_nothing(
    welt, verteiler_nord, liste_mit_allen, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as rueckrufe:
        services.nachricht_senden(verteiler_nord, welt.rk_nord, "Treffen", "Am Montag.")
    services.mitgliedschaft_abmelden(liste_mit_allen["aktiv"].abmeldetoken)
    for rueckruf in rueckrufe:
        rueckruf()
    assert [mail.to for mail in mailoutbox] == [["inaktiv@test.invalid"]]


def test_an_unsubscribed_member_is_not_warned_or_removed_for_inactivity(
    verteiler_nord, aufnehmen, mailoutbox, django_capture_on_commit_callbacks
):
    mitglied = aufnehmen(
        verteiler_nord, person=UserFactory(), zuletzt_aktiv_vor=relativedelta(months=30)
    )
    services.mitgliedschaft_abmelden(mitglied.abmeldetoken)
    bericht = _markieren_ausfuehren(django_capture_on_commit_callbacks)
    assert bericht.leer and mailoutbox == []


def test_a_regional_coordination_starts_a_list_of_its_region_and_then_runs_it(client, welt):
    client.force_login(welt.rk_nord)
    antwort = client.post(
        reverse("netzwerk:verteiler_neu"),
        {
            "name": "Frauennetzwerk Nord",
            "region": welt.nord.pk,
            "inaktiv_nach_monaten": 6,
            "karenz_tage": 30,
        },
    )

    verteiler = Verteiler.objects.get(name="Frauennetzwerk Nord")
    assert antwort.status_code == 302 and antwort["Location"] == verteiler.get_absolute_url()
    assert client.get(verteiler.get_absolute_url()).status_code == 200
    client.force_login(welt.rk_suedost)
    assert client.get(verteiler.get_absolute_url()).status_code == 404


def test_an_organisation_contact_may_start_a_list_only_for_its_own_organisation(client, welt):
    Organisation.objects.filter(pk=welt.traeger_a.pk).update(region=welt.nord)
    client.force_login(welt.org_a)
    ohne = client.post(
        reverse("netzwerk:verteiler_neu"),
        {
            "name": "Ohne Träger",
            "region": welt.nord.pk,
            "inaktiv_nach_monaten": 12,
            "karenz_tage": 60,
        },
    )
    assert ohne.status_code == 200
    assert "sie führt den Verteiler" in ohne.content.decode()
    assert not Verteiler.objects.filter(name="Ohne Träger").exists()

    mit = client.post(
        reverse("netzwerk:verteiler_neu"),
        {
            "name": "Freundeskreis",
            "region": welt.nord.pk,
            "organisation": welt.traeger_a.pk,
            "inaktiv_nach_monaten": 12,
            "karenz_tage": 60,
        },
    )
    assert mit.status_code == 302
    assert Verteiler.objects.get(name="Freundeskreis").organisation == welt.traeger_a


def test_starting_a_list_for_another_organisation_is_refused_and_saves_nothing(welt):
    verteiler = Verteiler(name="Fremder Kreis", region=welt.nord, organisation=welt.traeger_b)

    with pytest.raises(NichtMoeglich, match="Sie vertreten diese Organisation nicht"):
        services.verteiler_anlegen(verteiler, welt.org_a)

    assert not Verteiler.objects.filter(name="Fremder Kreis").exists()
