"""Health check, the API schema, static files and the production settings."""

import importlib.util
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from common.models import Notice
from konten.models import User

pytestmark = pytest.mark.zeitlos

ROOT = Path(settings.BASE_DIR)


def test_healthz_answers_200_when_the_database_answers(db, client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"datenbank": "ok"}


def test_healthz_answers_503_when_the_configured_redis_is_gone(db, client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["redis"] == "fehler"


def test_the_openapi_schema_validates_without_warnings(db):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", os.devnull)


def test_swagger_ui_is_served_from_our_own_static_files(db, client):
    page = client.get(reverse("swagger-ui")).content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert not re.search(r'(src|href)="https?://', page)


def test_no_template_or_stylesheet_loads_anything_from_another_site():
    offenders = []
    for path in [*ROOT.glob("*/templates/**/*.html"), *ROOT.glob("common/static/plattform/*")]:
        text = path.read_text()
        if re.search(r'(src|href)\s*=\s*"(https?:)?//', text) or re.search(
            r"url\((https?:)?//", text
        ):
            offenders.append(str(path))
    assert offenders == []


def test_bootstrap_with_its_maps_and_the_rtl_stylesheet_and_htmx_are_vendored():
    vendor = ROOT / "common/static/vendor"
    for name in [
        "bootstrap/bootstrap.min.css",
        "bootstrap/bootstrap.min.css.map",
        "bootstrap/bootstrap.rtl.min.css",
        "bootstrap/bootstrap.rtl.min.css.map",
        "bootstrap/bootstrap.bundle.min.js",
        "bootstrap/bootstrap.bundle.min.js.map",
        "htmx/htmx.min.js",
    ]:
        assert (vendor / name).stat().st_size > 1000, name


def _check_deploy(extra_env):
    # The browser tests allow async-unsafe ORM calls in the test process; production never does.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "k" * 20 + "-eine-lange-zufaellige-zeichenkette-fuer-die-pruefung-123",
        "DJANGO_ALLOWED_HOSTS": "plattform.example.org",
        "SITE_URL": "https://plattform.example.org",
        "DJANGO_BEHIND_PROXY": "1",
        "DJANGO_TRUSTED_PROXIES": "172.18.0.1",
        "DJANGO_SSL_REDIRECT": "1",
        "DJANGO_HSTS_SECONDS": "31536000",
        "DATABASE_URL": "sqlite:///" + os.devnull,
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_deploy_check_passes_with_production_variables():
    result = _check_deploy({})
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_check_fails_without_https_settings():
    result = _check_deploy({"DJANGO_SSL_REDIRECT": "0", "DJANGO_HSTS_SECONDS": "0"})
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_shared_secret_key():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env["DATABASE_URL"] = "postgres://plattform@127.0.0.1:5432/plattform"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


# --- production from .env.example: what cannot work stops the start ---------------------------


def _fehler_ids():
    return {meldung.id for meldung in run_checks() if meldung.id.startswith("common.")}


def test_https_only_cookies_with_an_http_site_address_stop_the_start(settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.SITE_URL = "http://server.intern:8000"
    meldung = next(m for m in run_checks() if m.id == "common.E001")
    assert "DJANGO_SECURE_COOKIES=0" in meldung.hint

    settings.SITE_URL = "https://plattform.example.org"
    assert "common.E001" not in _fehler_ids()
    settings.SESSION_COOKIE_SECURE = False
    settings.SITE_URL = "http://server.intern:8000"
    assert "common.E001" not in _fehler_ids()


def test_a_redirect_to_https_without_a_proxy_in_front_stops_the_start(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None
    assert "common.E002" in _fehler_ids()

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = ["172.18.0.1"]
    assert "common.E002" not in _fehler_ids()


def test_a_proxy_in_front_without_its_address_stops_the_start(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = []
    meldung = next(m for m in run_checks() if m.id == "common.E003")
    assert "DJANGO_TRUSTED_PROXIES" in meldung.hint

    settings.TRUSTED_PROXIES = ["172.18.0.1"]
    assert "common.E003" not in _fehler_ids()


def test_x_forwarded_proto_counts_only_from_a_trusted_proxy(db, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    login = reverse("konten:login")

    direkt = Client().get(login, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_PROTO="https")
    vom_proxy = Client().get(login, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_PROTO="https")

    assert direkt.status_code == 301
    assert direkt["Location"].startswith("https://")
    assert vom_proxy.status_code == 200


def test_a_refused_form_over_plain_http_with_https_only_cookies_says_why(db, settings):
    settings.CSRF_COOKIE_SECURE = True
    antwort = Client(enforce_csrf_checks=True).post(
        reverse("konten:login"), {"username": "a@example.org", "password": "x"}
    )
    assert antwort.status_code == 403
    assert "ohne https aufgerufen" in antwort.content.decode()
    assert "DJANGO_SECURE_COOKIES=0" in antwort.content.decode()

    settings.CSRF_COOKIE_SECURE = False
    antwort = Client(enforce_csrf_checks=True).post(
        reverse("konten:login"), {"username": "a@example.org", "password": "x"}
    )
    assert antwort.status_code == 403
    assert "ohne https aufgerufen" not in antwort.content.decode()


def _manage(args, env_extra, *, ohne=()):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATA_DIR", *ohne}
        and not k.startswith(("DJANGO_", "SITE_URL", "EMAIL_", "DEFAULT_FROM"))
    }
    env.update(env_extra)
    return subprocess.run(  # noqa: S603 - manage.py with our own arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _beispielumgebung() -> dict:
    """.env.example as docker compose passes it, with the two secrets an operator fills in."""
    werte = {}
    for zeile in (ROOT / ".env.example").read_text().splitlines():
        if zeile and not zeile.startswith("#") and "=" in zeile:
            name, wert = zeile.split("=", 1)
            werte[name] = wert
    werte["DJANGO_SECRET_KEY"] = "s" * 64
    werte["DATABASE_URL"] = "postgres://plattform@127.0.0.1:5432/plattform"
    werte["CELERY_BROKER_URL"] = "redis://127.0.0.1:6379/0"
    return werte


def test_the_platform_starts_from_the_example_environment(tmp_path):
    ergebnis = _manage(["check"], {**_beispielumgebung(), "DATA_DIR": str(tmp_path)})
    assert ergebnis.returncode == 0, ergebnis.stdout + ergebnis.stderr


def test_the_example_environment_and_compose_agree_that_no_proxy_stands_in_front():
    beispiel = _beispielumgebung()
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert not {"nginx", "caddy", "traefik", "proxy"} & set(compose["services"])
    # without a proxy neither X-Forwarded-Proto is trusted nor http redirected (it would loop)
    assert beispiel["DJANGO_BEHIND_PROXY"] == "0"
    assert beispiel["DJANGO_SSL_REDIRECT"] == "0"
    assert beispiel["DJANGO_TRUSTED_PROXIES"] == ""


# --- DATA_DIR in every mode -------------------------------------------------------------------


def test_data_dir_is_created_in_production_mode_and_holds_beats_schedule(tmp_path):
    data_dir = tmp_path / "neu" / "daten"
    ergebnis = _manage(
        [
            "shell",
            "-c",
            "from config.celery import app; print(app.conf.beat_schedule_filename)",
        ],
        {**_beispielumgebung(), "DATA_DIR": str(data_dir)},
    )
    assert ergebnis.returncode == 0, ergebnis.stderr
    assert data_dir.is_dir()
    assert Path(ergebnis.stdout.strip().splitlines()[-1]).parent == data_dir


def test_a_data_dir_that_cannot_be_created_stops_the_start_naming_it(tmp_path):
    (tmp_path / "datei").write_text("")
    ergebnis = _manage(
        ["check"], {**_beispielumgebung(), "DATA_DIR": str(tmp_path / "datei" / "daten")}
    )
    assert ergebnis.returncode != 0
    assert "set DATA_DIR to a folder" in ergebnis.stderr


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_web_worker_and_beat_share_one_volume_at_data_dir():
    compose = _compose()
    eingehaengt = {}
    for dienst in ("web", "worker", "beat"):
        konfiguration = compose["services"][dienst]
        data_dir = konfiguration["environment"]["DATA_DIR"]
        volumes = dict(v.split(":", 1)[::-1] for v in konfiguration.get("volumes", []))
        eingehaengt[dienst] = volumes.get(data_dir)
        assert "--schedule" not in konfiguration.get("command", [])
    assert eingehaengt["web"] == eingehaengt["worker"] == eingehaengt["beat"] is not None
    assert eingehaengt["web"] in compose["volumes"]


# --- gunicorn from the environment ------------------------------------------------------------


def _gunicorn_einstellungen(monkeypatch, **umgebung):
    for name in ("WEB_WORKERS", "WEB_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, wert in umgebung.items():
        monkeypatch.setenv(name, wert)
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "config/gunicorn.conf.py")
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def test_gunicorn_takes_its_timeout_and_workers_from_the_environment(monkeypatch):
    standard = _gunicorn_einstellungen(monkeypatch)
    assert (standard.timeout, standard.workers) == (60, 3)
    gesetzt = _gunicorn_einstellungen(monkeypatch, WEB_TIMEOUT="120", WEB_WORKERS="5")
    assert (gesetzt.timeout, gesetzt.workers) == (120, 5)

    assert "--config config/gunicorn.conf.py" in _compose()["services"]["web"]["command"]
    assert '"--config", "config/gunicorn.conf.py"' in (ROOT / "Dockerfile").read_text()
    assert "WEB_TIMEOUT=" in (ROOT / ".env.example").read_text()


# --- demo data and the operator's check --------------------------------------------------------


@pytest.mark.django_db
def test_demo_data_is_refused_in_production_mode(settings):
    settings.EINGEBETTET = False
    with pytest.raises(CommandError, match="--auch-im-betrieb"):
        call_command("demo_daten", stdout=io.StringIO())
    assert not User.objects.filter(email="admin@demo.invalid").exists()


@pytest.mark.django_db
def test_demo_data_in_production_mode_on_request_writes_no_notice(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EINGEBETTET = False
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo_daten", "--auch-im-betrieb", stdout=io.StringIO())
    assert User.objects.filter(email="admin@demo.invalid").exists()
    assert Notice.objects.count() == 0
    assert mailoutbox == []


def test_the_operator_check_lists_what_is_still_the_example(settings):
    settings.DEFAULT_FROM_EMAIL = "Ehrenamt-Plattform <noreply@plattform.example.org>"
    settings.SITE_URL = "https://plattform.example.org"
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.ZWEI_FAKTOREN_PFLICHT = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.SECRET_KEY = "kurz"
    ausgabe = io.StringIO()
    with pytest.raises(CommandError, match="6 setting"):
        call_command("betriebspruefung", stdout=ausgabe)
    text = ausgabe.getvalue()
    for name in (
        "DEFAULT_FROM_EMAIL",
        "SITE_URL",
        "DJANGO_TRUSTED_PROXIES",
        "ZWEI_FAKTOREN_PFLICHT",
        "EMAIL_URL",
        "DJANGO_SECRET_KEY",
        "Backups",
    ):
        assert name in text, name


def test_the_operator_check_is_content_with_a_chosen_configuration(settings):
    settings.DEFAULT_FROM_EMAIL = "Ehrenamt <plattform@verein-berlin.de>"
    settings.SITE_URL = "https://plattform.verein-berlin.de"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ZWEI_FAKTOREN_PFLICHT = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.SECRET_KEY = "s3cr3t-" * 10
    ausgabe = io.StringIO()
    call_command("betriebspruefung", stdout=ausgabe)
    assert "Nothing left to set" in ausgabe.getvalue()
    assert "Backups" in ausgabe.getvalue()
