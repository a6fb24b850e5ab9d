"""The test worlds (tests/welten) as fixtures, service detection and the rules for tests that
need real services.

Tests marked ``postgres``, ``redis``, ``celery_worker`` or ``browser`` run where their service is
there and are skipped with a one-line reason where not. With ``PLATTFORM_ALLE_DIENSTE=1``
(set by CI) a missing service fails the test instead, so CI can never skip silently.
"""

import os
import shutil
import socket
from importlib import import_module
from urllib.parse import urlparse

import pytest
from django.db import connection

from tests.welten.fortbildung import Fortbildung, fortbildung_bauen
from tests.welten.freiwilligenarbeit import Freiwilligenarbeit, freiwilligenarbeit_bauen
from tests.welten.gesamt import GanzeWelt, Welt
from tests.welten.grundlage import PERSONAS as PERSONAS  # read from here by test modules
from tests.welten.grundlage import Grundlage, grundlage_bauen, zusammensetzen
from tests.welten.grundlage import persona as persona
from tests.welten.jourfixe import Jourfixe, jourfixe_bauen
from tests.welten.netzwerk import Netzwerk, netzwerk_bauen

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


@pytest.fixture
def welt_grundlage(db) -> Grundlage:
    """Regions, districts, operators, shelters, their needs, the ban and the personas."""
    return grundlage_bauen()


@pytest.fixture
def welt_freiwilligenarbeit(welt_grundlage) -> Freiwilligenarbeit:
    return freiwilligenarbeit_bauen(welt_grundlage)


@pytest.fixture
def welt_jourfixe(welt_grundlage) -> Jourfixe:
    return jourfixe_bauen(welt_grundlage)


@pytest.fixture
def welt_fortbildung(welt_grundlage) -> Fortbildung:
    return fortbildung_bauen(welt_grundlage)


@pytest.fixture
def welt_netzwerk(welt_grundlage) -> Netzwerk:
    return netzwerk_bauen(welt_grundlage)


@pytest.fixture
def welt(welt_freiwilligenarbeit, welt_jourfixe, welt_fortbildung) -> Welt:
    """Every domain but the network (see tests/welten/gesamt.py)."""
    return zusammensetzen(Welt, welt_freiwilligenarbeit, welt_jourfixe, welt_fortbildung)


@pytest.fixture
def welt_ganz(welt, welt_netzwerk) -> GanzeWelt:
    """``welt`` with the network on top, for the tests that walk every route."""
    return zusammensetzen(GanzeWelt, welt, welt_netzwerk)


@pytest.fixture
def client_als(client):
    """client_als(user) returns the test client signed in as that user (or anonymous)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
