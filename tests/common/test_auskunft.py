"""A person's copy of their data (Art. 15/20 DSGVO): built from the registry of personal data
(konten/auskunft.py), downloaded by that person alone from "Mein Konto", the same JSON from
``manage.py personendaten_export``; and the access log of who read a volunteer's inspection
records, bans and profile details, which the volunteer's copy shows."""

import io
import json
import zipfile
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from common import datenschutz
from common.models import Zugriffsprotokoll
from konten.auskunft import HTML_DATEI, JSON_DATEI, auskunft_daten
from konten.models import Auskunftsauftrag
from tests.factories import (
    AnmeldungFactory,
    AnwesenheitFactory,
    AufgabeFactory,
    AufnahmeschrittFactory,
    AuskunftsauftragFactory,
    BewerbungseinladungFactory,
    EinladungFactory,
    EinsatzFactory,
    ErteilungFactory,
    ExportauftragFactory,
    HausverbotFactory,
    ImportauftragFactory,
    KalenderschluesselFactory,
    LoeschantragFactory,
    MitgliedschaftFactory,
    NachweisFactory,
    NoticeFactory,
    StimmeFactory,
    StundeneintragFactory,
    TeilnahmeFactory,
    ThemaFactory,
    ThemenwunschFactory,
    VeranstaltungFactory,
    VeranstaltungsanmeldungFactory,
    VerlaufseintragFactory,
    VersandFactory,
    VerteilerereignisFactory,
    VerteilerFactory,
    VerteilernachrichtFactory,
    WunschstimmeFactory,
    ZugriffsprotokollFactory,
    ZustellungFactory,
)


