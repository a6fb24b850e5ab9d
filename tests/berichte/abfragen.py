"""Query budgets of berichte: the regions whose reports one reads.

Each entry: route name -> (persona, fill(welt, n) returning the texts the n new rows
show[, url args]); tests/test_query_budget.py collects them.
"""

from tests.list_fill import unterregionen

LISTEN = {
    # the regions whose reports one reads
    "api:bericht-list": ("verwaltung", unterregionen),
}

#: routes that show fewer rows a page than the 50 a test adds
SEITENGROESSE = {}
