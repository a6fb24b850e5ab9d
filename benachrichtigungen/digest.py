"""Assembling digests: the periods, who gets one today, and the sections of a chunk.

The sections come from the apps (``<app>/digest.py``, each a tuple ``ABSCHNITTE``); each
reads what it needs for a whole chunk of recipients in a fixed number of queries, so a chunk
costs the same however many people it holds.
"""

from datetime import datetime, time, timedelta

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone, translation

from common.digest import Empfaenger, Zeitraum, gruppiert
from common.models import Wochentag
from fortbildung import digest as fortbildung
from freiwillige import digest as freiwillige
from konten.models import User
from netzwerk import digest as netzwerk
from regionen import digest as regionen
from unterkuenfte import digest as unterkuenfte

from .mail import sprache_von
from .models import Einstellung, Versand

ART = "digest"

#: the sections in the order of the mail: what asks for a decision first
ABSCHNITTE = (
    *freiwillige.ABSCHNITTE,
    *unterkuenfte.ABSCHNITTE,
    *regionen.ABSCHNITTE,
    *fortbildung.ABSCHNITTE,
    *netzwerk.ABSCHNITTE,
)
ERINNERUNGEN = (*freiwillige.ERINNERUNGEN, *regionen.ERINNERUNGEN, *fortbildung.ERINNERUNGEN)


def erinnerungen(heute):
    """The reminders every app names for ``heute``, one list per kind."""
    return (funktion(heute) for funktion in ERINNERUNGEN)


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
    """Ids of everyone due a digest of ``rhythmus`` today without a ledger row for ``zr``.
    People who never chose get the weekly digest on Mondays. Ordered by language and where
    volunteers live, so a chunk holds neighbours of one language and reads few areas."""
    einstellung = Einstellung.objects.filter(person=OuterRef("pk"))
    if rhythmus == Einstellung.Digest.TAEGLICH:
        faellig = Exists(einstellung.filter(digest=Einstellung.Digest.TAEGLICH))
    else:
        faellig = Exists(
            einstellung.filter(digest=Einstellung.Digest.WOECHENTLICH, wochentag=heute.weekday())
        )
        if heute.weekday() == Wochentag.MONTAG:
            faellig = faellig | ~Exists(einstellung)
    schon = Versand.objects.filter(empfaenger=OuterRef("pk"), art=ART, periode=zr.schluessel)
    return (
        User.objects.filter(faellig, is_active=True)
        .exclude(Q(email="") | Exists(schon))
        .order_by("sprache", F("profil__heimatbezirk_id").asc(nulls_last=True), "pk")
        .values_list("pk", flat=True)
    )


def liegengeblieben(zr: Zeitraum, grenze):
    """Ids with an open ledger row for ``zr`` that no task has touched since ``grenze``:
    their chunk was lost (broker down when it was queued, a worker gone for good)."""
    return (
        Versand.objects.filter(art=ART, periode=zr.schluessel, erledigt_am__isnull=True)
        .filter(Q(vergeben_am__lt=grenze) | Q(vergeben_am__isnull=True, created_at__lt=grenze))
        .order_by("pk")
        .values_list("empfaenger_id", flat=True)
    )


def abschnitte(personen, zr: Zeitraum) -> dict:
    """Per person id, the non-empty sections of their digest, in the order of ABSCHNITTE.

    Sections are worded while they are read, so they are read once per language of the
    chunk's recipients, in that language (the daily job sorts recipients by language, so a
    chunk mostly speaks one)."""
    ergebnis: dict = {}
    for sprache, gruppe in gruppiert((sprache_von(p), p) for p in personen).items():
        gruppe = Empfaenger(gruppe)
        with translation.override(sprache):
            for funktion in ABSCHNITTE:
                for person_id, teile in funktion(gruppe, zr).items():
                    for abschnitt in teile:
                        if abschnitt.eintraege:
                            ergebnis.setdefault(person_id, []).append(abschnitt)
    return ergebnis
