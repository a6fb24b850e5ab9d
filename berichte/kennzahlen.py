"""The figures of a region report, computed in SQL aggregates.

A report has columns: areas of the region tree, each given as the ids of its regions (a
region and everything below it), or ``None`` for the whole platform. The number of queries
is fixed however many regions are compared, and no query evaluates a condition per row and
area (with 70 areas and a million rows that took minutes):

- sums and counts of rows that lie in one region each (places, assignments, hours, needs,
  meetings) are grouped by region in one query and added up per area in Python;
- figures that count distinct people (one person helps in several regions) collect the
  people per region in one pass over the rows and unite the sets per area in Python;
- small sets (registrations, attendance, memberships, events) are read once, grouped, and
  assigned to every area they reach in Python.

The results are raw counts; the rule that hides small numbers of people is applied when they
are shown (``schutz.py``).
"""

from collections import defaultdict
from statistics import median

from django.db import connections
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.utils import timezone

from common.scoping import grant_rows
from fortbildung.models import Anmeldung
from freiwillige.models import Einsatz, Stundeneintrag
from netzwerk.models import Mitgliedschaft, Veranstaltung
from regionen.models import Region, Teilnahme, Termin
from unterkuenfte.models import (
    BEDARF_OFFEN,
    Bedarf,
    Unterkunft,
)
from unterkuenfte.permissions import KOORDINIEREN

#: the figures that count people: shown as "< 5" below the threshold (schutz.py)
PERSONEN = (
    "freiwillige_aktiv",
    "freiwillige_neu",
    "einsaetze",
    "anmeldungen",
    "abschluesse",
    "warteliste",
)

#: rows read at a time where the figures are collected in Python
STAPEL = 20_000


def teilbaum(region) -> list[int]:
    """Ids of a region and every region below it."""
    return list(Region.objects.filter(pfad__startswith=region.pfad).values_list("pk", flat=True))


class _Zuordnung:
    """Which areas of ``bereiche`` (key → region ids, None: everything) a region lies in."""

    def __init__(self, bereiche: dict):
        self.ueberall = [key for key, ids in bereiche.items() if ids is None]
        self.je_region = defaultdict(list)
        for key, ids in bereiche.items():
            for region_id in set(ids or ()):
                self.je_region[region_id].append(key)

    def von(self, region_id) -> list:
        """Keys of the areas a row of ``region_id`` counts in."""
        return self.ueberall + self.je_region.get(region_id, [])

    def von_allen(self, region_ids) -> set:
        """Keys of the areas a row linked to several regions counts in: those holding any
        of ``region_ids``."""
        keys = set(self.ueberall)
        for region_id in region_ids:
            keys.update(self.je_region.get(region_id, ()))
        return keys


def _summen(bereiche: dict, zeilen, feld: str, namen) -> dict:
    """Per area, the sums of the figures ``namen`` of rows grouped by region (``feld``):
    every row lies in one region, so the areas' sums are sums of the regions' sums."""
    zuordnung = _Zuordnung(bereiche)
    werte = {key: dict.fromkeys(namen, 0) for key in bereiche}
    for zeile in zeilen:
        for key in zuordnung.von(zeile[feld]):
            for name in namen:
                werte[key][name] += zeile[name] or 0
    return werte


def _nur_bereiche(queryset, feld: str, bereiche: dict):
    """Only the rows in the areas' regions (every row when an area is the whole platform)."""
    if any(ids is None for ids in bereiche.values()):
        return queryset
    return queryset.filter(**{f"{feld}__in": sorted(set().union(*bereiche.values()))})


def _personen(bereiche: dict, je_region: dict) -> dict:
    """Per area, how many distinct people the sets of ``je_region`` (region id → people)
    hold in its regions: one union of the regions' sets per area."""
    ergebnis = {}
    for key, ids in bereiche.items():
        mengen = (
            list(je_region.values()) if ids is None else [je_region.get(r, ()) for r in set(ids)]
        )
        ergebnis[key] = len(mengen[0]) if len(mengen) == 1 else len(set().union(*mengen))
    return ergebnis


def _in_betrieb(periode) -> Q:
    """Shelters in operation at some time in the period."""
    begonnen = Q(in_betrieb_seit__isnull=True) | Q(in_betrieb_seit__lt=periode.bis)
    offen = Q(schliessung_am__isnull=True) & ~Q(status=Unterkunft.Status.GESCHLOSSEN)
    return begonnen & (offen | Q(schliessung_am__gte=periode.von))


