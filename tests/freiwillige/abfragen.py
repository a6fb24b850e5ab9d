"""Query budgets of freiwillige: applications, assignments, hours and candidates.

Each entry: route name -> (persona, fill(welt, n) returning the texts the n new rows
show[, url args]); tests/test_query_budget.py collects them.
"""

from common.models import Sprache
from tests.factories import (
    BewerbungFactory,
    EinsatzFactory,
    NachweisFactory,
    UserFactory,
    freiwillige_bereit,
)
from tests.list_fill import bedarfe, nummern
from unterkuenfte.models import Anforderungsart


def _freiwillige(welt, n, **profil):
    personen = []
    for _ in range(n):
        i = next(nummern)
        person = UserFactory(anzeigename=f"Freiwillige{i:03} Test")
        freiwillige_bereit(person, sprachen=[("fa", 3)], **profil)
        personen.append(person)
    return personen


def _bewerbungen(welt, n):
    """Applications to shelter A's need, for its coordination's list."""
    personen = _freiwillige(welt, n)
    for person in personen:
        BewerbungFactory(bedarf=welt.bedarf_a, person=person, nachricht="x")
    return [person.anzeigename for person in personen]


def _einsaetze(welt, n):
    """Assignments at shelter B, each with hours, for its coordination's list."""
    personen = _freiwillige(welt, n)
    for person in personen:
        einsatz = EinsatzFactory(person=person, bedarf=welt.bedarf_b)
        einsatz.stunden.create(datum=einsatz.beginn, stunden=2, erfasst_von=person)
    return [person.anzeigename for person in personen]


def _stunden(welt, n):
    """Hours entries on Hanna's assignment at shelter B, each with its activity."""
    taetigkeiten = []
    for _ in range(n):
        taetigkeit = f"Tätigkeit {next(nummern):03}"
        welt.einsatz_b.stunden.create(
            datum=welt.einsatz_b.beginn, stunden=0.25, taetigkeit=taetigkeit, erfasst_von=welt.hanna
        )
        taetigkeiten.append(taetigkeit)
    return taetigkeiten


def _kandidaten(welt, n):
    """Volunteers in Pankow free on Wednesdays, with a check each: candidates for bedarf_a."""
    welt.bedarf_a.sprachen.add(Sprache.objects.get(code="fa"))
    fz = Anforderungsart.objects.get(slug="fuehrungszeugnis")
    welt.unterkunft_a.anforderungen.set([fz, Anforderungsart.objects.get(slug="masernschutz")])
    personen = _freiwillige(welt, n, heimatbezirk=welt.unterkunft_a.bezirk)
    for person in personen:
        NachweisFactory(person=person, art=fz, eingesehen_von=welt.ek_a)
    return [person.anzeigename.split(" ")[0] for person in personen]


LISTEN = {
    "freiwillige:bewerbungen": ("ek_a", _bewerbungen),
    "freiwillige:einsaetze": ("ek_b", _einsaetze),
    "freiwillige:bedarfe": ("freiwillig", bedarfe("unterkunft_b")),
    "freiwillige:kandidaten": ("ek_a", _kandidaten, lambda w: [w.bedarf_a.pk]),
    "api:bewerbung-list": ("ek_a", _bewerbungen),
    "api:einsatz-list": ("ek_b", _einsaetze),
    "api:stundeneintrag-list": ("ek_b", _stunden),
    "api:kandidaten": ("ek_a", _kandidaten, lambda w: [w.bedarf_a.pk]),
    "api:passende-bedarfe": ("freiwillig", bedarfe("unterkunft_b")),
}

#: routes that show fewer rows a page than the 50 a test adds
SEITENGROESSE = {
    "freiwillige:bewerbungen": 25,
    "freiwillige:einsaetze": 25,
    "freiwillige:bedarfe": 25,
    "freiwillige:kandidaten": 24,
}
