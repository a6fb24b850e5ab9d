"""Erasing a person (common/loeschung.py): after it, nothing in the database names them,
nobody else's rows have changed, frozen report figures read the same, and a dry run changes
nothing at all."""

import hashlib
import io
from contextlib import contextmanager
from datetime import timedelta

import pytest
from axes.models import AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from berichte.models import Berichtsstand
from berichte.tasks import einfrieren
from berichte.zeitraum import Periode
from common import datenschutz, loeschung
from konten.models import Loeschantrag, User
from tests.factories import (
    ApiZugangFactory,
    EinsatzFactory,
    EinstellungFactory,
    NoticeFactory,
    StundeneintragFactory,
    VerlaufseintragFactory,
    VersandFactory,
    fuehrungszeugnis_vermerken,
)


def _tabellen() -> dict:
    """Every row of every table, by (model, pk): the whole database as values."""
    inhalt = {}
    for model in apps.get_models(include_auto_created=True):
        for zeile in model._default_manager.order_by("pk").values():
            inhalt[(model._meta.label, zeile[model._meta.pk.attname])] = zeile
    return inhalt


def _als_text(inhalt: dict) -> str:
    return "\n".join(f"{schluessel} {zeile!r}" for schluessel, zeile in sorted(inhalt.items()))


def _pruefsummen() -> dict:
    """Row count and checksum of every table."""
    summen = {}
    for model in apps.get_models(include_auto_created=True):
        zeilen = list(model._default_manager.order_by("pk").values())
        text = repr(zeilen).encode()
        summen[model._meta.label] = (len(zeilen), hashlib.sha256(text).hexdigest())
    return summen


def _betroffen(user) -> tuple[set, dict]:
    """The rows about ``user`` and, per row naming them as actor only, the actor fields."""
    eigene = {(settings.AUTH_USER_MODEL, user.pk)}
    akteur = {}
    for deklaration in datenschutz.alle():
        label = deklaration.model_class._meta.label
        eigene |= {(label, pk) for pk in deklaration.zeilen_von(user).values_list("pk", flat=True)}
        for feld in deklaration.akteure:
            manager = deklaration.model_class._default_manager
            for pk in manager.filter(**{feld: user.pk}).values_list("pk", flat=True):
                akteur.setdefault((label, pk), set()).add(feld)
    # the hidden m2m rows that link the account (roles, invitees of a series)
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.auto_created:
            continue
        for feld in model._meta.concrete_fields:
            if feld.is_relation and feld.related_model is user_model:
                pks = model._default_manager.filter(**{feld.name: user.pk}).values_list(
                    "pk", flat=True
                )
                eigene |= {(model._meta.label, pk) for pk in pks}
    return eigene, akteur


