"""The retention schedule (common/aufbewahrung.py): each rule removes or anonymises exactly the
rows past its period and keeps those within it, unused accounts are warned before they are
erased, nothing is deleted before a platform admin confirmed the schedule, and dry runs change
nothing."""

import io
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from common import aufbewahrung, aufbewahrungsarten, datenschutz
from common.loeschung import monate_vorher
from common.models import Aufbewahrungslauf, Aufbewahrungsregel, Zugriffsprotokoll
from common.tasks import aufbewahrung_ausfuehren
from konten.loeschantraege import inaktives_konto_loeschen
from konten.models import Loeschantrag
from tests.common.test_loeschung import _pruefsummen, _tabellen
from tests.factories import (
    BewerbungFactory,
    EinsatzFactory,
    StundeneintragFactory,
    UserFactory,
    VerlaufseintragFactory,
    VerteilernachrichtFactory,
    ZugriffsprotokollFactory,
    ZustellungFactory,
    fuehrungszeugnis_vermerken,
)

#: a day off either side of a period's end: one row just inside, one just outside
TAG = timedelta(days=1)


def _nur(*schluessel):
    """Only these rules run, and the schedule is confirmed."""
    Aufbewahrungsregel.objects.exclude(schluessel__in=schluessel).update(aktiv=False)
    aufbewahrung.bestaetigen()


@contextmanager
def _spaeter(**zeit):
    with time_machine.travel(timezone.now() + timedelta(**zeit), tick=False):
        yield


def _vor(monate: int, plus=timedelta(0)):
    return monate_vorher(timezone.now(), monate) + plus


def _bewerbung(welt, status, geaendert_am):
    from freiwillige.models import Bewerbung

    bewerbung = BewerbungFactory(bedarf=welt.bedarf_a, person=welt.bea, status=status)
    Bewerbung.objects.filter(pk=bewerbung.pk).update(updated_at=geaendert_am)
    return bewerbung.pk


def _einsatz(welt, person, ende):
    return EinsatzFactory(
        person=person,
        bedarf=welt.bedarf_a,
        beginn=timezone.localdate() - timedelta(days=900),
        ende=ende,
        status="beendet" if ende else "aktiv",
    )


# --- each rule ----------------------------------------------------------------------------------


def test_declined_applications_go_after_six_months_and_the_others_stay(welt):
    from freiwillige.models import Bewerbung

    draussen = _bewerbung(welt, "abgelehnt", _vor(6, -TAG))
    drinnen = _bewerbung(welt, "abgelehnt", _vor(6, TAG))
    alt_zurueckgezogen = _bewerbung(welt, "zurueckgezogen", _vor(12))
    alt_angenommen = _bewerbung(welt, "angenommen", _vor(12))
    _nur("bewerbungen-abgelehnt")

    aufbewahrung.lauf()

    bleiben = set(Bewerbung.objects.values_list("pk", flat=True))
    assert draussen not in bleiben
    assert {drinnen, alt_zurueckgezogen, alt_angenommen} <= bleiben


def test_inspection_records_go_three_months_after_the_last_assignment_ends(welt):
    from freiwillige.models import Nachweis

    heute = timezone.localdate()
    ausgeschieden, kuerzlich, wieder_dabei = (
        UserFactory(email=f"{name}@test.invalid") for name in ("aus", "kurz", "wieder")
    )
    _einsatz(welt, ausgeschieden, _vor(3, -TAG).date())
    _einsatz(welt, kuerzlich, _vor(3, TAG).date())
    _einsatz(welt, wieder_dabei, _vor(12).date())
    _einsatz(welt, wieder_dabei, None)  # a running assignment
    nachweise = {
        person: fuehrungszeugnis_vermerken(person, heute - timedelta(days=400)).pk
        for person in (ausgeschieden, kuerzlich, wieder_dabei, welt.bea)
    }
    _nur("nachweise")

    aufbewahrung.lauf()

    bleiben = set(Nachweis.objects.values_list("pk", flat=True))
    assert nachweise[ausgeschieden] not in bleiben
    # within the period, still helping, or never assigned (Bea, who applied only)
    assert {nachweise[p] for p in (kuerzlich, wieder_dabei, welt.bea)} <= bleiben


