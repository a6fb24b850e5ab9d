"""Personas, service detection and the rules for tests that need real services.

Tests marked ``postgres``, ``celery_worker`` or ``browser`` run where their service is
there and are skipped with a one-line reason where not. With ``PLATTFORM_ALLE_DIENSTE=1``
(set by CI) a missing service fails the test instead, so CI can never skip silently.
"""

import os
import shutil
import socket
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest
from django.db import connection

from konten import roles
from tests.factories import BezirkFactory, RegionFactory, UserFactory

STRICT = os.environ.get("PLATTFORM_ALLE_DIENSTE") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""


def redis_url() -> str:
    return os.environ.get("TEST_REDIS_URL") or "redis://127.0.0.1:6379/15"


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
    if item.get_closest_marker("celery_worker") and not _answers(redis_url(), 6379):
        _missing(f"needs Redis for a real Celery worker: nothing answers at {redis_url()}")
    if item.get_closest_marker("browser") and not CHROMIUM:
        _missing("needs Debian's chromium for browser tests: apt-get install chromium")


@pytest.fixture(autouse=True)
def _leerer_cache():
    """Throttle counters live in the cache; each test starts without earlier requests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


PERSONAS = ["anonym", "admin", "verwaltung", "fortbildung", "rk_nord", "rk_suedost", "freiwillig"]


@dataclass
class Welt:
    """Berlin with two coordinated regions and one persona per role.

    ``rk_suedost`` is the outsider of the Regionalkoordination: it must see nothing of Nord.
    """

    berlin: object
    nord: object
    suedost: object
    personas: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["personas"][name]
        except KeyError:
            raise AttributeError(name) from None


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
    BezirkFactory(name="Pankow", slug="pankow", region=nord)
    BezirkFactory(name="Neukölln", slug="neukoelln", region=suedost)
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
    }
    return Welt(berlin=berlin, nord=nord, suedost=suedost, personas=personas)


@pytest.fixture
def client_als(client):
    """client_als(user) returns the test client signed in as that user (or anonymous)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