@pytest.fixture
def volle_welt(welt_ganz, client_als):
    """``welt_ganz`` with every kind of row the registry links to Finn (volunteer), Emma
    (coordination of shelter A) and Olga (contact of Träger Alpha), each carrying a value
    only they are known by. Returns person -> the values that must be gone after erasure."""
    from freiwillige.models import Verlaufseintrag

    welt = welt_ganz
    finn, emma, olga = welt.freiwillig, welt.ek_a, welt.org_a
    jetzt = timezone.now()

    # Finn: profile, application message, an assignment ended 40 months ago (past the
    # 36 months kept) with hours and history, a check, sign-in records, devices, sessions
    finn.profil.telefon, finn.profil.freitext = "0151-7777-1234", "Finn-Freitext-geheim"
    finn.profil.save()
    welt.bewerbung_b.nachricht = "Finn-Nachricht-geheim"
    welt.bewerbung_b.save()
    ende = timezone.localdate() - timedelta(days=40 * 31)
    einsatz_alt = EinsatzFactory(
        person=finn,
        bedarf=welt.bedarf_a,
        beginn=ende - timedelta(days=200),
        ende=ende,
        status="beendet",
    )
    alt = einsatz_alt.bewerbung
    StundeneintragFactory(
        einsatz=einsatz_alt, datum=ende, stunden=3, taetigkeit="Finn-Taetigkeit-alt"
    )
    verlauf = VerlaufseintragFactory(
        bewerbung=alt, einsatz=einsatz_alt, nach_status="beendet", notiz="Finn-Verlauf-alt"
    )
    Verlaufseintrag.objects.filter(pk=verlauf.pk).update(zeitpunkt=jetzt - timedelta(days=1230))
    fuehrungszeugnis_vermerken(finn, timezone.localdate() - timedelta(days=30), von=emma)
    anmeldung = AccessLog.objects.create(
        username=finn.email, ip_address="203.0.113.77", user_agent="Finn-Browser/1.0"
    )
    AccessLog.objects.filter(pk=anmeldung.pk).update(attempt_time=jetzt - timedelta(days=130))
    TOTPDevice.objects.create(user=finn, name="Finn-Telefon-App")
    ApiZugangFactory(user=finn, name="Finn-Zugang")
    EinstellungFactory(person=finn)
    VersandFactory(empfaenger=finn)
    NoticeFactory(empfaenger=finn, daten={"text": "Finn-Hinweis-geheim"})
    client_als(finn)
    Client().force_login(welt.bea)

    # Emma: the shelter's contact, a course she leads, her check of Bea's clearance
    unterkunft = welt.unterkunft_a
    unterkunft.ek_name, unterkunft.ek_email = emma.anzeigename, emma.email
    unterkunft.ek_telefon = "030-1234-5678"
    unterkunft.save()
    welt.kurs_basis.leitung = emma.anzeigename
    welt.kurs_basis.save()
    fuehrungszeugnis_vermerken(welt.bea, timezone.localdate() - timedelta(days=20), von=emma)

    # Olga: Träger Alpha's contact person
    alpha = welt.traeger_a
    alpha.kontakt_name, alpha.kontakt_email = olga.anzeigename, olga.email
    alpha.kontakt_telefon = "030-9876-5432"
    alpha.save()

    # a frozen month report over all of it
    monat = Periode.monat_von(timezone.localdate().replace(day=1) - timedelta(days=1))
    assert einfrieren(monat)
    return {
        finn: [
            "Finn Freiwillig",
            finn.email,
            "0151-7777-1234",
            "Finn-Freitext-geheim",
            "Finn-Nachricht-geheim",
            "Finn-Taetigkeit-alt",
            "Finn-Verlauf-alt",
            "203.0.113.77",
            "Finn-Browser",
            "Finn-Telefon-App",
            "Finn-Zugang",
            "Finn-Hinweis-geheim",
            "Freundeskreis-Notiz-vertraulich",
        ],
        emma: [
            "Emma Ahornhof",
            emma.email,
            "030-1234-5678",
            "Mitglieds-Notiz-vertraulich",
            "TEST-CODE-2345",
        ],
        olga: ["Olga Alpha", olga.email, "030-9876-5432"],
    }


def _aufbewahrt(user) -> set:
    """The rows about ``user`` kept unchanged because their retention period still runs."""
    return {
        (d.model_class._meta.label, pk)
        for d in datenschutz.alle()
        if d.loeschung == datenschutz.Loeschung.AUFBEWAHREN
        for pk in d.zeilen_von(user).filter(loeschung.frist_laeuft(d)).values_list("pk", flat=True)
    }


def _berichte() -> list:
    return list(Berichtsstand.objects.order_by("pk").values("region_id", "periode", "zahlen"))


@pytest.mark.parametrize("wer", ["freiwillig", "ek_a", "org_a"])
def test_erasure_leaves_nothing_that_names_the_person_and_nobody_elses_rows_change(
    volle_welt, welt_ganz, wer
):
    person = welt_ganz.personas[wer]
    werte = volle_welt[person]
    vorher = _tabellen()
    assert all(wert in _als_text(vorher) for wert in werte)
    eigene, akteur = _betroffen(person)
    aufbewahrt = _aufbewahrt(person)
    berichte = _berichte()

    loeschung.ausfuehren(person)

    nachher = _tabellen()
    # rows whose retention period runs (this morning's sign-in, a running ban) keep what
    # they hold until the period ends; everything else must be silent about the person
    text = _als_text({k: v for k, v in nachher.items() if k not in aufbewahrt})
    assert [wert for wert in werte if wert in text] == []
    assert all(nachher[k] == vorher[k] for k in aufbewahrt)
    for schluessel, zeile in vorher.items():
        if schluessel in eigene:
            continue
        if schluessel in akteur:
            ohne = {f"{feld}_id" for feld in akteur[schluessel]} | akteur[schluessel]
            assert {k: v for k, v in nachher[schluessel].items() if k not in ohne} == {
                k: v for k, v in zeile.items() if k not in ohne
            }, schluessel
            continue
        assert nachher.get(schluessel) == zeile, schluessel
    assert not [s for s in nachher if s not in vorher]
    assert _berichte() == berichte