@pytest.fixture(autouse=True)
def _eigener_datenordner(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _eintraege(daten) -> dict:
    return {e["model"]: e for k in daten["kategorien"] for e in k["daten"]}


def _zeilen_fuer(deklaration, person):
    """The rows the copy must show: about the person, or by them where the registry knows
    them only as author or actor."""
    if deklaration.person or deklaration.email or deklaration.name or deklaration.finden:
        return deklaration.zeilen_von(person)
    return deklaration.zeilen_als_akteur(person)


def _erwartet(zeile, name):
    """The value as a reader of the JSON would recognise it, computed without the builder."""
    from konten.models import User

    feld = zeile._meta.get_field(name)
    if feld.many_to_many:
        return sorted(
            o.anzeigename if isinstance(o, User) else str(o) for o in getattr(zeile, name).all()
        )
    wert = getattr(zeile, name)
    if wert is None:
        return None
    if isinstance(wert, User):
        return wert.anzeigename
    if feld.is_relation:
        return str(wert)
    if feld.choices:
        return str(dict(feld.flatchoices)[wert])
    if isinstance(wert, datetime):
        return timezone.localtime(wert).isoformat(timespec="seconds")
    if isinstance(wert, date | time):
        return wert.isoformat()
    if isinstance(wert, Decimal):
        return str(wert)
    return wert if isinstance(wert, bool | int | dict | list | str) else str(wert)


# --- the world of one volunteer: a row of every declared model ------------------------------


def _finns_ganze_welt(welt, client):
    """Finn (freiwillig) with a row in every model the registry declares, as a volunteer who
    also speaks for an organisation and coordinates a shelter might have them. Written
    directly: no notices or history beyond these."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from guardian.models import UserObjectPermission

    from benachrichtigungen.models import Einstellung
    from common.models import Sprache
    from konten import roles
    from konten.services import api_zugang_anlegen
    from unterkuenfte.models import Anforderungsart

    finn, ek_b, jetzt = welt.freiwillig, welt.ek_b, timezone.now()
    heute = timezone.localdate()
    client.force_login(finn)  # a session
    profil = finn.profil
    profil.geburtsjahr, profil.telefon, profil.freitext = 1990, "+49 30 1234567", "Finns-Freitext"
    profil.save()
    profil.bevorzugte_regionen.add(welt.nord)
    profil.interessen.add(welt.bedarf_b.taetigkeitsfeld)
    EinladungFactory(
        email=finn.email, eingeladen_von=welt.admin, angenommen_von=finn, angenommen_am=jetzt
    )
    KalenderschluesselFactory(person=finn)
    api_zugang_anlegen(finn, "Finns-Telefon", zweiter_faktor=False)
    TOTPDevice.objects.create(user=finn, name="Finns-App")
    StaticDevice.objects.create(user=finn, name="Finns-Ersatzcodes").token_set.create(
        token="98765432"
    )
    AuskunftsauftragFactory(erstellt_von=finn)
    LoeschantragFactory(person=finn, widerrufen_am=timezone.now())
    nachweis_art = Anforderungsart.objects.first()
    NachweisFactory(
        person=finn,
        art=nachweis_art,
        ausgestellt_am=heute - timedelta(days=20),
        eingesehen_am=heute - timedelta(days=10),
        eingesehen_von=ek_b,
    )
    einsatz = EinsatzFactory(
        person=finn,
        bedarf=welt.bedarf_b_pausiert,
        bewerbung__nachricht="Finns-Gruß",
        beginn=heute - timedelta(days=30),
    )
    angenommen = einsatz.bewerbung
    VerlaufseintragFactory(
        bewerbung=angenommen, von_status="offen", akteur=ek_b, notiz="Finns-Verlauf"
    )
    StundeneintragFactory(
        einsatz=einsatz,
        datum=heute - timedelta(days=2),
        stunden=Decimal("2.5"),
        taetigkeit="Finns-Training",
        erfasst_von=finn,
        bestaetigt_von=ek_b,
        bestaetigt_am=jetzt,
    )
    BewerbungseinladungFactory(bedarf=welt.bedarf_b, person=finn, von=ek_b)
    kurs = welt.kurs_freiwillige
    kurs.leitung = finn.anzeigename
    kurs.save()
    anmeldung = AnmeldungFactory(
        kurs=kurs, person=finn, abgeschlossen_am=jetzt, bescheinigungscode="FINN-CODE-1"
    )
    AnwesenheitFactory(
        sitzung=kurs.sitzungen.first(), anmeldung=anmeldung, erfasst_von=welt.fortbildung
    )
    ErteilungFactory(
        person=finn,
        qualifikation=welt.qualifikation_basis,
        erteilt_von=welt.fortbildung,
        grund="Finns-Vorerfahrung",
        gueltig_bis=heute + timedelta(days=300),
    )
    WunschstimmeFactory(wunsch=welt.wunsch, person=finn)
    ThemenwunschFactory(
        titel="Finns-Wunsch", beschreibung="Finns-Beschreibung", vorgeschlagen_von=finn
    )
    termin = welt.termin_nord
    thema = ThemaFactory(termin=termin, titel="Finns-Thema", vorgeschlagen_von=finn)
    StimmeFactory(thema=thema, person=finn)
    TeilnahmeFactory(termin=termin, person=finn, antwort="ja")
    AufgabeFactory(termin=termin, titel="Finns-Aufgabe", verantwortlich=finn, faellig_am=heute)
    welt.serie_nord.erstellt_von = finn
    welt.serie_nord.save()
    welt.serie_nord.weitere_eingeladene.add(finn)
    veranstaltung = VeranstaltungFactory(
        titel="Finns-Werkstatt", region=welt.nord, erstellt_von=finn
    )
    VeranstaltungsanmeldungFactory(veranstaltung=veranstaltung, person=finn)
    verteiler = VerteilerFactory(name="Finns Verteiler", region=welt.nord)
    mitgliedschaft = MitgliedschaftFactory(verteiler=verteiler, person=finn)
    VerteilerereignisFactory(
        mitgliedschaft=mitgliedschaft, akteur=welt.rk_nord, notiz="Finns-Notiz"
    )
    ZustellungFactory(mitgliedschaft=mitgliedschaft, gesendet_am=jetzt)
    VerteilernachrichtFactory(
        verteiler=verteiler, betreff="Finns-Betreff", text="Hallo", absender=finn
    )
    organisation = welt.traeger_a
    organisation.kontakt_name, organisation.kontakt_email = finn.anzeigename, finn.email
    organisation.kontakt_telefon = "+49 30 7654321"
    organisation.save()
    AufnahmeschrittFactory(organisation=organisation, erledigt_von=finn, notiz="Finns-Aufnahme")
    unterkunft = welt.unterkunft_b
    unterkunft.ek_name, unterkunft.ek_email, unterkunft.ek_telefon = (
        finn.anzeigename,
        finn.email,
        "+49 30 1111111",
    )
    unterkunft.save()
    roles.rolle("ehrenamtskoordination").grant(finn, welt.unterkunft_b)
    roles.rolle("organisationskontakt").grant(finn, welt.traeger_b)
    roles.rolle("regionalkoordination").grant(finn, welt.suedost)
    sprache = Sprache.objects.first()
    typ = ContentType.objects.get_for_model(Sprache)
    UserObjectPermission.objects.create(
        user=finn,
        permission=Permission.objects.filter(content_type=typ).first(),
        content_type=typ,
        object_pk=str(sprache.pk),
    )
    LogEntry.objects.create(
        user=finn,
        content_type=typ,
        object_id=str(sprache.pk),
        object_repr="Finns-Sprache",
        action_flag=ADDITION,
        change_message="Finns-Änderung",
    )
    versuch = {
        "username": finn.email,
        "ip_address": "192.0.2.7",
        "user_agent": "Finns-Browser",
        "http_accept": "*/*",
        "path_info": "/konten/anmelden/",
    }
    AccessAttempt.objects.create(get_data="", post_data="", failures_since_start=1, **versuch)
    AccessLog.objects.create(**versuch)
    AccessFailureLog.objects.create(**versuch)
    Einstellung.objects.update_or_create(
        person=finn, defaults={"digest": "taeglich", "wochentag": 2}
    )
    VersandFactory(empfaenger=finn, erledigt_am=jetzt, ergebnis="gesendet")
    NoticeFactory(empfaenger=finn, art="bewerbung.angenommen", daten={"titel": "Finns"})
    ExportauftragFactory(erstellt_von=finn)
    ImportauftragFactory(erstellt_von=finn, dateiname="finns-liste.csv")
    ZugriffsprotokollFactory(person=finn, akteur=ek_b)
    return finn


@pytest.mark.django_db
def test_the_copy_holds_every_declared_field_of_every_row_about_the_person(welt, client):
    finn = _finns_ganze_welt(welt, client)
    daten = json.loads(json.dumps(auskunft_daten(finn)))
    eintraege = _eintraege(daten)
    ohne_zeilen = []
    for deklaration in datenschutz.alle():
        if not deklaration.exportfelder:
            continue  # declared as never exported (a recovery code)
        zeilen = list(_zeilen_fuer(deklaration, finn))
        if not zeilen:
            ohne_zeilen.append(deklaration.model)
            continue
        eintrag = eintraege[deklaration.model]
        assert set(eintrag["felder"]) == set(deklaration.exportfelder), deklaration.model
        assert all(eintrag["felder"].values()), f"{deklaration.model}: a field without label"
        assert len(eintrag["zeilen"]) == len(zeilen), deklaration.model
        for zeile in zeilen:
            for name in deklaration.exportfelder:
                gezeigt = [z[name] for z in eintrag["zeilen"]]
                assert _erwartet(zeile, name) in gezeigt, f"{deklaration.model}.{name}"
    # the world above gives Finn a row of every declared model: one added later needs one too
    assert ohne_zeilen == [], f"add a row of these to _finns_ganze_welt: {ohne_zeilen}"


@pytest.mark.django_db
def test_the_copy_names_no_secret_and_nothing_about_other_people(welt, client):
    from konten.models import ApiZugang

    finn = _finns_ganze_welt(welt, client)
    text = json.dumps(auskunft_daten(finn), ensure_ascii=False)
    zugang = ApiZugang.objects.get(user=finn)
    assert zugang.digest not in text and zugang.token_key not in text
    assert "98765432" not in text  # a recovery code
    assert client.session.session_key not in text
    assert "Finns-Telefon" in text  # the token by its name
    # Hanna's and Bea's applications are theirs, even where Finn's name is on them
    assert "Hallo" not in text and welt.hanna.email not in text


@pytest.mark.django_db
def test_rows_about_others_naming_the_person_as_actor_are_counted_not_shown(welt):

    NachweisFactory(person=welt.bea, eingesehen_von=welt.ek_a)
    eintrag = _eintraege(auskunft_daten(welt.ek_a))["freiwillige.Nachweis"]
    assert eintrag["zeilen"] == []
    assert eintrag["als_akteur_genannt"] == 1


# --- the download: theirs alone, for a few days ----------------------------------------------


def _zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _anfordern(client, person) -> Auskunftsauftrag:
    """Signs in and asks for the copy; without a broker the worker's job runs on commit."""
    client.force_login(person)
    response = client.post(reverse("konten:auskunft"))
    auftrag = Auskunftsauftrag.objects.get(erstellt_von=person)
    assert response.status_code == 302
    assert response["Location"] == reverse("konten:auskunft_status", args=[auftrag.pk])
    return auftrag


@pytest.mark.django_db(transaction=True)
def test_a_person_asks_for_their_data_and_downloads_json_and_a_readable_page(welt, client):
    finn = welt.freiwillig
    client.force_login(finn)
    konto = client.get(reverse("konten:konto")).content.decode()
    assert reverse("konten:auskunft") in konto
    auftrag = _anfordern(client, finn)
    seite = client.get(reverse("konten:auskunft_status", args=[auftrag.pk])).content.decode()
    datei = reverse("konten:auskunft_datei", args=[auftrag.pk])
    assert datei in seite
    archiv = _zip(client.get(datei))
    assert sorted(archiv.namelist()) == sorted([JSON_DATEI, HTML_DATEI])
    daten = json.loads(archiv.read(JSON_DATEI))
    assert daten["person"]["email"] == finn.email
    titel = [k["titel"] for k in daten["kategorien"]]
    assert "Hausverbote" in titel and "Sprachkenntnisse" in titel
    html = archiv.read(HTML_DATEI).decode()
    assert "<script" not in html and "<link" not in html  # reads without the platform
    assert "<h2>Sprachkenntnisse</h2>" in html and "Arabisch" in html


@pytest.mark.django_db(transaction=True)
def test_only_the_person_downloads_their_copy(welt, client):
    auftrag = _anfordern(client, welt.freiwillig)
    for andere in (welt.admin, welt.ek_b, welt.bea):
        client.force_login(andere)
        for route in ("konten:auskunft_status", "konten:auskunft_datei"):
            assert client.get(reverse(route, args=[auftrag.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_copy_is_gone_once_its_days_are_over(welt, client, settings):
    from konten.tasks import auskuenfte_aufraeumen, auskunft_ordner

    settings.AUSKUNFT_AUFBEWAHRUNG_TAGE = 7
    auftrag = _anfordern(client, welt.freiwillig)
    datei = reverse("konten:auskunft_datei", args=[auftrag.pk])
    with time_machine.travel(auftrag.created_at + timedelta(days=7, minutes=-1), tick=False):
        assert client.get(datei).status_code == 200
    with time_machine.travel(auftrag.created_at + timedelta(days=7, minutes=1), tick=False):
        assert client.get(datei).status_code == 404
        assert (
            reverse("konten:auskunft_status", args=[auftrag.pk])
            not in client.get(reverse("konten:auskunft")).content.decode()
        )
        assert auskuenfte_aufraeumen() == 1
    assert list(auskunft_ordner().iterdir()) == []


@pytest.mark.django_db(transaction=True)
def test_the_command_writes_the_same_json_as_the_download(welt, client, tmp_path):
    finn = welt.freiwillig
    with time_machine.travel(timezone.now(), tick=False):
        auftrag = _anfordern(client, finn)
        heruntergeladen = json.loads(
            _zip(client.get(reverse("konten:auskunft_datei", args=[auftrag.pk]))).read(JSON_DATEI)
        )
        pfad = tmp_path / "finn.json"
        call_command("personendaten_export", finn.email.upper(), datei=str(pfad))
        geschrieben = json.loads(pfad.read_text(encoding="utf-8"))

    def ohne_den_auftrag(daten):
        # the download was built while its own job ran; the command has no job
        for kategorie in daten["kategorien"]:
            kategorie["daten"] = [
                e for e in kategorie["daten"] if e["model"] != "konten.Auskunftsauftrag"
            ]
        return daten

    assert ohne_den_auftrag(geschrieben) == ohne_den_auftrag(heruntergeladen)
    assert geschrieben["person"]["email"] == finn.email


# --- the access log --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_coordinator_reading_a_volunteers_checks_shows_up_in_the_volunteers_copy(
    welt, client_als
):
    finn = welt.freiwillig
    client = client_als(welt.ek_b)  # Finn applied to shelter B
    response = client.get(reverse("freiwillige:person", args=[finn.profil.pk]))
    assert response.status_code == 200
    protokoll = Zugriffsprotokoll.objects.filter(person=finn, akteur=welt.ek_b)
    assert set(protokoll.values_list("art", "ansicht")) == {
        ("profil", "freiwillige:person"),
        ("nachweise", "freiwillige:person"),
    }
    eintrag = _eintraege(auskunft_daten(finn))["common.Zugriffsprotokoll"]
    assert eintrag["titel"] == "Wer hat Ihre Angaben eingesehen"
    assert {(z["akteur"], z["art"]) for z in eintrag["zeilen"]} == {
        ("Ben Birkenhain", "Profilangaben"),
        ("Ben Birkenhain", "Nachweise"),
    }


@pytest.mark.django_db
def test_reading_ones_own_records_is_not_logged(welt):
    from common.zugriffe import zugriffe_protokollieren

    class Anfrage:
        user = welt.freiwillig
        resolver_match = None

    zugriffe_protokollieren(Anfrage, [welt.freiwillig.pk], "profil")
    assert not Zugriffsprotokoll.objects.exists()


@pytest.mark.django_db
def test_the_ban_list_logs_every_person_on_it_at_one_query(welt, client_als):
    client = client_als(welt.ek_a)
    url = reverse("unterkuenfte:hausverbote", args=[welt.unterkunft_a.pk])

    def abfragen(n_neu):
        for _ in range(n_neu):
            HausverbotFactory(unterkunft=welt.unterkunft_a)
        Zugriffsprotokoll.objects.all().delete()
        with CaptureQueriesContext(connection) as erfasst:
            assert client.get(url).status_code == 200
        return len(erfasst)

    wenige, viele = abfragen(4), abfragen(45)
    assert wenige == viele
    assert Zugriffsprotokoll.objects.filter(art="hausverbote", akteur=welt.ek_a).count() == 50
