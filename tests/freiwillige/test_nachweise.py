"""Inspection records follow the rules of their requirement kind (DOMAIN.md)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from freiwillige.models import Nachweis, Profil
from freiwillige.nachweise import Status
from freiwillige.nachweisstand import anforderungen_status
from unterkuenfte.models import Anforderungsart

HEUTE = date(2026, 11, 22)


@pytest.fixture
def arten(db):
    return {a.slug: a for a in Anforderungsart.objects.all()}


def _nachweis(person, art, **werte):
    # inspected by the coordination of a shelter (the record names who looked)
    werte.setdefault("eingesehen_von", person.__class__.objects.get(email="ek-a@test.invalid"))
    nachweis = Nachweis(person=person, art=art, **werte)
    nachweis.full_clean()
    nachweis.save()
    return nachweis


def test_a_police_clearance_holds_five_years_from_its_issue(welt, arten):
    nachweis = _nachweis(
        welt.freiwillig,
        arten["fuehrungszeugnis"],
        ausgestellt_am=date(2026, 9, 1),
        eingesehen_am=date(2026, 10, 1),
    )
    assert nachweis.faellig_am == date(2031, 9, 1)


def test_a_police_clearance_older_than_three_months_is_refused_with_the_reason(welt, arten):
    with pytest.raises(ValidationError) as fehler:
        _nachweis(
            welt.freiwillig,
            arten["fuehrungszeugnis"],
            ausgestellt_am=date(2026, 1, 1),
            eingesehen_am=date(2026, 10, 1),
        )
    assert "höchstens 91 Tage alt" in str(fehler.value)
    assert "273 Tage alt" in str(fehler.value)
    assert not Nachweis.objects.exists()


def test_an_inspection_before_the_issue_date_is_refused(welt, arten):
    with pytest.raises(ValidationError, match="nicht vor der Ausstellung"):
        _nachweis(
            welt.freiwillig,
            arten["fuehrungszeugnis"],
            ausgestellt_am=date(2026, 10, 1),
            eingesehen_am=date(2026, 9, 1),
        )


def test_an_inspection_in_the_future_is_refused(welt, arten):
    with pytest.raises(ValidationError, match="in der Zukunft"):
        _nachweis(
            welt.freiwillig,
            arten["verschwiegenheit"],
            eingesehen_am=timezone.localdate() + timedelta(days=2),
        )


def test_the_status_runs_from_valid_to_running_out_to_expired(welt, arten):
    hygiene = arten["lebensmittelhygiene"]
    _nachweis(
        welt.freiwillig, hygiene, ausgestellt_am=date(2025, 12, 1), eingesehen_am=date(2025, 12, 1)
    )

    def status(tag):
        return anforderungen_status(welt.freiwillig, [hygiene], tag)[hygiene][0]

    assert status(date(2026, 6, 1)) == Status.GUELTIG
    assert status(date(2026, 11, 10)) == Status.LAEUFT_AB
    assert status(date(2026, 12, 2)) == Status.ABGELAUFEN


def test_a_missing_or_failed_check_counts_as_missing(welt, arten):
    fz, verschwiegenheit = arten["fuehrungszeugnis"], arten["verschwiegenheit"]
    _nachweis(
        welt.freiwillig,
        fz,
        ausgestellt_am=date(2026, 10, 1),
        eingesehen_am=date(2026, 10, 2),
        ergebnis=Nachweis.Ergebnis.NICHT_ERFUELLT,
    )
    status = anforderungen_status(welt.freiwillig, [fz, verschwiegenheit], HEUTE)
    assert status[fz][0] == Status.FEHLT
    assert status[verschwiegenheit] == (Status.FEHLT, None)


def test_the_newest_inspection_counts(welt, arten):
    fz = arten["fuehrungszeugnis"]
    _nachweis(welt.freiwillig, fz, ausgestellt_am=date(2020, 1, 1), eingesehen_am=date(2020, 2, 1))
    neu = _nachweis(
        welt.freiwillig, fz, ausgestellt_am=date(2026, 10, 1), eingesehen_am=date(2026, 10, 5)
    )
    assert anforderungen_status(welt.freiwillig, [fz], HEUTE)[fz] == (Status.GUELTIG, neu)


@pytest.mark.parametrize(
    ("geburtsjahr", "erwartet"),
    [(1965, Status.NICHT_ERFORDERLICH), (1971, Status.FEHLT), (None, Status.FEHLT)],
)
def test_measles_protection_applies_to_people_born_from_1971(geburtsjahr, erwartet, welt, arten):
    Profil.objects.filter(person=welt.freiwillig).update(geburtsjahr=geburtsjahr)
    masern = arten["masernschutz"]
    assert anforderungen_status(welt.freiwillig, [masern], HEUTE)[masern][0] == erwartet


def test_an_exemption_holds_without_an_end(welt, arten):
    masern = arten["masernschutz"]
    _nachweis(
        welt.freiwillig, masern, eingesehen_am=date(2026, 3, 1), ergebnis=Nachweis.Ergebnis.BEFREIT
    )
    assert anforderungen_status(welt.freiwillig, [masern], HEUTE)[masern][0] == Status.GUELTIG


def test_the_status_of_every_kind_costs_two_queries(welt, arten, django_assert_num_queries):
    for art in arten.values():
        if not art.hoechstalter_bei_vorlage_tage:
            _nachweis(welt.freiwillig, art, eingesehen_am=date(2026, 10, 1))
    with django_assert_num_queries(2):
        status = anforderungen_status(welt.freiwillig, arten.values(), HEUTE)
    assert len(status) == len(arten)


def test_people_see_only_their_own_records(welt, arten):
    _nachweis(welt.freiwillig, arten["verschwiegenheit"], eingesehen_am=date(2026, 10, 1))
    assert Nachweis.objects.for_user(welt.freiwillig).count() == 1
    assert not Nachweis.objects.for_user(welt.ek_a).exists()
    assert not Nachweis.objects.for_user(welt.freiwillig, "change").exists()
