"""Every factory alone makes a valid row, and no rows besides those it needs."""

import pytest

import tests.factories as fabriken
from konten.models import User
from netzwerk.models import Verteilernachricht
from regionen.models import Termin

FABRIKEN = sorted(name for name in fabriken.__all__ if name.endswith("Factory"))


@pytest.mark.django_db
@pytest.mark.parametrize("name", FABRIKEN)
def test_a_factory_alone_makes_a_valid_row(name):
    zeile = getattr(fabriken, name)()
    # empty where the database allows it and no form fills it: who did something (as an
    # erased account leaves it), a result that is not there yet
    leer = [
        feld.name
        for feld in zeile._meta.fields
        if feld.null and not feld.blank and getattr(zeile, feld.attname) is None
    ]
    zeile.full_clean(exclude=leer)
    assert type(zeile).objects.filter(pk=zeile.pk).exists()


@pytest.mark.django_db
def test_a_termin_comes_alone_without_the_rest_of_its_series():
    termin = fabriken.TerminFactory()
    assert list(Termin.objects.all()) == [termin]
    assert termin.vorgesehen == termin.beginn


@pytest.mark.django_db
def test_an_organisation_on_a_list_brings_no_person_and_a_warning_no_message():
    personen = User.objects.count()
    mitglied = fabriken.MitgliedschaftFactory(organisation=fabriken.OrganisationFactory())
    assert mitglied.person is None
    assert User.objects.count() == personen
    warnung = fabriken.ZustellungFactory(mitgliedschaft=mitglied, art="warnung", anlass="x")
    assert warnung.nachricht is None
    assert not Verteilernachricht.objects.exists()