def _unterkuenfte(bereiche, periode) -> dict:
    zeilen = (
        _nur_bereiche(Unterkunft.objects.filter(_in_betrieb(periode)), "region_id", bereiche)
        .values("region_id")
        .annotate(unterkuenfte=Count("pk"), kapazitaet=Sum("kapazitaet"), belegung=Sum("belegung"))
        .order_by()
    )
    return _summen(bereiche, zeilen, "region_id", ("unterkuenfte", "kapazitaet", "belegung"))


def _laufend(periode):
    """Assignments running at some time in the period (``EinsatzQuerySet.laufend``)."""
    return Einsatz.objects.laufend(periode.von, periode.bis)


class _Bedarfe(dict):
    """Need id → (region id, name of the field of activity) of the needs in the areas,
    ordered by the field's name. The many rows hanging off needs are read with the need's
    id and placed here, which spares the database a join per row."""

    def __init__(self, bereiche: dict):
        bedarfe = _nur_bereiche(Bedarf.objects.all(), "region_id", bereiche)
        zeilen = bedarfe.order_by("taetigkeitsfeld__name", "pk").values_list(
            "pk", "region_id", "taetigkeitsfeld__name"
        )
        super().__init__((pk, (region_id, feld)) for pk, region_id, feld in zeilen)

    def __missing__(self, pk):  # posted while the figures were read
        self[pk] = Bedarf.objects.values_list("region_id", "taetigkeitsfeld__name").get(pk=pk)
        return self[pk]


def _zeilen(queryset):
    """The rows of a ``values_list`` of ids, in batches from a client-side cursor: Python
    builds one batch of tuples at a time (the driver keeps the compact raw result), and
    the database plans for all rows (a server-side cursor, as ``iterator()`` opens one, is
    planned for the first rows and chose nested loops that took seconds)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while stapel := cursor.fetchmany(STAPEL):
            yield from stapel


def _freiwillige(bereiche, periode) -> dict:
    """Distinct people do not add up over regions (one person helps in several), so the
    people are collected per region in Python and united per area: one pass over the
    running assignments instead of one sort per area in the database."""
    bedarfe = _Bedarfe(bereiche)
    laufend = _nur_bereiche(_laufend(periode), "bedarf__region_id", bereiche)
    aktiv, einsaetze = defaultdict(set), defaultdict(int)
    for bedarf, person in _zeilen(laufend.values_list("bedarf_id", "person").order_by()):
        region_id = bedarfe[bedarf][0]
        aktiv[region_id].add(person)
        einsaetze[region_id] += 1
    # new: the person's first assignment anywhere began in the period (NOT EXISTS in the
    # WHERE clause: one anti-join, not a subquery per row)
    frueher = Einsatz.objects.filter(person=OuterRef("person"), beginn__lt=periode.von)
    neu = defaultdict(set)
    zeilen = laufend.filter(beginn__gte=periode.von).filter(~Exists(frueher))
    for bedarf, person in _zeilen(zeilen.values_list("bedarf_id", "person").order_by()):
        neu[bedarfe[bedarf][0]].add(person)
    anzahl = _summen(
        bereiche,
        ({"region": r, "einsaetze": n} for r, n in einsaetze.items()),
        "region",
        ("einsaetze",),
    )
    personen_aktiv, personen_neu = _personen(bereiche, aktiv), _personen(bereiche, neu)
    return {
        key: {
            "freiwillige_aktiv": personen_aktiv[key],
            "freiwillige_neu": personen_neu[key],
            "einsaetze": anzahl[key]["einsaetze"],
        }
        for key in bereiche
    }


def _je_feld(bereiche, periode) -> dict:
    """Per column, the running assignments per field of activity, in the order of the
    fields' names (counted per need in the database, added up per area here)."""
    bedarfe = _Bedarfe(bereiche)
    laufend = _nur_bereiche(_laufend(periode), "bedarf__region_id", bereiche)
    je_bedarf = laufend.values("bedarf_id").annotate(n=Count("*")).values_list("bedarf_id", "n")
    zuordnung = _Zuordnung(bereiche)
    ergebnis = {key: defaultdict(int) for key in bereiche}
    for bedarf, anzahl in je_bedarf.order_by():
        region_id, feld = bedarfe[bedarf]
        for key in zuordnung.von(region_id):
            ergebnis[key][feld] += anzahl
    rang = {}  # the fields in the order of their names, as the database sorts them
    for _region_id, feld in bedarfe.values():
        rang.setdefault(feld, len(rang))
    return {
        key: {"je_feld": dict(sorted(felder.items(), key=lambda f: rang.get(f[0], len(rang))))}
        for key, felder in ergebnis.items()
    }


