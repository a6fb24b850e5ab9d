"""Query budgets of unterkuenfte: the board, the shelters, catalogues, calls for helpers.

Each entry: route name -> (persona, fill(welt, n) returning the texts the n new rows
show[, url args]); tests/test_query_budget.py collects them.
"""

from django.utils import timezone

from common.models import Sprache
from konten import roles
from tests.factories import (
    AnforderungsartFactory,
    BedarfFactory,
    OrganisationFactory,
    SpracheFactory,
    TaetigkeitsfeldFactory,
    UnterkunftFactory,
    UnterkunftsartFactory,
    UserFactory,
)
from tests.list_fill import bedarfe, nummern
from unterkuenfte.models import Anforderungsart


def _unterkuenfte_nord(welt, n):
    """Shelters in Nord, each with needs in several languages and a coordinator."""
    pankow = welt.unterkunft_a.bezirk
    arabisch, farsi = Sprache.objects.get(code="ar"), Sprache.objects.get(code="fa")
    unterkuenfte = UnterkunftFactory.create_batch(n, bezirk=pankow)
    for unterkunft in unterkuenfte:
        unterkunft.sprachen.add(arabisch, farsi)
        unterkunft.anforderungen.set(Anforderungsart.objects.all()[:2])
        BedarfFactory(unterkunft=unterkunft).sprachen.add(arabisch)
        roles.rolle("ehrenamtskoordination").grant(UserFactory(), unterkunft)
    return [unterkunft.name for unterkunft in unterkuenfte]


def _aufrufe(organisation_name):
    """Calls for helpers of one organisation (every third paused: its workspace shows those
    too), each in Arabic with a requirement of its own."""

    def fill(welt, n):
        arabisch = Sprache.objects.get(code="ar")
        titel = []
        for _ in range(n):
            i = next(nummern)
            bedarf = BedarfFactory(
                unterkunft=None,
                organisation=welt.objekte[organisation_name],
                titel=f"Aufruf {i:03}",
                status="pausiert" if i % 3 == 0 else "offen",
            )
            bedarf.sprachen.add(arabisch)
            bedarf.zusaetzliche_anforderungen.set(Anforderungsart.objects.all()[:1])
            titel.append(bedarf.titel)
        return titel

    return fill


def _bedarfe_und_aufrufe(welt, n):
    """The board's mix: needs of shelter B and calls of organisations in Pankow (every other
    one with a published Steckbrief and an Arabic title), each in Arabic."""
    arabisch = Sprache.objects.get(code="ar")
    titel = []
    for _ in range(n):
        i = next(nummern)
        if i % 2:
            bedarf = BedarfFactory(unterkunft=welt.unterkunft_b, titel=f"Bedarf {i:03}")
        else:
            organisation = OrganisationFactory(
                region=welt.nord,
                bezirk=welt.unterkunft_a.bezirk,
                steckbrief_freigegeben_am=timezone.now() if i % 4 == 0 else None,
            )
            bedarf = BedarfFactory(
                unterkunft=None, organisation=organisation, titel=f"Aufruf {i:03}"
            )
            if i % 4 == 0:
                bedarf.uebersetzungen = {"ar": {"titel": f"نداء {i:03}"}}
                bedarf.save()
        bedarf.sprachen.add(arabisch)
        titel.append(bedarf.titel)
    return titel


def _katalog(factory):
    def fill(welt, n):
        return [factory(next(nummern)).name for _ in range(n)]

    return fill


def _taetigkeitsfeld(i):
    feld = TaetigkeitsfeldFactory(name=f"Feld {i:03}")
    feld.anforderungen.set(Anforderungsart.objects.all()[:2])
    return feld


LISTEN = {
    "unterkuenfte:liste": ("rk_nord", _unterkuenfte_nord),
    "unterkuenfte:board": ("anonym", bedarfe("unterkunft_b")),
    # the board with shelters' needs and organisations' calls for helpers mixed
    "unterkuenfte:board#aufrufe": ("anonym", _bedarfe_und_aufrufe),
    "api:unterkunft-list": ("rk_nord", _unterkuenfte_nord),
    "api:bedarf-list": ("ek_a", bedarfe("unterkunft_a")),
    "api:sprache-list": (
        "anonym",
        _katalog(lambda i: SpracheFactory(name=f"Sprache {i:03}")),
    ),
    "api:unterkunftsart-list": (
        "anonym",
        _katalog(lambda i: UnterkunftsartFactory(name=f"Art {i:03}")),
    ),
    "api:anforderungsart-list": (
        "anonym",
        _katalog(lambda i: AnforderungsartFactory(name=f"Anf {i:03}")),
    ),
    "api:taetigkeitsfeld-list": ("anonym", _katalog(_taetigkeitsfeld)),
    # pages that list rows although they are not list routes
    "unterkuenfte:detail": ("ek_a", bedarfe("unterkunft_a"), lambda w: [w.unterkunft_a.pk]),
    # Träger Alpha's calls (it needs the network's world: a call takes the organisation's place)
    "unterkuenfte:aufrufe": ("org_a", _aufrufe("traeger_a"), lambda w: [w.traeger_a.pk]),
}

#: routes that show fewer rows a page than the 50 a test adds
SEITENGROESSE = {
    "unterkuenfte:board": 20,
    "unterkuenfte:board#aufrufe": 20,
}
