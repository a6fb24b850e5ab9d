"""Aggregates over correlated subqueries, for annotating many rows in one query.

The subquery is unordered and has no GROUP BY, so it yields exactly one row per outer row
on SQLite and PostgreSQL alike; an empty set counts as 0.
"""

from django.db.models import F, Func, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce


def _eine_zeile(queryset, ausdruck, output_field):
    return Coalesce(
        Subquery(queryset.order_by().annotate(_wert=ausdruck).values("_wert")[:1]),
        Value(0),
        output_field=output_field,
    )


def subquery_anzahl(queryset, verschieden=None):
    """Rows of ``queryset`` as COUNT(1), which an index-only scan can answer; with
    ``verschieden``, the number of distinct values of that column."""
    if verschieden:
        zaehler = Func(F(verschieden), template="COUNT(DISTINCT %(expressions)s)")
    else:
        zaehler = Func(Value(1), function="COUNT")
    zaehler.output_field = IntegerField()
    return _eine_zeile(queryset, zaehler, IntegerField())


def subquery_summe(queryset, feld, output_field):
    """The sum of ``feld`` over ``queryset``; 0 when it has no rows."""
    return _eine_zeile(
        queryset, Func(F(feld), function="SUM", output_field=output_field), output_field
    )


def je_bereich(queryset, bereiche: dict, **kennzahlen) -> dict:
    """``{key: {name: value}}`` for several areas in one aggregate query: ``bereiche`` maps
    each key to the Q that selects its rows, each figure is a function of that Q returning
    an aggregate. One scan over the rows however many areas (the columns of a report)."""
    ausdruecke = {
        f"{name}__{nummer}": kennzahl(bedingung)
        for nummer, bedingung in enumerate(bereiche.values())
        for name, kennzahl in kennzahlen.items()
    }
    werte = queryset.aggregate(**ausdruecke) if ausdruecke else {}
    return {
        key: {name: werte[f"{name}__{nummer}"] or 0 for name in kennzahlen}
        for nummer, key in enumerate(bereiche)
    }
