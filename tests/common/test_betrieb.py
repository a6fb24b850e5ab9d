"""Health check, the API schema, static files and the production settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

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
