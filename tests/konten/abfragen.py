"""Query budgets of konten: the start page, invitations, one's API tokens.

Each entry: route name -> (persona, fill(welt, n) returning the texts the n new rows
show[, url args]); tests/test_query_budget.py collects them.
"""

from konten.services import api_zugang_anlegen, einladung_anlegen
from tests.factories import RegionFactory
from tests.list_fill import nummern, unterregionen


def _einladungen(welt, n):
    emails = []
    for region in RegionFactory.create_batch(n, oberregion=welt.nord):
        email = f"eingeladen-{region.pk}@test.invalid"
        einladung_anlegen(welt.admin, email, "regionalkoordination", region)
        emails.append(email)
    return emails


def _api_zugaenge(welt, n):
    namen = [f"Zugang {next(nummern):03}" for _ in range(n)]
    for name in namen:
        api_zugang_anlegen(welt.ek_a, name, zweiter_faktor=False)
    return namen


LISTEN = {
    "konten:einladungen": ("admin", _einladungen),
    "konten:api_zugaenge": ("ek_a", _api_zugaenge),
    # Start pages list regions for the Regionalkoordination and the Verwaltung.
    "start": ("verwaltung", unterregionen),
}

#: routes that show fewer rows a page than the 50 a test adds
SEITENGROESSE = {}