def _stunden(bereiche, periode) -> dict:
    bedarfe = _Bedarfe(bereiche)
    bestaetigt = Stundeneintrag.objects.bestaetigt().filter(
        datum__gte=periode.von, datum__lt=periode.bis
    )
    personen, stunden = defaultdict(set), defaultdict(int)
    zeilen = _nur_bereiche(bestaetigt, "einsatz__bedarf__region_id", bereiche).values_list(
        "einsatz__bedarf_id", "einsatz__person", "stunden"
    )
    for bedarf, person, menge in zeilen.order_by():
        region_id = bedarfe[bedarf][0]
        personen[region_id].add(person)
        stunden[region_id] += menge
    summen = _summen(
        bereiche,
        ({"region": r, "stunden": s} for r, s in stunden.items()),
        "region",
        ("stunden",),
    )
    # how many people the hours belong to: a sum of fewer than 5 is hidden like a count
    anzahl = _personen(bereiche, personen)
    return {
        key: {"stunden": float(summen[key]["stunden"]), "stunden_personen": anzahl[key]}
        for key in bereiche
    }


def _bedarfe(bereiche, periode) -> dict:
    zeilen = (
        _nur_bereiche(Bedarf.objects.filter(created_at__lt=periode.ende), "region_id", bereiche)
        .values("region_id")
        .annotate(
            bedarfe_neu=Count("pk", filter=Q(created_at__gte=periode.beginn)),
            # open when the figures are computed: the state of a need is not kept over time
            bedarfe_offen=Count("pk", filter=BEDARF_OFFEN),
        )
        .order_by()
    )
    werte = _summen(bereiche, zeilen, "region_id", ("bedarfe_neu", "bedarfe_offen"))
    # days from posting to the acceptance that filled the last place, for needs filled in
    # the period: a few thousand pairs of numbers at most, the median taken here
    # (the last acceptance per need read through the index on the need, not by joining
    # every assignment; the period is checked here)
    letzte = Einsatz.objects.filter(bedarf=OuterRef("pk")).order_by("-created_at")
    besetzt = _nur_bereiche(
        Bedarf.objects.filter(anzahl_besetzt__gte=F("anzahl_helfende"), anzahl_besetzt__gt=0),
        "region_id",
        bereiche,
    ).annotate(besetzt_am=Subquery(letzte.values("created_at")[:1]))
    beginn, ende = periode.beginn, periode.ende
    dauer = [
        (region_id, (am - seit).total_seconds() / 86400)
        for region_id, seit, am in besetzt.values_list("region_id", "created_at", "besetzt_am")
        if am is not None and beginn <= am < ende
    ]
    for key, ids in bereiche.items():
        im_bereich = None if ids is None else set(ids)
        tage = [t for region_id, t in dauer if im_bereich is None or region_id in im_bereich]
        werte[key]["median_tage_bis_besetzt"] = round(median(tage), 1) if tage else None
    return werte


def _jourfixe(bereiche, periode) -> dict:
    bis = min(periode.ende, timezone.now())  # held: a meeting still to come is not counted
    gehalten = Termin.objects.filter(
        status=Termin.Status.GEPLANT, beginn__gte=periode.beginn, beginn__lt=bis
    )
    werte = _summen(
        bereiche,
        _nur_bereiche(gehalten, "serie__region_id", bereiche)
        .values("serie__region_id")
        .annotate(jourfixe=Count("pk"))
        .order_by(),
        "serie__region_id",
        ("jourfixe",),
    )

    # A shelter is represented in an area when one of its coordinators attended a meeting
    # of the area in the period: who attended meetings of which regions, and the
    # coordinators of the shelters in operation (a few thousand rows each).
    dabei = Teilnahme.objects.filter(anwesend=True, termin__in=gehalten)
    besucht = defaultdict(set)
    for person, region_id in dabei.values_list("person", "termin__serie__region_id").distinct():
        besucht[person].add(region_id)
    rechte = grant_rows(
        Unterkunft,
        KOORDINIEREN,
        personen=dabei.values("person"),
        objekte=Unterkunft.objects.filter(_in_betrieb(periode)),
        felder=("content_object__region_id",),
    )
    zuordnung = _Zuordnung(bereiche)
    vertreten = {key: set() for key in bereiche}
    for person, unterkunft, region_id in rechte:
        getroffen = zuordnung.von_allen(besucht[person])
        for key in zuordnung.von(region_id):
            if key in getroffen:
                vertreten[key].add(unterkunft)
    for key in werte:
        werte[key]["vertretene_unterkuenfte"] = len(vertreten[key])
    return werte


