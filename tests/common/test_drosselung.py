"""Rate limits on the public routes a stranger can hammer: the certificate check, the
calendar feed, the volunteer sign-up and the password reset; counted in a cache every
process shares."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import Client
from django.urls import reverse

from common.drosselung import zaehlen
from tests.conftest import redis_url
from tests.factories import KalenderschluesselFactory, UserFactory

ROOT = Path(settings.BASE_DIR)
HIER = {"REMOTE_ADDR": "198.51.100.7"}
DORT = {"REMOTE_ADDR": "198.51.100.8"}


def _grenze(settings, name, rate):
    settings.DROSSELUNG = {**settings.DROSSELUNG, name: rate}


def _gedrosselt(antwort):
    assert antwort.status_code == 429
    assert int(antwort["Retry-After"]) > 0
    text = antwort.content.decode()
    assert "Zu viele Anfragen" in text
    assert 'class="navbar-brand"' in text  # the site's layout
    return text


# --- the certificate check ------------------------------------------------------------------


def test_the_certificate_check_answers_429_after_its_limit_and_others_still_pass(welt, settings):
    _grenze(settings, "zertifikat", "3/m")
    url = reverse("fortbildung:pruefen") + "?code=TEST-CODE-2345"
    client = Client()
    assert [client.get(url, **HIER).status_code for _ in range(3)] == [200] * 3
    _gedrosselt(client.get(url, **HIER))
    assert "Emma Ahornhof" in client.get(url, **DORT).content.decode()


def test_the_429_page_speaks_english_to_an_english_reader(welt, settings):
    _grenze(settings, "zertifikat", "1/m")
    url = reverse("fortbildung:pruefen")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.get(url, **HIER)
    antwort = client.get(url, **HIER)
    assert antwort.status_code == 429
    assert "Too many requests" in antwort.content.decode()


# --- the calendar feed ----------------------------------------------------------------------


def test_guessing_calendar_keys_is_limited_though_each_guess_answers_404(db, settings):
    _grenze(settings, "kalender", "3/m")
    eintrag = KalenderschluesselFactory()
    client = Client()
    falsch = [client.get(f"/kalender/geraten-{n}.ics", **HIER).status_code for n in range(3)]
    assert falsch == [404] * 3
    _gedrosselt(client.get(f"/kalender/{eintrag.schluessel}.ics", **HIER))
    assert client.get(f"/kalender/{eintrag.schluessel}.ics", **DORT).status_code == 200


# --- sign-up and password reset: per address and per e-mail address -------------------------


def _registrieren(client, email, adresse, capture):
    with capture(execute=True):
        return client.post(
            reverse("freiwillige:registrieren"),
            {"anzeigename": "Rosa Neu", "email": email, "sprache": "de"},
            **adresse,
        )


def test_sign_up_is_limited_per_address_and_a_throttled_one_mails_nothing(
    db, settings, mailoutbox, django_capture_on_commit_callbacks
):
    _grenze(settings, "registrieren", "2/h")
    client = Client()
    for n in range(2):
        antwort = _registrieren(
            client, f"p{n}@test.invalid", HIER, django_capture_on_commit_callbacks
        )
        assert antwort.status_code == 302
    assert len(mailoutbox) == 2
    _gedrosselt(_registrieren(client, "p9@test.invalid", HIER, django_capture_on_commit_callbacks))
    assert len(mailoutbox) == 2
    antwort = _registrieren(client, "p9@test.invalid", DORT, django_capture_on_commit_callbacks)
    assert antwort.status_code == 302
    assert len(mailoutbox) == 3


def test_sign_up_for_one_mailbox_is_limited_from_every_address(
    db, settings, mailoutbox, django_capture_on_commit_callbacks
):
    _grenze(settings, "registrieren_email", "2/h")
    client = Client()
    for n in range(2):
        adresse = {"REMOTE_ADDR": f"198.51.100.{n}"}
        _registrieren(client, "rosa@test.invalid", adresse, django_capture_on_commit_callbacks)
    _gedrosselt(
        _registrieren(
            client,
            "Rosa@Test.invalid",
            {"REMOTE_ADDR": "198.51.100.9"},
            django_capture_on_commit_callbacks,
        )
    )
    assert len(mailoutbox) == 2


def test_showing_the_sign_up_form_does_not_count(db, settings):
    _grenze(settings, "registrieren", "1/h")
    client = Client()
    seiten = [client.get(reverse("freiwillige:registrieren"), **HIER) for _ in range(3)]
    assert [seite.status_code for seite in seiten] == [200] * 3


def _zuruecksetzen(client, email, adresse):
    return client.post(reverse("konten:passwort_vergessen"), {"email": email}, **adresse)


def test_password_reset_is_limited_per_address_and_a_throttled_one_mails_nothing(
    db, settings, mailoutbox
):
    _grenze(settings, "passwort", "2/h")
    for email in ("a@test.invalid", "b@test.invalid", "c@test.invalid"):
        UserFactory(email=email)
    client = Client()
    assert _zuruecksetzen(client, "a@test.invalid", HIER).status_code == 302
    assert _zuruecksetzen(client, "b@test.invalid", HIER).status_code == 302
    _gedrosselt(_zuruecksetzen(client, "c@test.invalid", HIER))
    assert [mail.to for mail in mailoutbox] == [["a@test.invalid"], ["b@test.invalid"]]
    assert _zuruecksetzen(client, "c@test.invalid", DORT).status_code == 302
    assert len(mailoutbox) == 3


def test_password_reset_for_one_mailbox_is_limited_from_every_address(db, settings, mailoutbox):
    _grenze(settings, "passwort_email", "2/h")
    UserFactory(email="lea@test.invalid")
    client = Client()
    for n in range(2):
        _zuruecksetzen(client, "lea@test.invalid", {"REMOTE_ADDR": f"198.51.100.{n}"})
    _gedrosselt(_zuruecksetzen(client, " LEA@test.invalid", {"REMOTE_ADDR": "198.51.100.9"}))
    assert len(mailoutbox) == 2


# --- the shared cache -----------------------------------------------------------------------


def _geteilt(erster, zweiter, bereich="probe") -> bool:
    """Whether a count made through one cache connection is seen through another, as two web
    processes each hold their own."""
    assert zaehlen(bereich, "198.51.100.7", "1/h", cache=erster) is None
    return zaehlen(bereich, "198.51.100.7", "1/h", cache=zweiter) is not None


def test_two_processes_share_the_database_cache_counts(db):
    erster = caches.create_connection("default")
    zweiter = caches.create_connection("default")
    assert erster is not zweiter
    assert _geteilt(erster, zweiter)


@pytest.mark.redis
def test_two_processes_share_the_redis_cache_counts():
    erster, zweiter = (RedisCache(redis_url(), {}) for _ in range(2))
    assert _geteilt(erster, zweiter, bereich=f"probe-{uuid.uuid4()}")


def _caches(**umgebung) -> str:
    """settings.CACHES as a process started with these variables reads it."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CACHE_URL", "DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(DJANGO_SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="config.settings", **umgebung)
    ergebnis = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert ergebnis.returncode == 0, ergebnis.stderr
    return ergebnis.stdout.strip()


def test_the_embedded_mode_counts_in_the_database_and_production_in_redis():
    assert _caches() == "django.core.cache.backends.db.DatabaseCache"
    assert (
        _caches(CACHE_URL="redis://127.0.0.1:6379/1")
        == "django.core.cache.backends.redis.RedisCache"
    )


def test_the_compose_file_gives_web_worker_and_beat_the_redis_cache():
    compose = (ROOT / "docker-compose.yml").read_text()
    assert "CACHE_URL: redis://redis:6379/1" in compose
    assert "CACHE_URL" in (ROOT / ".env.example").read_text()
