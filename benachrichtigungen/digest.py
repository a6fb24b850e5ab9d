"""Assembling digests: the periods, who gets one today, and the sections of a chunk.

The sections come from the apps (``<app>/digest.py``, each a list ``ABSCHNITTE``); each
reads what it needs for a whole chunk of recipients in a fixed number of queries, so a chunk
costs the same however many people it holds.
"""

from datetime import datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from common.digest import Zeitraum
from konten.models import User

from .models import Einstellung, Versand

ART = "digest"

#: the order of the sections in the mail: what asks for a decision first
QUELLEN = (
    "freiwillige.digest",
    "unterkuenfte.digest",
    "regionen.digest",
    "netzwerk.digest",
)


def abschnitt_funktionen() -> list:
    from importlib import import_module

    return [f for name in QUELLEN for f in import_module(name).ABSCHNITTE]


def _mitternacht(tag) -> datetime:
    return timezone.make_aware(datetime.combine(tag, time.min))


def zeitraum(rhythmus: str, heute) -> Zeitraum:
    """The period a digest sent on ``heute`` covers: the day before, or the seven days
    before; its key names the day or the ISO week."""
    bis = _mitternacht(heute)
    if rhythmus == Einstellung.Digest.TAEGLICH:
        return Zeitraum(f"T{heute.isoformat()}", bis - timedelta(days=1), bis)
    jahr, woche, _tag = heute.isocalendar()
    return Zeitraum(f"W{jahr}-{woche:02d}", bis - timedelta(days=7), bis)


def empfaenger(rhythmus: str, heute, zr: Zeitraum):
    """Ids of everyone due a digest of ``rhythmus`` today and not yet sent one for ``zr``.
    People who never chose get the weekly digest on Mondays."""
    einstellung = Einstellung.objects.filter(person=OuterRef("pk"))
    if rhythmus == Einstellung.Digest.TAEGLICH:
        faellig = Exists(einstellung.filter(digest=Einstellung.Digest.TAEGLICH))
    else:
        faellig = Exists(
            einstellung.filter(digest=Einstellung.Digest.WOECHENTLICH, wochentag=heute.weekday())
        )
        if heute.weekday() == Einstellung.Wochentag.MONTAG:
            faellig = faellig | ~Exists(einstellung)
    gesendet = Versand.objects.filter(
        empfaenger=OuterRef("pk"), art=ART, periode=zr.schluessel, gesendet_am__isnull=False
    )
    return (
        User.objects.filter(faellig, is_active=True)
        .exclude(Q(email="") | Exists(gesendet))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def abschnitte(personen, zr: Zeitraum) -> dict:
    """Per person id, the non-empty sections of their digest, in the order of QUELLEN."""
    ergebnis: dict = {}
    for funktion in abschnitt_funktionen():
        for person_id, abschnitt in funktion(personen, zr).items():
            if abschnitt.eintraege:
                ergebnis.setdefault(person_id, []).append(abschnitt)
    return ergebnis