def test_the_anonymised_account_can_no_longer_sign_in_and_keeps_the_kept_rows(
    volle_welt, welt_ganz
):
    finn = welt_ganz.freiwillig
    einsaetze = list(finn.einsaetze.values_list("pk", flat=True))

    loeschung.ausfuehren(finn)

    finn.refresh_from_db()
    assert finn.email == f"geloescht-{finn.pk}@invalid"
    assert not finn.is_active and not finn.has_usable_password()
    assert not finn.groups.exists()
    assert Session.objects.count() == 1  # Bea's stays
    assert all(s.get_decoded().get("_auth_user_id") != str(finn.pk) for s in Session.objects.all())
    # the assignment ended 40 months ago stays as a count (its free texts are gone)
    assert sorted(finn.einsaetze.values_list("pk", flat=True)) == sorted(einsaetze)
    # the ban still runs: kept with its reason until its period ends
    assert finn.hausverbote.get().grund == "Grund-A-vertraulich"


def test_the_plan_says_what_would_happen_and_changes_nothing(volle_welt, welt_ganz):
    finn = welt_ganz.freiwillig
    vorher = _pruefsummen()

    schritte = {s.model: s for s in loeschung.plan(finn)}

    assert _pruefsummen() == vorher
    assert schritte["freiwillige.Profil"].geloescht == 1
    assert schritte["freiwillige.Bewerbung"].anonymisiert == finn.bewerbungen.count() > 1
    assert schritte["freiwillige.Einsatz"].anonymisiert == 1
    assert schritte["freiwillige.Stundeneintrag"].anonymisiert == 1
    assert schritte["unterkuenfte.Hausverbot"].aufbewahrt == 1
    assert schritte["konten.User"].anonymisiert == 1


def test_an_account_without_an_address_is_refused_rather_than_matching_everyone(welt):
    person = welt.freiwillig
    User.objects.filter(pk=person.pk).update(email="")
    person.refresh_from_db()
    vorher = _pruefsummen()

    with pytest.raises(loeschung.Verweigert):
        loeschung.ausfuehren(person)

    assert _pruefsummen() == vorher


def test_the_command_dry_run_prints_the_plan_and_changes_nothing(volle_welt, welt_ganz):
    vorher = _pruefsummen()
    ausgabe = io.StringIO()

    call_command("personendaten_loeschen", "freiwillig@test.invalid", stdout=ausgabe)

    assert _pruefsummen() == vorher
    assert "freiwillige.Profil" in ausgabe.getvalue()
    assert "geloescht=1" in ausgabe.getvalue()
    assert "--ausfuehren" in ausgabe.getvalue()


def _befehl_ausfuehren(welt, nach_commit):
    finn = welt.freiwillig
    mail.outbox.clear()
    ausgabe = io.StringIO()
    with nach_commit(execute=True):
        call_command(
            "personendaten_loeschen", "FREIWILLIG@test.invalid", "--ausfuehren", stdout=ausgabe
        )
    finn.refresh_from_db()
    assert finn.anzeigename != "Finn Freiwillig" and not finn.is_active
    assert "freiwillige.Profil" in ausgabe.getvalue()
    antrag = Loeschantrag.objects.get(person=finn)
    assert antrag.ausgefuehrt_am and antrag.ergebnis
    assert [m.to for m in mail.outbox] == [["freiwillig@test.invalid"]]


def test_the_command_erases_with_ausfuehren_and_records_the_fact(
    volle_welt, welt_ganz, django_capture_on_commit_callbacks
):
    _befehl_ausfuehren(welt_ganz, django_capture_on_commit_callbacks)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_command_erases_on_postgresql(volle_welt, welt_ganz):
    _befehl_ausfuehren(welt_ganz, _gleich)


@contextmanager
def _gleich(execute):
    """Outside a test transaction the commit's callbacks run by themselves."""
    yield