def test_distribution_list_messages_and_their_ledger_go_after_twelve_months(welt_ganz):
    from netzwerk.models import Mitgliedschaft, Verteilernachricht, Zustellung

    mitgliedschaft = Mitgliedschaft.objects.first()
    verteiler = mitgliedschaft.verteiler
    zeilen = {}
    for name, zeit in (("alt", _vor(12, -TAG)), ("neu", _vor(12, TAG))):
        nachricht = VerteilernachrichtFactory(verteiler=verteiler)
        zustellung = ZustellungFactory(mitgliedschaft=mitgliedschaft, nachricht=nachricht)
        Verteilernachricht.objects.filter(pk=nachricht.pk).update(created_at=zeit)
        Zustellung.objects.filter(pk=zustellung.pk).update(created_at=zeit)
        zeilen[name] = (nachricht.pk, zustellung.pk)
    _nur("verteiler-nachrichten")

    aufbewahrung.lauf()

    nachrichten = set(Verteilernachricht.objects.values_list("pk", flat=True))
    zustellungen = set(Zustellung.objects.values_list("pk", flat=True))
    assert zeilen["alt"][0] not in nachrichten and zeilen["alt"][1] not in zustellungen
    assert zeilen["neu"][0] in nachrichten and zeilen["neu"][1] in zustellungen
    assert Mitgliedschaft.objects.filter(pk=mitgliedschaft.pk).exists()


def test_login_attempt_logs_go_after_the_registrys_three_months(db):
    zeilen = {}
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        for name, zeit in (("alt", _vor(3, -TAG)), ("neu", _vor(3, TAG))):
            felder = {"username": f"{name}@test.invalid", "ip_address": "192.0.2.1"}
            if model is AccessAttempt:
                felder["failures_since_start"] = 1
            zeile = model.objects.create(**felder)
            model.objects.filter(pk=zeile.pk).update(attempt_time=zeit)
            zeilen[(model, name)] = zeile.pk
    _nur("anmeldeversuche")

    aufbewahrung.lauf()

    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        assert not model.objects.filter(pk=zeilen[(model, "alt")]).exists(), model
        assert model.objects.filter(pk=zeilen[(model, "neu")]).exists(), model


def test_access_log_rows_go_after_their_declared_period(welt, settings):
    monate = datenschutz.deklaration(Zugriffsprotokoll).frist_monate
    person, leser = welt.bea, welt.ek_a
    zeilen = {}
    for name, zeit in (("alt", _vor(monate, -TAG)), ("neu", _vor(monate, TAG))):
        zeilen[name] = ZugriffsprotokollFactory(person=person, akteur=leser, zeitpunkt=zeit).pk
    _nur("zugriffsprotokoll")

    aufbewahrung.lauf()

    assert not Zugriffsprotokoll.objects.filter(pk=zeilen["alt"]).exists()
    assert Zugriffsprotokoll.objects.filter(pk=zeilen["neu"]).exists()


def test_what_was_kept_of_an_erased_person_is_anonymised_once_its_period_ends(welt):
    from freiwillige.models import Stundeneintrag, Verlaufseintrag

    heute = timezone.localdate()
    geloescht, geblieben = (UserFactory(email=f"{n}@test.invalid") for n in ("weg", "da"))
    eintraege = {}
    for person in (geloescht, geblieben):
        einsatz = _einsatz(welt, person, _vor(36, timedelta(days=20)).date())
        stunden = StundeneintragFactory(
            einsatz=einsatz, datum=einsatz.ende, taetigkeit=f"{person.email}-Tätigkeit"
        )
        verlauf = VerlaufseintragFactory(
            bewerbung=einsatz.bewerbung, einsatz=einsatz, nach_status="beendet", notiz="Notiz"
        )
        Verlaufseintrag.objects.filter(pk=verlauf.pk).update(zeitpunkt=_vor(36, timedelta(days=20)))
        eintraege[person] = (stunden.pk, verlauf.pk)
    inaktives_konto_loeschen(geloescht)
    _nur("aufbewahrte-zeilen")

    # the 36 months from the assignment's end still run: kept as they are
    aufbewahrung.lauf()
    assert Stundeneintrag.objects.get(pk=eintraege[geloescht][0]).taetigkeit

    with _spaeter(days=21):
        assert heute < timezone.localdate()
        aufbewahrung.lauf()

    stunden, verlauf = eintraege[geloescht]
    assert Stundeneintrag.objects.get(pk=stunden).taetigkeit == ""
    assert Verlaufseintrag.objects.get(pk=verlauf).notiz == ""
    # the hours still count; someone not erased keeps theirs unchanged
    assert Stundeneintrag.objects.get(pk=stunden).stunden == 2
    assert Stundeneintrag.objects.get(pk=eintraege[geblieben][0]).taetigkeit.endswith("Tätigkeit")
    assert Verlaufseintrag.objects.get(pk=eintraege[geblieben][1]).notiz == "Notiz"


