"""What the query budgets' fills of several apps share: numbers and rows several lists show.

One counter numbers the rows of every fill, so names stay unique however the tests run.
"""

import itertools

from common.models import Sprache
from tests.factories import BedarfFactory, BezirkFactory, RegionFactory
from unterkuenfte.models import Anforderungsart

nummern = itertools.count()


def unterregionen(welt, n):
    """Regions below Nord, each with two districts: lists of regions and of their reports."""
    regionen = RegionFactory.create_batch(n, oberregion=welt.nord)
    for region in regionen:
        BezirkFactory.create_batch(2, region=region)
    return [region.name for region in regionen]


def bedarfe(unterkunft_name):
    """Needs of one shelter in Arabic with a requirement: the board, the shelter's page and
    the volunteers' matching needs."""

    def fill(welt, n):
        arabisch = Sprache.objects.get(code="ar")
        bedarfe = BedarfFactory.create_batch(n, unterkunft=welt.objekte[unterkunft_name])
        for bedarf in bedarfe:
            bedarf.sprachen.add(arabisch)
            bedarf.zusaetzliche_anforderungen.set(Anforderungsart.objects.all()[:1])
        return [bedarf.titel for bedarf in bedarfe]

    return fill