def _fortbildung(bereiche, periode) -> dict:
    """Registrations of people of the area: coordinators of its shelters, and volunteers
    living there. Counted per person (all their registrations reach the same areas)."""
    im_zeitraum = Q(created_at__gte=periode.beginn, created_at__lt=periode.ende)
    abgeschlossen = Q(abgeschlossen_am__gte=periode.beginn, abgeschlossen_am__lt=periode.ende)
    wartend = Q(status=Anmeldung.Status.WARTEND, created_at__lt=periode.ende)
    relevant = Anmeldung.objects.filter(im_zeitraum | abgeschlossen | wartend)
    zeilen = (
        relevant.values("person", "person__profil__heimatbezirk__region_id")
        .annotate(
            anmeldungen=Count("pk", filter=im_zeitraum),
            abschluesse=Count("pk", filter=abgeschlossen),
            warteliste=Count("pk", filter=wartend),
        )
        .order_by()
    )
    koordiniert = defaultdict(set)
    for person, _unterkunft, region_id in grant_rows(
        Unterkunft,
        KOORDINIEREN,
        personen=relevant.values("person"),
        felder=("content_object__region_id",),
    ):
        koordiniert[person].add(region_id)
    zuordnung = _Zuordnung(bereiche)
    namen = ("anmeldungen", "abschluesse", "warteliste")
    werte = {key: dict.fromkeys(namen, 0) for key in bereiche}
    for zeile in zeilen:
        regionen = set(koordiniert.get(zeile["person"], ()))
        if zeile["person__profil__heimatbezirk__region_id"] is not None:
            regionen.add(zeile["person__profil__heimatbezirk__region_id"])
        for key in zuordnung.von_allen(regionen):
            for name in namen:
                werte[key][name] += zeile[name]
    return werte


def _netzwerk(bereiche, periode) -> dict:
    """Member organisations count where they work: in the areas of their list's region,
    and in those of their own region and their district's region that the list covers.
    The city's list of a network thus counts its members in the city and in the region of
    each member, as the events of the network count (not only in the city's total)."""
    zuordnung = _Zuordnung(bereiche)
    aktiv, inaktiv = Mitgliedschaft.Status.AKTIV, Mitgliedschaft.Status.INAKTIV
    organisationen = {key: {aktiv: set(), inaktiv: set()} for key in bereiche}
    mitglieder = (
        Mitgliedschaft.objects.filter(organisation__isnull=False, status__in=(aktiv, inaktiv))
        .values_list(
            "organisation",
            "status",
            "verteiler__region_id",
            "verteiler__region__pfad",
            "organisation__region_id",
            "organisation__region__pfad",
            "organisation__bezirk__region_id",
            "organisation__bezirk__region__pfad",
        )
        .distinct()
    )
    for organisation, status, liste, listenpfad, *orte in mitglieder:
        regionen = {liste} | {
            region_id
            for region_id, pfad in zip(orte[::2], orte[1::2], strict=True)
            if region_id is not None and pfad.startswith(listenpfad)
        }
        for key in zuordnung.von_allen(regionen):
            organisationen[key][status].add(organisation)
    werte = {
        key: {
            "organisationen_aktiv": len(je_status[aktiv]),
            "organisationen_inaktiv": len(je_status[inaktiv]),
            "veranstaltungen": 0,
        }
        for key, je_status in organisationen.items()
    }
    # an event counts in the areas of its region and of its district's region
    veranstaltungen = (
        Veranstaltung.objects.filter(
            veroeffentlicht=True,
            abgesagt=False,
            beginn__gte=periode.beginn,
            beginn__lt=min(periode.ende, timezone.now()),
        )
        .values("region_id", "bezirk__region_id")
        .annotate(anzahl=Count("pk"))
        .order_by()
    )
    for zeile in veranstaltungen:
        regionen = {zeile["region_id"], zeile["bezirk__region_id"]} - {None}
        for key in zuordnung.von_allen(regionen):
            werte[key]["veranstaltungen"] += zeile["anzahl"]
    return werte


TEILE = (
    _unterkuenfte,
    _freiwillige,
    _je_feld,
    _stunden,
    _bedarfe,
    _jourfixe,
    _fortbildung,
    _netzwerk,
)


def berechnen(bereiche: dict, periode) -> dict:
    """``{key: figures}`` for each area of ``bereiche`` (key → region ids, or None for the
    whole platform) in ``periode``: a fixed number of queries for any number of areas."""
    ergebnis = {key: {} for key in bereiche}
    for teil in TEILE:
        for key, zahlen in teil(bereiche, periode).items():
            ergebnis[key].update(zahlen)
    return ergebnis