# --- unused accounts ----------------------------------------------------------------------------


def test_an_unused_account_is_warned_first_and_erased_only_after_the_further_grace(db, settings):
    settings.KONTO_INAKTIV_KARENZ_TAGE = 30
    person = UserFactory(email="still@test.invalid", anzeigename="Stella Still")
    admin = UserFactory(email="chef@test.invalid", is_staff=True)
    _nur("konten-inaktiv")

    with _spaeter(days=700):
        aufbewahrung.lauf()
    assert not mail.outbox  # 23 months: not yet

    with _spaeter(days=24 * 31):
        aufbewahrung.lauf()
        aufbewahrung.lauf()  # a second run the same day warns no one twice
    assert [m.to for m in mail.outbox] == [["still@test.invalid"]]
    assert "anmelden" in mail.outbox[0].body
    person.refresh_from_db()
    assert person.email == "still@test.invalid"

    with _spaeter(days=24 * 31 + 29):
        aufbewahrung.lauf()
    person.refresh_from_db()
    assert person.email == "still@test.invalid"

    with _spaeter(days=24 * 31 + 31):
        aufbewahrung.lauf()
    person.refresh_from_db()
    assert person.email != "still@test.invalid" and not person.is_active
    assert Loeschantrag.objects.get(person=person).ausgefuehrt_am
    assert mail.outbox[-1].to == ["still@test.invalid"]  # told it is done
    admin.refresh_from_db()
    assert admin.email == "chef@test.invalid"


def test_signing_in_after_the_warning_keeps_the_account(db, client, settings):
    settings.KONTO_INAKTIV_KARENZ_TAGE = 30
    person = UserFactory(email="zurueck@test.invalid")
    _nur("konten-inaktiv")

    with _spaeter(days=24 * 31):
        aufbewahrung.lauf()
    assert len(mail.outbox) == 1
    with _spaeter(days=24 * 31 + 10):
        client.force_login(person)
    with _spaeter(days=24 * 31 + 40):
        aufbewahrung.lauf()

    person.refresh_from_db()
    assert person.email == "zurueck@test.invalid" and person.is_active
    assert not Loeschantrag.objects.filter(person=person).exists()
    assert len(mail.outbox) == 1


# --- confirmation, dry runs, the admin's edits, the report ------------------------------------


@pytest.fixture
def faellig(welt):
    """Rows past their periods for several rules, two years on."""
    _bewerbung(welt, "abgelehnt", _vor(7))
    AccessLog.objects.create(username="x@test.invalid", ip_address="192.0.2.9")
    AccessLog.objects.update(attempt_time=_vor(4))
    return welt


def test_nothing_is_deleted_before_an_admin_confirmed_the_schedule(faellig):
    with _spaeter(days=25 * 31):
        vorher = _pruefsummen()
        aufbewahrung_ausfuehren()
        nachher = _pruefsummen()

    bericht = Aufbewahrungslauf.objects.get()
    del nachher["common.Aufbewahrungslauf"], vorher["common.Aufbewahrungslauf"]
    assert nachher == vorher
    assert not mail.outbox
    # the report counts what a confirmed run would have done
    assert bericht.probelauf and bericht.anzahl > 0
    assert not any(regel["angewendet"] for regel in bericht.ergebnis)


def test_the_dry_run_page_shows_the_counts_and_changes_nothing(faellig, client_als):
    client = client_als(faellig.admin)  # signing in writes its own rows
    vorher = _pruefsummen()
    antwort = client.get(reverse("konten:aufbewahrungsplan"))
    assert antwort.status_code == 200
    seite = antwort.content.decode()
    assert "Abgelehnte Bewerbungen" in seite and "Bewerbung: 1 gelöscht" in seite
    assert "Aufbewahrungsplan bestätigen" in seite
    assert _pruefsummen() == vorher


def test_the_command_dry_run_prints_the_counts_and_changes_nothing(faellig):
    aufbewahrung.bestaetigen()
    vorher = _pruefsummen()
    ausgabe = io.StringIO()
    call_command("aufbewahrung", stdout=ausgabe)
    assert "freiwillige.Bewerbung" in ausgabe.getvalue()
    assert "Dry run" in ausgabe.getvalue()
    assert _pruefsummen() == vorher


