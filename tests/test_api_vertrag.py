"""The API keeps its contract: every operation of the OpenAPI schema, called with requests
schemathesis generates from the schema itself, answers only documented status codes and
content types, with bodies that conform to the documented schema, and never with a 5xx.

Each operation runs for anonymous callers and three personas of ``welt_ganz`` (a
volunteer, a shelter's coordinator, a region's coordination), each with an API token, a
few examples per operation, the same ones on every run (fixed seed, derandomised). Ids in
the path are mapped onto rows that exist, so that most calls reach a real object, the
caller's own or one hidden from them. No operation is left out: the token DELETE and the
signing out revoke only the token of the operation's own test.

Run it alone with ``.venv/bin/python -m pytest -m vertrag``.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import resolve
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from konten.services import api_zugang_anlegen

pytestmark = [pytest.mark.vertrag, pytest.mark.django_db]

PERSONAS = ["anonym", "freiwillig", "ek_a", "rk_nord"]

PRUEFUNGEN = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

KONFIGURATION = {
    "seed": 20261111,
    # valid requests only: their answers are what the schema promises. Five examples per
    # operation and persona keep the run near two minutes on two cores.
    "generation": {"mode": "positive", "max-examples": 5, "deterministic": True},
    "phases": {
        # the coverage phase alone would send dozens of requests per operation
        "examples": {"enabled": False},
        "coverage": {"enabled": False},
        "stateful": {"enabled": False},
    },
}

# Loaded while collecting, through the app itself (the schema view holds no transaction).
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json",
    get_wsgi_application(),
    config=schemathesis.Config.from_dict(KONFIGURATION),
)


@pytest.fixture(autouse=True)
def _eine_verbindung():
    """Requests reach Django's WSGI handler directly, which closes the database connection
    after each one; Django's test client keeps it, and with it the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def kopfzeilen(persona, welt_ganz):
    person = welt_ganz.personas[persona]
    if person is None:
        return {}
    _zugang, token = api_zugang_anlegen(person, "Vertrag", zweiter_faktor=False)
    return {"Authorization": f"Token {token}"}


def _vorhandenes_objekt(case):
    """Puts the id of an existing row of the operation's model in the path: random ids
    would almost only ever find nothing."""
    wert = (case.path_parameters or {}).get("id")
    if not isinstance(wert, int):
        return
    ansicht = resolve(case.operation.path.replace("{id}", "1")).func
    queryset = getattr(getattr(ansicht, "cls", None), "queryset", None)
    if queryset is None:
        return
    kennungen = list(queryset.model._default_manager.order_by("pk").values_list("pk", flat=True))
    if kennungen:
        case.path_parameters["id"] = kennungen[wert % len(kennungen)]


@pytest.mark.parametrize("persona", PERSONAS)
@schema.parametrize()
# The world and the token are made once per operation and persona, and the examples of an
# operation share them on purpose: what one example changed, the next one sees.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_every_operation_answers_as_documented(case, kopfzeilen):
    _vorhandenes_objekt(case)
    case.call_and_validate(headers=kopfzeilen, checks=PRUEFUNGEN)
