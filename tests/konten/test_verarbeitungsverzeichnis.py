"""The records of processing: the command and the platform admin's page list every model
the registry of personal data declares (common/datenschutz.py)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from common import datenschutz
from tests.conftest import PERSONAS


def _ausgabe(*args) -> str:
    out = StringIO()
    call_command("verarbeitungsverzeichnis", *args, stdout=out)
    return out.getvalue()


def test_the_command_lists_every_declared_model():
    text = _ausgabe()
    for deklaration in datenschutz.alle():
        assert f"({deklaration.model})" in text
    assert "== Sprachkenntnisse" in text
    assert "Art. 6 Abs. 1 lit. c DSGVO" in text


def test_the_command_gives_every_declared_model_with_its_retention_as_json():
    gruppen = json.loads(_ausgabe("--format", "json"))
    verarbeitungen = {v["model"]: v for g in gruppen for v in g["verarbeitungen"]}
    assert set(verarbeitungen) == {d.model for d in datenschutz.alle()}
    einsatz = verarbeitungen["freiwillige.Einsatz"]
    assert einsatz["frist_monate"] == 36
    assert "Ehrenamtskoordination" in einsatz["empfaenger"]
    assert [g["key"] for g in gruppen][:2] == ["konto", "kontaktdaten"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_platform_admin_reads_the_records_of_processing(persona, welt, client_als):
    antwort = client_als(welt.personas[persona]).get(reverse("konten:verarbeitungsverzeichnis"))
    if persona == "admin":
        assert antwort.status_code == 200
        html = antwort.content.decode()
        for deklaration in datenschutz.alle():
            assert deklaration.titel in html
        assert "Speicherdauer" in html
        assert "36 Monate nach Ende des Einsatzes" in html
    elif persona == "anonym":
        assert antwort.status_code == 302
    else:
        assert antwort.status_code in (403, 404)