def test_the_command_applies_the_schedule_with_ausfuehren(faellig):
    from freiwillige.models import Bewerbung

    aufbewahrung.bestaetigen()
    call_command("aufbewahrung", "--ausfuehren", stdout=io.StringIO())
    assert not Bewerbung.objects.filter(status="abgelehnt").exists()


def test_confirming_on_the_page_asks_first_then_lets_the_run_delete(faellig, client_als):
    from freiwillige.models import Bewerbung

    client = client_als(faellig.admin)
    url = reverse("konten:aufbewahrungsplan")
    frage = client.post(url)
    assert "Aufbewahrungsplan bestätigen? Danach löscht der tägliche Lauf" in frage.content.decode()
    assert not aufbewahrung.bestaetigt()

    client.post(url, {"bestaetigt": "ja"})

    assert aufbewahrung.bestaetigt()
    aufbewahrung.lauf()
    assert not Bewerbung.objects.filter(status="abgelehnt").exists()


def test_an_admin_editing_a_rules_period_changes_what_the_run_does(welt, client_als):
    from freiwillige.models import Bewerbung

    pk = _bewerbung(welt, "abgelehnt", _vor(4))
    _nur("bewerbungen-abgelehnt")
    aufbewahrung.lauf()
    assert Bewerbung.objects.filter(pk=pk).exists()

    regel = Aufbewahrungsregel.objects.get(schluessel="bewerbungen-abgelehnt")
    antwort = client_als(welt.admin).post(
        reverse("admin:common_aufbewahrungsregel_change", args=[regel.pk]),
        {"name": regel.name, "beschreibung": regel.beschreibung, "monate": 3, "aktiv": "on"},
    )
    assert antwort.status_code == 302
    aufbewahrung.lauf()

    assert not Bewerbung.objects.filter(pk=pk).exists()


def test_the_run_report_records_the_counts_per_rule(faellig, client_als):
    _nur("bewerbungen-abgelehnt", "anmeldeversuche")
    bericht = aufbewahrung.lauf()

    zahlen = {
        (regel["regel"], schritt["model"]): schritt["anzahl"]
        for regel in bericht.ergebnis
        for schritt in regel["schritte"]
    }
    assert zahlen[("bewerbungen-abgelehnt", "freiwillige.Bewerbung")] == 1
    assert zahlen[("anmeldeversuche", "axes.AccessLog")] == 1
    assert not bericht.probelauf
    seite = client_als(faellig.admin).get(reverse("konten:aufbewahrungsplan"))
    assert "Protokoll der Anmeldungen: 1 gelöscht" in seite.content.decode()


def test_a_run_touches_nobody_elses_rows(welt_ganz):
    """Every rule on, half a year on: the only rows that change are the ones past a period."""
    welt = welt_ganz
    alt = _bewerbung(welt, "abgelehnt", _vor(7))
    protokoll = AccessLog.objects.create(username="y@test.invalid", ip_address="192.0.2.3")
    AccessLog.objects.filter(pk=protokoll.pk).update(attempt_time=_vor(4))
    aufbewahrung.bestaetigen()

    with _spaeter(days=5):
        vorher = _tabellen()
        aufbewahrung.lauf()
        nachher = _tabellen()

    geaendert = {
        schluessel
        for schluessel in vorher.keys() | nachher.keys()
        if vorher.get(schluessel) != nachher.get(schluessel)
        and schluessel[0] != "common.Aufbewahrungslauf"
    }
    assert geaendert == {("freiwillige.Bewerbung", alt), ("axes.AccessLog", protokoll.pk)}


# --- the schedule and the code agree ------------------------------------------------------------


def test_every_seeded_rule_has_code_and_works_on_declared_models(db):
    regeln = set(Aufbewahrungsregel.objects.values_list("schluessel", flat=True))
    assert regeln == set(aufbewahrungsarten.alle_arten())
    for regel in Aufbewahrungsregel.objects.all():
        regelart = aufbewahrungsarten.art(regel.schluessel)
        for schritt in regelart.auswahl(aufbewahrung.frist(regel, regelart)):
            assert datenschutz.deklaration(schritt.model), (regel.schluessel, schritt.model)


def test_a_new_installation_starts_unconfirmed(db):
    assert not aufbewahrung.bestaetigt()
    assert not Aufbewahrungsregel.objects.filter(bestaetigt_am__isnull=False).exists()
