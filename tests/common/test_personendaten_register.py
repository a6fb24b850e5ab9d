"""Every model that can hold personal data is declared in the registry (common/datenschutz.py),
and every declaration names what exists: a model added later cannot be forgotten, as a route
cannot escape the access matrix."""

import re

import pytest
from django.apps import apps
from django.conf import settings

from common import datenschutz
from common.datenschutz import OEFFENTLICH, SELBST, Personendaten
from konten.roles import alle_rollen_nach_key

pytestmark = pytest.mark.zeitlos

#: field names that suggest data about a person
PERSOENLICH = re.compile(
    r"name|e_?mail|telefon|phone|adresse|address|strasse|geburt|ip_address|user_agent|notiz"
    r"|freitext",
    re.IGNORECASE,
)


def _ueber_eine_person(model) -> bool:
    """Whether the rows of ``model`` are about a person (a volunteer's profile), not merely
    naming one as contact or author: a row hanging on such a row is about them too."""
    deklaration = datenschutz.deklaration(model)
    return bool(deklaration and deklaration.person)


def _verdaechtig(model) -> list[str]:
    """Why ``model`` looks as if it held personal data: its relations to the account or to
    a row about a person, and its fields with telling names."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    gruende = []
    for feld in model._meta.get_fields():
        if feld.auto_created and not feld.concrete:
            continue  # the other side of a relation is declared on its own model
        if feld.is_relation and feld.related_model is user_model:
            gruende.append(f"{feld.name} -> user")
        elif feld.is_relation and feld.related_model and _ueber_eine_person(feld.related_model):
            gruende.append(f"{feld.name} -> {feld.related_model._meta.label}")
        elif PERSOENLICH.search(feld.name):
            gruende.append(feld.name)
    return gruende


def _undeklariert() -> dict[str, list[str]]:
    return {
        model._meta.label: gruende
        for model in apps.get_models()
        if (gruende := _verdaechtig(model))
        and not datenschutz.deklaration(model)
        and not datenschutz.ausnahme(model)
    }


def test_every_model_with_personal_data_is_declared():
    fehlend = _undeklariert()
    assert not fehlend, (
        "Models that may hold personal data but are not in the registry (declare them in "
        "their app's personendaten.py, or with keine_personendaten and the reason): "
        + "; ".join(f"{label} ({', '.join(gruende)})" for label, gruende in sorted(fehlend.items()))
    )


def test_the_account_model_and_third_party_models_are_declared():
    for label in (
        settings.AUTH_USER_MODEL,
        "sessions.Session",
        "axes.AccessAttempt",
        "axes.AccessLog",
        "konten.ApiZugang",
        "otp_totp.TOTPDevice",
        "otp_static.StaticDevice",
        "admin.LogEntry",
    ):
        assert datenschutz.deklaration(label), label


def test_the_check_names_a_model_whose_declaration_is_missing(monkeypatch):
    ohne = {
        k: v for k, v in datenschutz._registry.deklarationen.items() if k != "freiwillige.Profil"
    }
    monkeypatch.setattr(datenschutz._registry, "deklarationen", ohne)
    assert _undeklariert() == {
        "freiwillige.Profil": ["person -> user", "geburtsjahr", "telefon", "freitext"]
    }


@pytest.mark.parametrize("deklaration", datenschutz.alle(), ids=lambda d: d.model)
def test_each_declaration_names_existing_fields_and_a_path_to_the_person(deklaration):
    assert datenschutz.probleme(deklaration) == []


@pytest.mark.parametrize("deklaration", datenschutz.alle(), ids=lambda d: d.model)
def test_each_declaration_names_known_recipients(deklaration):
    bekannt = {*alle_rollen_nach_key(), SELBST, OEFFENTLICH}
    assert set(deklaration.empfaenger) <= bekannt


def test_a_path_that_does_not_reach_the_account_is_reported():
    profil = datenschutz.deklaration("freiwillige.Profil")
    falsch = Personendaten(**{**profil.__dict__, "person": ("heimatbezirk__region",)})
    tippfehler = Personendaten(**{**profil.__dict__, "felder": ("telefonnummer",)})
    assert datenschutz.probleme(falsch) == [
        "freiwillige.Profil: person path 'heimatbezirk__region' does not fit"
    ]
    assert "telefonnummer" in datenschutz.probleme(tippfehler)[0]


def test_a_declared_model_cannot_be_declared_again():
    with pytest.raises(ValueError, match="declared twice"):
        datenschutz.beitragen(datenschutz.deklaration("freiwillige.Profil"))


@pytest.mark.django_db
def test_the_rows_about_a_person_are_found_by_every_kind_of_link(welt):
    from freiwillige.models import Sprachkenntnis
    from netzwerk.models import Organisation

    bea = welt.bea
    sprachen = datenschutz.deklaration(Sprachkenntnis).zeilen_von(bea)
    assert set(sprachen) == set(Sprachkenntnis.objects.filter(profil__person=bea))
    assert sprachen.exists()
    organisation = Organisation.objects.first()
    organisation.kontakt_email = bea.email.upper()
    organisation.save()
    assert list(datenschutz.deklaration(Organisation).zeilen_von(bea)) == [organisation]
