"""Jour-fixe series, Termine, agenda, answers, attendance, minutes and action items."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from common.models import Notice
from common.workflow import NichtMoeglich
from konten import roles
from regionen import services
from regionen.models import Aufgabe, JourFixeSerie, Stimme, Teilnahme, Termin, Thema
from tests.factories import (
    TerminFactory,
    UnterkunftFactory,
    UserFactory,
    jourfixe_serie,
    termin_heute,
)

pytestmark = pytest.mark.django_db


def _serie(welt, **daten):
    return jourfixe_serie(welt, **daten)


def _zweiter_mittwoch(termin):
    lokal = timezone.localtime(termin.beginn)
    return lokal.weekday() == 2 and 8 <= lokal.day <= 14 and lokal.time() == time(10)


def test_a_monthly_series_creates_the_termine_of_the_coming_months_on_the_second_wednesday(welt):
    serie = _serie(welt)
    termine = list(serie.termine.all())
    assert 5 <= len(termine) <= 7
    assert all(_zweiter_mittwoch(termin) for termin in termine)
    assert all(termin.ende - termin.beginn == timedelta(hours=2) for termin in termine)


@pytest.mark.uhr("2027-03-10T09:00+01:00")
def test_the_topic_deadline_keeps_the_termins_hour_across_the_change_to_summer_time(welt):
    # the Termin of 14 April (summer time) takes topics until three weeks earlier (winter time)
    serie = _serie(welt, frist=21, erster_tag=date(2027, 4, 1))
    termin = serie.termine.order_by("beginn").first()

    frist = timezone.localtime(termin.themenfrist)
    assert (frist.date(), frist.time()) == (date(2027, 3, 24), time(10))


def test_materialising_again_creates_nothing_twice_and_keeps_moved_termine(welt):
    serie = _serie(welt)
    erster = serie.termine.first()
    neu = timezone.now() + timedelta(days=1)
    services.termin_verschieben(erster, welt.rk_nord, neu, neu + timedelta(hours=1))
    anzahl = serie.termine.count()
    assert services.termine_materialisieren() == 0
    assert serie.termine.count() == anzahl
    assert Termin.objects.get(pk=erster.pk).beginn == neu


def test_the_daily_job_adds_the_next_months_as_time_passes(welt):
    serie = _serie(welt)
    anzahl = serie.termine.count()
    spaeter = timezone.now() + timedelta(days=62)
    assert services.termine_materialisieren(jetzt=spaeter) >= 2
    assert serie.termine.count() == anzahl + 2
    assert services.termine_materialisieren(jetzt=spaeter) == 0


def test_a_rule_that_yields_no_date_is_refused_and_nothing_is_saved(welt):
    with pytest.raises(NichtMoeglich, match="keinen einzigen Termin"):
        _serie(welt, regel="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    assert not JourFixeSerie.objects.filter(titel="Jour fixe Pankow").exists()


def test_a_rule_whose_dates_all_lie_in_the_past_is_refused(welt):
    with pytest.raises(NichtMoeglich, match="keinen Termin"):
        _serie(welt, regel="FREQ=WEEKLY;COUNT=2", erster_tag=date(2020, 1, 1))
    assert not JourFixeSerie.objects.filter(titel="Jour fixe Pankow").exists()
    assert not Termin.objects.filter(serie__titel="Jour fixe Pankow").exists()


def test_an_end_before_the_start_is_refused(welt):
    serie = JourFixeSerie(
        region=welt.nord,
        titel="X",
        regel="FREQ=WEEKLY;BYDAY=MO",
        erster_tag=timezone.localdate(),
        beginn=time(12),
        ende=time(10),
    )
    with pytest.raises(NichtMoeglich, match="Ende muss nach dem Beginn"):
        services.serie_anlegen(serie, welt.rk_nord)
    assert not JourFixeSerie.objects.filter(titel="X").exists()


def test_a_rule_of_hourly_meetings_is_refused(welt):
    with pytest.raises(NichtMoeglich, match="wöchentlich, monatlich oder jährlich"):
        _serie(welt, regel="FREQ=HOURLY")


def test_a_coordinator_of_another_region_cannot_create_a_series_for_nord(welt):
    serie = JourFixeSerie(
        region=welt.nord,
        titel="X",
        regel="FREQ=WEEKLY;BYDAY=MO",
        erster_tag=timezone.localdate(),
        beginn=time(10),
        ende=time(11),
    )
    with pytest.raises(NichtMoeglich):
        services.serie_anlegen(serie, welt.rk_suedost)


def test_the_invited_circle_is_every_shelter_coordinator_of_the_region(welt):
    serie = _serie(welt)
    assert list(services.eingeladene(serie)) == [welt.ek_a]
    zweite = UnterkunftFactory(bezirk=welt.unterkunft_a.bezirk)
    ek_zwei = UserFactory(anzeigename="Zora Zweite")
    roles.rolle("ehrenamtskoordination").grant(ek_zwei, zweite)
    assert set(services.eingeladene(serie)) == {welt.ek_a, ek_zwei}
    assert Notice.objects.filter(art="jourfixe_eingeladen", empfaenger=welt.ek_a).exists()


def test_who_sees_nords_jours_fixes(welt):
    serie = _serie(welt)
    termin = serie.termine.first()
    for persona in ("rk_nord", "ek_a", "admin"):
        assert Termin.objects.for_user(welt.personas[persona]).filter(pk=termin.pk).exists()
    for persona in ("rk_suedost", "ek_b", "freiwillig", "verwaltung", "org_a", "fortbildung"):
        sichtbar = Termin.objects.for_user(welt.personas[persona]).filter(serie__region=welt.nord)
        assert not sichtbar.exists(), persona
    assert Termin.objects.for_user(welt.rk_nord, "change").filter(pk=termin.pk).exists()
    assert not Termin.objects.for_user(welt.ek_a, "change").exists()


def test_a_series_of_berlin_invites_the_coordinators_of_every_region_below(welt):
    roles.rolle("regionalkoordination").grant(welt.admin, welt.berlin)
    serie = jourfixe_serie(
        welt, regel="FREQ=MONTHLY;BYDAY=1MO", region=welt.berlin, akteur=welt.admin
    )
    assert set(services.eingeladene(serie)) == {welt.ek_a, welt.ek_b}
    assert JourFixeSerie.objects.for_user(welt.ek_b).filter(pk=serie.pk).exists()
    assert not JourFixeSerie.objects.for_user(welt.rk_nord, "change").filter(pk=serie.pk).exists()


def test_moving_one_termin_leaves_the_others_and_the_series_alone(welt):
    serie = _serie(welt)
    erster, zweiter = serie.termine.all()[:2]
    neu = timezone.localtime(erster.beginn) + timedelta(days=1, hours=4)
    services.termin_verschieben(erster, welt.rk_nord, neu, neu + timedelta(hours=1), ort="Online")
    erster.refresh_from_db()
    zweiter_danach = Termin.objects.get(pk=zweiter.pk)
    assert (erster.beginn, erster.ort, erster.sequenz) == (neu, "Online", 1)
    assert (zweiter_danach.beginn, zweiter_danach.sequenz) == (zweiter.beginn, 0)
    assert Notice.objects.filter(art="termin_verschoben", empfaenger=welt.ek_a).exists()


def test_moving_into_the_past_or_with_the_end_first_is_refused(welt):
    termin = _serie(welt).termine.first()
    gestern = timezone.now() - timedelta(days=1)
    with pytest.raises(NichtMoeglich, match="Vergangenheit"):
        services.termin_verschieben(termin, welt.rk_nord, gestern, gestern + timedelta(hours=1))
    with pytest.raises(NichtMoeglich, match="Ende muss nach dem Beginn"):
        services.termin_verschieben(
            termin, welt.rk_nord, termin.beginn, termin.beginn - timedelta(hours=1)
        )
    assert Termin.objects.get(pk=termin.pk).sequenz == 0


def test_ending_a_series_removes_its_future_termine_and_keeps_past_ones(welt):
    serie = _serie(welt)
    vergangen = TerminFactory(serie=serie, beginn=timezone.now() - timedelta(days=30))
    entfernt = services.serie_beenden(serie, welt.rk_nord)
    assert entfernt >= 5
    assert list(serie.termine.all()) == [vergangen]
    assert services.termine_materialisieren() == 0
    with pytest.raises(NichtMoeglich, match="bereits beendet"):
        services.serie_beenden(serie, welt.rk_nord)


def test_topics_and_votes_one_vote_per_person(welt):
    termin = _serie(welt).termine.first()
    thema = services.thema_vorschlagen(termin, welt.ek_a, "Ehrenamtspauschale")
    services.thema_abstimmen(thema, welt.ek_a)
    services.thema_abstimmen(thema, welt.rk_nord)
    with pytest.raises(NichtMoeglich, match="bereits gestimmt"):
        services.thema_abstimmen(thema, welt.ek_a)
    assert Stimme.objects.filter(thema=thema).count() == 2
    services.thema_stimme_zurueckziehen(thema, welt.ek_a)
    assert Stimme.objects.filter(thema=thema).count() == 1


def test_a_vote_after_the_deadline_is_refused_and_changes_nothing(welt):
    termin = _serie(welt, frist=3).termine.first()
    thema = services.thema_vorschlagen(termin, welt.ek_a, "Dolmetschpool")
    Termin.objects.filter(pk=termin.pk).update(
        beginn=timezone.now() + timedelta(days=1), ende=timezone.now() + timedelta(days=1, hours=2)
    )
    thema.refresh_from_db()
    with pytest.raises(NichtMoeglich, match="Frist für Themen und Stimmen endete"):
        services.thema_abstimmen(thema, welt.ek_a)
    with pytest.raises(NichtMoeglich, match="Frist"):
        services.thema_vorschlagen(thema.termin, welt.ek_a, "Zu spät")
    assert not Stimme.objects.filter(thema__termin=thema.termin).exists()
    assert Thema.objects.filter(termin=thema.termin).count() == 1


def test_publishing_the_agenda_orders_the_topics_and_tells_the_circle(welt):
    termin = _serie(welt).termine.first()
    erstes = services.thema_vorschlagen(termin, welt.ek_a, "Erstes")
    zweites = services.thema_vorschlagen(termin, welt.ek_a, "Zweites")
    drittes = services.thema_vorschlagen(termin, welt.ek_a, "Nicht dabei")
    services.tagesordnung_festlegen(termin, welt.rk_nord, [zweites.pk, erstes.pk])
    services.tagesordnung_veroeffentlichen(termin, welt.rk_nord)
    termin.refresh_from_db()
    auf = list(termin.themen.filter(auf_tagesordnung=True).order_by("position"))
    assert auf == [zweites, erstes]
    assert not Thema.objects.get(pk=drittes.pk).auf_tagesordnung
    assert termin.sequenz == 1
    assert Notice.objects.filter(art="tagesordnung_veroeffentlicht", empfaenger=welt.ek_a).exists()
    with pytest.raises(NichtMoeglich, match="schon veröffentlicht"):
        services.thema_vorschlagen(termin, welt.ek_a, "Nachzügler")


def test_an_empty_agenda_is_not_published(welt):
    termin = _serie(welt).termine.first()
    with pytest.raises(NichtMoeglich, match="leer"):
        services.tagesordnung_veroeffentlichen(termin, welt.rk_nord)
    assert Termin.objects.get(pk=termin.pk).tagesordnung_veroeffentlicht_am is None


@pytest.mark.uhr(uhrzeit="10:00")  # the Termin of the day starts an hour later
def test_answers_yes_no_maybe_and_attendance_on_the_day(welt):
    termin = termin_heute(welt)
    services.teilnahme_antworten(termin, welt.ek_a, "ja")
    services.teilnahme_antworten(termin, welt.ek_a, "vielleicht")
    assert Teilnahme.objects.get(termin=termin, person=welt.ek_a).antwort == "vielleicht"
    with pytest.raises(NichtMoeglich, match="Ja, Nein oder Vielleicht"):
        services.teilnahme_antworten(termin, welt.ek_a, "gern")
    services.anwesenheit_erfassen(termin, welt.rk_nord, {welt.ek_a.pk})
    assert Teilnahme.objects.get(termin=termin, person=welt.ek_a).anwesend is True
    with pytest.raises(NichtMoeglich, match="nicht eingeladen"):
        services.anwesenheit_erfassen(termin, welt.rk_nord, {welt.ek_b.pk})
    assert Teilnahme.objects.get(termin=termin, person=welt.ek_a).anwesend is True


def test_attendance_and_minutes_wait_for_the_day(welt):
    termin = _serie(welt).termine.last()
    with pytest.raises(NichtMoeglich, match="ab dem Tag"):
        services.anwesenheit_erfassen(termin, welt.rk_nord, set())
    with pytest.raises(NichtMoeglich, match="ab dem Tag"):
        services.protokoll_speichern(termin, welt.rk_nord, "Text", "")


@pytest.mark.uhr(uhrzeit="10:00")  # the Termin of the day starts an hour later
def test_open_action_items_carry_over_to_the_next_termin_until_done(welt):
    termin = termin_heute(welt)
    naechster = termin.serie.termine.exclude(pk=termin.pk).order_by("beginn").first()
    services.protokoll_speichern(termin, welt.rk_nord, "Besprochen.", "Pool gründen", True)
    aufgabe = services.aufgabe_anlegen(
        termin, welt.rk_nord, "Dolmetschpool anfragen", welt.ek_a, timezone.localdate()
    )
    assert Notice.objects.filter(art="protokoll_veroeffentlicht", empfaenger=welt.ek_a).exists()
    assert Notice.objects.filter(art="aufgabe_zugewiesen", empfaenger=welt.ek_a).exists()
    assert list(Aufgabe.objects.offen_bei(naechster)) == [aufgabe]
    assert not Aufgabe.objects.offen_bei(termin).exists()
    services.aufgabe_status_setzen(aufgabe, welt.ek_a, "erledigt")
    # done after the next Termin was held would still show there; done before, it is gone
    assert not Aufgabe.objects.offen_bei(naechster).exists()


@pytest.mark.uhr(uhrzeit="10:00")  # the Termin of the day starts an hour later
def test_an_owner_outside_the_circle_is_refused(welt):
    termin = termin_heute(welt)
    with pytest.raises(NichtMoeglich, match="gehört nicht zum Kreis"):
        services.aufgabe_anlegen(termin, welt.rk_nord, "X", welt.ek_b)
    assert not Aufgabe.objects.filter(termin=termin).exists()


@pytest.mark.uhr(uhrzeit="10:00")  # the Termin of the day starts an hour later
def test_the_owner_may_close_the_item_others_of_the_circle_may_not(welt):
    termin = termin_heute(welt)
    aufgabe = services.aufgabe_anlegen(termin, welt.rk_nord, "X", welt.rk_nord)
    assert not Aufgabe.objects.for_user(welt.ek_a, "change").filter(pk=aufgabe.pk).exists()
    assert Aufgabe.objects.for_user(welt.ek_a).filter(pk=aufgabe.pk).exists()
    eigene = services.aufgabe_anlegen(termin, welt.rk_nord, "Y", welt.ek_a)
    assert Aufgabe.objects.for_user(welt.ek_a, "change").filter(pk=eigene.pk).exists()


def test_cancelling_a_termin_tells_the_circle_and_blocks_answers(welt):
    termin = _serie(welt).termine.first()
    services.termin_absagen(termin, welt.rk_nord, "Krankheit")
    termin.refresh_from_db()
    assert termin.abgesagt and termin.sequenz == 1
    assert Notice.objects.filter(art="termin_abgesagt", empfaenger=welt.ek_a).exists()
    with pytest.raises(NichtMoeglich, match="abgesagt"):
        services.teilnahme_antworten(termin, welt.ek_a, "ja")


def test_summer_time_keeps_the_local_hour(welt):
    serie = jourfixe_serie(welt, regel="FREQ=WEEKLY;BYDAY=MO", ende=time(11))
    stunden = {timezone.localtime(t.beginn).hour for t in serie.termine.all()}
    assert stunden == {10}
    assert serie.termine.count() >= 25
