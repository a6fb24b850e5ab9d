"""Personas, service detection and the rules for tests that need real services.

Tests marked ``postgres``, ``redis``, ``celery_worker`` or ``browser`` run where their service is
there and are skipped with a one-line reason where not. With ``PLATTFORM_ALLE_DIENSTE=1``
(set by CI) a missing service fails the test instead, so CI can never skip silently.
"""

import os
import shutil
import socket
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module
from urllib.parse import urlparse

import pytest
from django.db import connection
from django.utils import timezone

from konten import roles
from tests.factories import (
    BedarfFactory,
    BezirkFactory,
    OrganisationFactory,
    RegionFactory,
    UnterkunftFactory,
    UserFactory,
    freiwillige_bereit,
)
from unterkuenfte.models import Hausverbot

#: fixtures for uploading spreadsheets (list import, admin import)
pytest_plugins = ["tests.importe"]

STRICT = os.environ.get("PLATTFORM_ALLE_DIENSTE") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""


def _pdf_moeglich() -> bool:
    """WeasyPrint loads only where the system's Pango library is installed."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


PDF = _pdf_moeglich()
PDFTOTEXT = shutil.which("pdftotext") or ""


def redis_url() -> str:
    """The test Redis; each pytest-xdist process its own database (15, 14, …), since the
    worker tests empty their queues."""
    url = urlparse(os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/15")
    datenbank = int(url.path.strip("/") or 0)
    prozess = os.environ.get("PYTEST_XDIST_WORKER")  # gw0, gw1, …
    if prozess:
        datenbank -= int(prozess.removeprefix("gw"))
    assert datenbank >= 0, "more pytest processes than Redis databases below TEST_REDIS_URL's"
    return url._replace(path=f"/{datenbank}").geturl()


def _answers(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), 1
        ):
            return True
    except OSError:
        return False


def _missing(reason: str):
    if STRICT:
        pytest.fail(f"{reason} (PLATTFORM_ALLE_DIENSTE=1 forbids skipping)", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        _missing("needs PostgreSQL: run with DATABASE_URL=postgres://… (make test does this)")
    if item.get_closest_marker("redis") and not _answers(redis_url(), 6379):
        _missing(f"needs Redis: nothing answers at {redis_url()}")
    if item.get_closest_marker("celery_worker") and not _answers(redis_url(), 6379):
        _missing(f"needs Redis for a real Celery worker: nothing answers at {redis_url()}")
    if item.get_closest_marker("browser") and not CHROMIUM:
        _missing("needs Debian's chromium for browser tests: apt-get install chromium")
    if item.get_closest_marker("pdf") and not PDF:
        _missing("needs Pango for PDF documents (WeasyPrint): apt-get install libpango-1.0-0")
    if item.get_closest_marker("pdftotext") and not PDFTOTEXT:
        _missing("needs pdftotext to read a PDF back: apt-get install poppler-utils")


def kataloge_sicherstellen():
    """Seeds the catalogues again where a transactional test's flush removed them.

    The migrations seed languages, shelter kinds, requirement kinds, fields of activity and
    the volunteers' declarations;
    transactional tests (browser, worker, races) empty every table when they end.
    """
    from django.apps import apps

    from common.models import Sprache
    from freiwillige.models import Erklaerung
    from unterkuenfte.models import Taetigkeitsfeld

    if (
        Sprache.objects.exists()
        and Taetigkeitsfeld.objects.exists()
        and Erklaerung.objects.exists()
    ):
        return
    for migration in (
        "common.migrations.0002_sprachen_katalog",
        "unterkuenfte.migrations.0002_kataloge",
        "freiwillige.migrations.0004_erklaerungen_v1",
    ):
        import_module(migration).anlegen(apps, None)


@pytest.fixture(autouse=True)
def _kataloge(request):
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")  # pytest-django's own database set-up
    elif {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
    elif "db" in request.fixturenames:
        request.getfixturevalue("db")
    else:
        return False
    kataloge_sicherstellen()
    return True


@pytest.fixture(autouse=True)
def _schnelles_hashing(settings):
    """Tests hash many demo passwords; a fast hasher keeps them quick (PBKDF2 still verifies)."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _sprache_zurueck():
    """A request in another language (a cookie, Accept-Language) activates it for the whole
    thread; the next test starts in the site's language again."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _zwei_faktoren_freiwillig(settings):
    """Two factors are required outside the embedded mode, so on PostgreSQL too; tests of
    other features sign staff in with the password alone. The tests of two factors
    (tests/konten/test_zwei_faktoren.py) switch them on."""
    settings.ZWEI_FAKTOREN_PFLICHT = False


@pytest.fixture(autouse=True)
def _leerer_cache(_kataloge):
    """Throttle counters live in the cache; each test starts without earlier requests.

    The cache is a database table here, as in the embedded mode: a test without the database
    cannot have counted anything.
    """
    from django.core.cache import cache

    if _kataloge:
        cache.clear()
    yield


PERSONAS = [
    "anonym",
    "admin",
    "verwaltung",
    "fortbildung",
    "rk_nord",
    "rk_suedost",
    "freiwillig",
    "ek_a",
    "ek_b",
    "org_a",
    "org_b",
]


@dataclass
class Welt:
    """Berlin with two coordinated regions, a shelter in each, and one persona per role.

    Each scoped role has an insider and an outsider who must see nothing of the insider's
    scope: ``rk_suedost`` for Nord, ``ek_b`` for shelter A (in Nord), ``org_b`` for
    operator A. Shelter A has an open and a paused need and a ban against ``freiwillig``.
    """

    berlin: object
    nord: object
    suedost: object
    personas: dict = field(default_factory=dict)
    objekte: dict = field(default_factory=dict)

    def __getattr__(self, name):
        for bereich in ("personas", "objekte"):
            if name in self.__dict__.get(bereich, {}):
                return self.__dict__[bereich][name]
        raise AttributeError(name)


def persona(email, anzeigename, rolle=None, scope=None, **extra):
    user = UserFactory(email=email, anzeigename=anzeigename, **extra)
    if rolle:
        roles.rolle(rolle).grant(user, scope)
    return user


@pytest.fixture
def welt(db):
    berlin = RegionFactory(name="Berlin", slug="berlin", art="stadt")
    nord = RegionFactory(name="Berlin-Nord", slug="berlin-nord", oberregion=berlin)
    suedost = RegionFactory(name="Berlin-Südost", slug="berlin-suedost", oberregion=berlin)
    pankow = BezirkFactory(name="Pankow", slug="pankow", region=nord)
    neukoelln = BezirkFactory(name="Neukölln", slug="neukoelln", region=suedost)
    traeger_a = OrganisationFactory(name="Träger Alpha")
    traeger_b = OrganisationFactory(name="Träger Beta")
    unterkunft_a = UnterkunftFactory(
        name="Unterkunft Ahornhof", betreiber=traeger_a, bezirk=pankow, strasse="Geheimweg 1"
    )
    unterkunft_b = UnterkunftFactory(
        name="Unterkunft Birkenhain",
        betreiber=traeger_b,
        bezirk=neukoelln,
        strasse="Verborgene Straße 2",
    )
    objekte = {
        "traeger_a": traeger_a,
        "traeger_b": traeger_b,
        "unterkunft_a": unterkunft_a,
        "unterkunft_b": unterkunft_b,
        "bedarf_a": BedarfFactory(unterkunft=unterkunft_a, titel="Deutsch am Abend"),
        "bedarf_a_pausiert": BedarfFactory(
            unterkunft=unterkunft_a, titel="Pausierte Hausaufgabenhilfe", status="pausiert"
        ),
        "bedarf_b": BedarfFactory(unterkunft=unterkunft_b, titel="Fußball am Samstag"),
        "bedarf_b_pausiert": BedarfFactory(
            unterkunft=unterkunft_b, titel="Pausierte Kleiderkammer", status="pausiert"
        ),
    }
    personas = {
        "anonym": None,
        "admin": persona("admin@test.invalid", "Alex Admin", is_staff=True, is_superuser=True),
        "verwaltung": persona("verwaltung@test.invalid", "Vera Verwaltung", "verwaltung"),
        "fortbildung": persona("fortbildung@test.invalid", "Fatma Fortbildung", "fortbildungsteam"),
        "rk_nord": persona("rk-nord@test.invalid", "Rana Nord", "regionalkoordination", nord),
        "rk_suedost": persona(
            "rk-suedost@test.invalid", "Sören Südost", "regionalkoordination", suedost
        ),
        "freiwillig": persona("freiwillig@test.invalid", "Finn Freiwillig", "freiwillige"),
        "ek_a": persona(
            "ek-a@test.invalid", "Emma Ahornhof", "ehrenamtskoordination", unterkunft_a
        ),
        "ek_b": persona(
            "ek-b@test.invalid", "Ben Birkenhain", "ehrenamtskoordination", unterkunft_b
        ),
        "org_a": persona("org-a@test.invalid", "Olga Alpha", "organisationskontakt", traeger_a),
        "org_b": persona("org-b@test.invalid", "Otto Beta", "organisationskontakt", traeger_b),
    }
    objekte["hausverbot_a"] = Hausverbot.objects.create(
        unterkunft=unterkunft_a,
        person=personas["freiwillig"],
        bis=timezone.localdate() + timedelta(days=90),
        grund="Grund-A-vertraulich",
    )
    objekte.update(_freiwilligenarbeit(personas, objekte, pankow, neukoelln))
    objekte.update(_jourfixe(personas, nord, suedost))
    objekte.update(_fortbildung(personas))
    return Welt(berlin=berlin, nord=nord, suedost=suedost, personas=personas, objekte=objekte)


def _freiwilligenarbeit(personas, objekte, pankow, neukoelln):
    """Finn (freiwillig) applied to shelter B; Bea applied to shelter A; Hanna works at B.

    Rows are written directly: fixtures need no notices or history.
    """
    from freiwillige.models import Bewerbung, Einsatz, Stundeneintrag

    freiwillige_bereit(personas["freiwillig"], sprachen=[("ar", 4)], heimatbezirk=pankow)
    bea = UserFactory(email="bea@test.invalid", anzeigename="Bea Bewerberin")
    freiwillige_bereit(bea, sprachen=[("fa", 4), ("de", 3)], heimatbezirk=pankow)
    hanna = UserFactory(email="hanna@test.invalid", anzeigename="Hanna Helferin")
    freiwillige_bereit(hanna, sprachen=[("uk", 4)], heimatbezirk=neukoelln)
    bedarf_a, bedarf_b = objekte["bedarf_a"], objekte["bedarf_b"]
    angenommen = Bewerbung.objects.create(bedarf=bedarf_b, person=hanna, status="angenommen")
    einsatz_b = Einsatz.objects.create(
        bewerbung=angenommen,
        person=hanna,
        bedarf=bedarf_b,
        unterkunft=bedarf_b.unterkunft,
        # since the first of last month: a report compares her month with the one before
        beginn=(timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1),
    )
    return {
        "bea": bea,
        "hanna": hanna,
        "bewerbung_a": Bewerbung.objects.create(bedarf=bedarf_a, person=bea, nachricht="Hallo"),
        "bewerbung_b": Bewerbung.objects.create(bedarf=bedarf_b, person=personas["freiwillig"]),
        "einsatz_b": einsatz_b,
        "stunden_b": Stundeneintrag.objects.create(
            einsatz=einsatz_b,
            datum=timezone.localdate() - timedelta(days=1),
            stunden=2,
            erfasst_von=hanna,
        ),
    }


def _jourfixe(personas, nord, suedost):
    """A monthly jour fixe in Nord (its next Termin has a topic and an action item for ek_a)
    and one in Südost, with their Termine for the coming months. Rows are written directly:
    fixtures need no notices."""
    from datetime import time

    from konten.models import Kalenderschluessel
    from regionen.models import Aufgabe, JourFixeSerie, Thema
    from regionen.services import termine_materialisieren

    def serie_mit_termin(region, titel):
        serie = JourFixeSerie.objects.create(
            region=region,
            titel=titel,
            regel="FREQ=MONTHLY;BYDAY=2WE",
            erster_tag=timezone.localdate(),
            beginn=time(10),
            ende=time(12),
            kreis="ehrenamtskoordination",
        )
        termine_materialisieren(serie)
        return serie, serie.termine.first()

    serie_nord, termin_nord = serie_mit_termin(nord, "Jour fixe Nord")
    serie_suedost, termin_suedost = serie_mit_termin(suedost, "Jour fixe Südost")
    return {
        "serie_nord": serie_nord,
        "termin_nord": termin_nord,
        "thema_nord": Thema.objects.create(
            termin=termin_nord, titel="Thema-Nord-vertraulich", vorgeschlagen_von=personas["ek_a"]
        ),
        "aufgabe_nord": Aufgabe.objects.create(
            termin=termin_nord, titel="Aufgabe-Nord-vertraulich", verantwortlich=personas["ek_a"]
        ),
        "serie_suedost": serie_suedost,
        "termin_suedost": termin_suedost,
        "kalender_ek_a": Kalenderschluessel.objects.create(person=personas["ek_a"]),
    }


def _fortbildung(personas):
    """The Basis and Aufbau series for coordinators with one course each (Aufbau requires
    the qualification Basis grants), a course for volunteers, an unpublished draft, and a
    topic wish by ek_a. ek_a holds a seat in the Basis course. Rows are written directly."""
    from django.utils import timezone

    from fortbildung.models import Anmeldung, Qualifikation, Reihe, Themenwunsch, Wunschstimme
    from tests.factories import fortbildungskurs

    jahr = timezone.localdate().year
    basis = Qualifikation.objects.create(name="Basis abgeschlossen")
    reihe_basis = Reihe.objects.create(
        titel=f"Freiwilligenkoordination – Basis {jahr}",
        stufe="basis",
        jahr=jahr,
        zielgruppe="koordination",
    )
    reihe_aufbau = Reihe.objects.create(
        titel=f"Freiwilligenkoordination – Aufbau {jahr}",
        stufe="aufbau",
        jahr=jahr,
        zielgruppe="koordination",
    )
    reihe_offen = Reihe.objects.create(
        titel=f"Offene Fortbildungen {jahr}", stufe="offen", jahr=jahr, zielgruppe="freiwillige"
    )
    kurs_basis = fortbildungskurs(
        reihe_basis, "Basiskurs Frühjahr", plaetze=12, sitzungen=3, vermittelt=basis
    )
    kurs_aufbau = fortbildungskurs(reihe_aufbau, "Aufbaukurs Konflikte", plaetze=12)
    kurs_aufbau.voraussetzungen.add(basis)
    kurs_vergangen = fortbildungskurs(
        reihe_basis,
        "Basiskurs Herbst",
        erste_in=timedelta(days=-40),
        anmeldung_ab=timezone.now() - timedelta(days=80),
        anmeldung_bis=timezone.now() - timedelta(days=41),
        abmeldung_bis=timezone.now() - timedelta(days=42),
    )
    wunsch = Themenwunsch.objects.create(
        titel="Wunsch-vertraulich", vorgeschlagen_von=personas["ek_a"]
    )
    Wunschstimme.objects.create(wunsch=wunsch, person=personas["ek_a"])
    return {
        "qualifikation_basis": basis,
        "reihe_basis": reihe_basis,
        "kurs_basis": kurs_basis,
        "kurs_aufbau": kurs_aufbau,
        "kurs_freiwillige": fortbildungskurs(reihe_offen, "Erste Hilfe für Freiwillige"),
        "kurs_entwurf": fortbildungskurs(
            reihe_basis, "Kurs-Entwurf-vertraulich", veroeffentlicht=False
        ),
        "anmeldung_ek_a": Anmeldung.objects.create(
            kurs=kurs_basis, person=personas["ek_a"], status="angemeldet"
        ),
        "sitzung_basis": kurs_basis.sitzungen.first(),
        "anmeldung_abgeschlossen": Anmeldung.objects.create(
            kurs=kurs_vergangen,
            person=personas["ek_a"],
            status="angemeldet",
            abgeschlossen_am=timezone.now() - timedelta(days=38),
            bescheinigungscode="TEST-CODE-2345",
        ),
        "wunsch": wunsch,
    }


@pytest.fixture
def welt_netzwerk(welt):
    """``welt`` with the network of ``_netzwerk`` on top, for tests that walk every route.

    Apart from ``welt`` so that the network tests (tests/netzwerk) keep their own world:
    they count the published Steckbriefe, lists and events they create themselves.
    """
    welt.objekte.update(_netzwerk(welt.personas, welt.objekte, welt.nord, welt.suedost))
    return welt


def _netzwerk(personas, objekte, nord, suedost):
    """The network of Berlin-Nord and its outsiders, one object per case of the routes.

    Träger Alpha (org_a) lies in Nord, Träger Beta (org_b) in Südost, both with unpublished
    Steckbriefe; the Steckbrief of the Lindenhof e. V. (Nord, no persona represents it) is
    published and has an admission record. Nord's network list, run by its coordination
    (rk_nord), has Träger Alpha and Emma (ek_a) as members and a message; Träger Alpha runs
    a list of its own with Finn (freiwillig) on it. Events: Träger Alpha's published public
    workshop with registration (Finn holds a seat), its unpublished draft, and a published
    meeting of Nord's coordination for the members of Nord's list only. Rows are written
    directly: fixtures need no notices or history beyond what the pages show.
    """
    from django.utils import timezone

    from netzwerk.models import (
        Aufnahmeschritt,
        Mitgliedschaft,
        Organisation,
        Veranstaltung,
        Veranstaltungsanmeldung,
        Verteiler,
        Verteilerereignis,
        Verteilernachricht,
    )

    jetzt = timezone.now()
    pankow, neukoelln = objekte["unterkunft_a"].bezirk, objekte["unterkunft_b"].bezirk
    alpha, beta = objekte["traeger_a"], objekte["traeger_b"]
    for organisation, region, bezirk, email in (
        (alpha, nord, pankow, "kontakt@alpha.invalid"),
        (beta, suedost, neukoelln, "kontakt@beta.invalid"),
    ):
        organisation.region, organisation.bezirk = region, bezirk
        organisation.kontakt_email = email
        organisation.save(update_fields=["region", "bezirk", "kontakt_email", "updated_at"])
    lindenhof = Organisation.objects.create(
        name="Lindenhof e. V.",
        art=Organisation.Art.MSO,
        region=nord,
        bezirk=pankow,
        beschreibung="Ein Verein für Nachbarschaft und Sprache.",
        kontakt_email="kontakt@lindenhof.invalid",
        steckbrief_freigegeben_am=jetzt - timedelta(days=30),
    )
    Aufnahmeschritt.objects.create(
        organisation=lindenhof,
        schritt=Aufnahmeschritt.Schritt.ERSTKONTAKT,
        datum=timezone.localdate() - timedelta(days=40),
        erledigt_von=personas["rk_nord"],
        notiz="Aufnahme-Notiz-vertraulich",
    )

    verteiler_nord = Verteiler.objects.create(name="Netzwerk Nord", region=nord)
    verteiler_alpha = Verteiler.objects.create(
        name="Freundeskreis Alpha", region=nord, organisation=alpha
    )

    def mitglied(verteiler, notiz, **wer):
        mitgliedschaft = Mitgliedschaft.objects.create(
            verteiler=verteiler, letzte_aktivitaet=jetzt - timedelta(days=20), **wer
        )
        Verteilerereignis.objects.create(
            mitgliedschaft=mitgliedschaft,
            art=Verteilerereignis.Art.AUFGENOMMEN,
            akteur=personas["rk_nord"],
            notiz=notiz,
        )
        return mitgliedschaft

    Verteilernachricht.objects.create(
        verteiler=verteiler_nord,
        betreff="Nachricht-Nord-vertraulich",
        text="Einladung zum nächsten Treffen",
        absender=personas["rk_nord"],
    )

    def veranstaltung(titel, **felder):
        beginn = jetzt + timedelta(days=10)
        werte = {
            "art": Veranstaltung.Art.WERKSTATT,
            "organisation": alpha,
            "region": nord,
            "bezirk": pankow,
            "beginn": beginn,
            "ende": beginn + timedelta(hours=2),
            "ort": "Nachbarschaftshaus Pankow",
            "veroeffentlicht": True,
            "erstellt_von": personas["org_a"],
            **felder,
        }
        return Veranstaltung.objects.create(titel=titel, **werte)

    veranstaltung_alpha = veranstaltung(
        "Werkstatt Ehrenamt Alpha", anmeldung_erforderlich=True, plaetze=10
    )
    return {
        **_aufrufe(personas, alpha),
        "lindenhof": lindenhof,
        "verteiler_nord": verteiler_nord,
        "verteiler_alpha": verteiler_alpha,
        "mitglied_alpha": mitglied(
            verteiler_nord, "Zugestimmt beim Erstkontakt", organisation=alpha
        ),
        "mitglied_ek_a": mitglied(
            verteiler_nord, "Mitglieds-Notiz-vertraulich", person=personas["ek_a"]
        ),
        "mitglied_freiwillig": mitglied(
            verteiler_alpha, "Freundeskreis-Notiz-vertraulich", person=personas["freiwillig"]
        ),
        "veranstaltung_alpha": veranstaltung_alpha,
        "veranstaltung_entwurf": veranstaltung("Entwurf-Alpha-vertraulich", veroeffentlicht=False),
        "veranstaltung_mitglieder": veranstaltung(
            "Netzwerktreffen-Mitglieder-vertraulich",
            art=Veranstaltung.Art.NETZWERKTREFFEN,
            organisation=None,
            oeffentlich=False,
            verteiler=verteiler_nord,
            erstellt_von=personas["rk_nord"],
        ),
        "anmeldung_freiwillig": Veranstaltungsanmeldung.objects.create(
            veranstaltung=veranstaltung_alpha,
            person=personas["freiwillig"],
            status=Veranstaltungsanmeldung.Status.ANGEMELDET,
        ),
    }


def _aufrufe(personas, alpha):
    """Träger Alpha's calls for helpers (needs with the organisation as poster, in Pankow):
    an open one, Wednesdays 16–18 with an Arabic title, which Finn (freiwillig) applied to
    with a message and on which Nora Nachbarin (no persona) was accepted and works; and a
    paused one, which only the organisation's workspace shows. Rows are written directly."""
    from freiwillige.models import Bewerbung, Einsatz

    aufruf = BedarfFactory(
        unterkunft=None,
        organisation=alpha,
        titel="Sprachcafé Alpha",
        beschreibung="Wir treffen uns jeden Mittwoch im Kiez.",
        anzahl_besetzt=1,
    )
    aufruf.uebersetzungen = {"ar": {"titel": "مقهى اللغة ألفا"}}
    aufruf.save()
    nora = UserFactory(email="nora@test.invalid", anzeigename="Nora Nachbarin")
    freiwillige_bereit(nora, sprachen=[("ar", 4)], heimatbezirk=alpha.bezirk)
    angenommen = Bewerbung.objects.create(bedarf=aufruf, person=nora, status="angenommen")
    return {
        "aufruf_alpha": aufruf,
        "aufruf_alpha_pausiert": BedarfFactory(
            unterkunft=None,
            organisation=alpha,
            titel="Pausierter-Aufruf-Alpha-vertraulich",
            status="pausiert",
        ),
        "nora": nora,
        "bewerbung_aufruf": Bewerbung.objects.create(
            bedarf=aufruf, person=personas["freiwillig"], nachricht="Finns-Nachricht-vertraulich"
        ),
        "einsatz_aufruf": Einsatz.objects.create(
            bewerbung=angenommen,
            person=nora,
            bedarf=aufruf,
            organisation=alpha,
            beginn=timezone.localdate() - timedelta(days=14),
        ),
    }


@pytest.fixture
def client_als(client):
    """client_als(user) returns the test client signed in as that user (or anonymous)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
