"""Matching volunteers and needs, in the database.

Both directions build one annotated query: the score is a sum of database expressions over
language, field of activity, overlapping time slots, proximity, checks already met and the
current load; exclusions (banned, paused, no time that fits) are filters. Python only
prepares the handful of values of the one need or the one profile being matched, and words
the reasons for the rows of one page.

Candidates come from the need's catchment area, the nearest city above the place of its
shelter or organisation (or the top region where there is none): a volunteer living there or
preferring a region there. That keeps every query to the people who could plausibly come,
however many profiles the country holds.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Case, Exists, F, Func, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Least
from django.db.models.lookups import In
from django.utils import timezone

from common.aggregate import subquery_anzahl
from konten.models import User
from regionen.models import Bezirk, Region
from unterkuenfte.models import Bedarf, Hausverbot, Unterkunft, Zeitfenster

from .erklaerungen import aktuelle_erklaerungen
from .models import (
    Bewerbung,
    Einsatz,
    Nachweis,
    Profil,
    Sprachkenntnis,
    Verfuegbarkeit,
    Zustimmung,
)

#: points per criterion; the reasons name every criterion that scored
GEWICHT_SPRACHE = 10  # per level (Grundkenntnisse 1 … Muttersprache 4)
GEWICHT_FELD = 15
GEWICHT_ZEITFENSTER = 10  # per overlapping slot, at most three count
GEWICHT_BEZIRK = 15
GEWICHT_REGION = 10
GEWICHT_NACHWEIS = 10  # per requirement already met
GEWICHT_LAST = 5  # subtracted per running assignment


def _int(ausdruck):
    return Coalesce(ausdruck, Value(0), output_field=IntegerField())


def ueberlappt(slots, praefix=""):
    """Q for rows whose (wochentag, von, bis) overlap one of ``slots``; None without slots."""
    if not slots:
        return None
    return reduce(
        or_,
        (
            Q(
                **{
                    f"{praefix}wochentag": slot.wochentag,
                    f"{praefix}von__lt": slot.bis,
                    f"{praefix}bis__gt": slot.von,
                }
            )
            for slot in slots
        ),
    )


class InListe(In):
    """``feld IN (ids)`` with the ids as one array parameter on PostgreSQL.

    A catchment area's preferred profiles run into thousands of ids: as one placeholder each
    they cost more to render, send and plan than the index scan they feed.
    """

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        typ = self.lhs.output_field.db_type(connection)
        return f"{lhs} = ANY(%s::{typ}[])", (*params, list(self.rhs))


def _im_bezirk(feld: str, bezirk_id) -> list:
    """The district points as a When, none without a district (a call may name none, a
    profile may lack one; ``feld=None`` would match every row without one)."""
    if bezirk_id is None:
        return []
    return [When(**{feld: bezirk_id}, then=Value(GEWICHT_BEZIRK))]


def einzugsgebiet(region: Region) -> Region:
    """The catchment area of a region: the nearest city at or above it, else its top region
    (a volunteer in Cologne is not proposed for Münster, one in Pankow is for Neukölln)."""
    kette = {r.pk: r for r in region.vorfahren_und_selbst()}
    ids = [int(teil) for teil in region.pfad.strip("/").split("/") if teil]
    staedte = [kette[i] for i in reversed(ids) if kette[i].art == Region.Art.STADT]
    return staedte[0] if staedte else kette[ids[0]]


def gueltige_nachweise(stichtag):
    return Nachweis.objects.exclude(ergebnis=Nachweis.Ergebnis.NICHT_ERFUELLT).filter(
        Q(faellig_am__isnull=True) | Q(faellig_am__gte=stichtag)
    )


def aktive_profile():
    """Profiles that take part in matching: active, with every current declaration accepted."""
    # deactivated accounts are few: excluding them through a small partial index is cheaper
    # than joining every candidate's account row
    profile = Profil.objects.filter(status=Profil.Status.AKTIV).exclude(
        person__in=User.objects.filter(is_active=False).values("pk")
    )
    for erklaerung in aktuelle_erklaerungen():
        profile = profile.filter(
            Exists(Zustimmung.objects.filter(person=OuterRef("person"), erklaerung=erklaerung))
        )
    return profile


# --- candidates for a need ---------------------------------------------------------------


@dataclass
class BedarfKontext:
    """The values of one need that matching uses, read once."""

    bedarf: Bedarf
    slots: list
    sprachen: list
    arten: list
    stichtag: object = field(default_factory=timezone.localdate)


def bedarf_kontext(bedarf: Bedarf) -> BedarfKontext:
    bedarf = (
        Bedarf.objects.select_related("region", "unterkunft", "organisation", "taetigkeitsfeld")
        .prefetch_related(
            "sprachen",
            "zeitfenster",
            "unterkunft__anforderungen",
            "taetigkeitsfeld__anforderungen",
            "zusaetzliche_anforderungen",
        )
        .get(pk=bedarf.pk)
    )
    return BedarfKontext(
        bedarf=bedarf,
        slots=list(bedarf.zeitfenster.all()),
        sprachen=list(bedarf.sprachen.all()),
        arten=bedarf.anforderungen_gesamt(),
    )


def _bevorzugt_von(gebiet: list, vorfahren: list) -> tuple[list, list]:
    """Profiles preferring a region of the catchment area, and those preferring the need's
    region or one above it, read in one query: both lists go into the query as literals."""
    im_gebiet, in_der_naehe = set(), set()
    gebiet, vorfahren = set(gebiet), set(vorfahren)
    for profil_id, region_id in Profil.bevorzugte_regionen.through.objects.filter(
        region__in=gebiet | vorfahren
    ).values_list("profil_id", "region_id"):
        if region_id in gebiet:
            im_gebiet.add(profil_id)
        if region_id in vorfahren:
            in_der_naehe.add(profil_id)
    return sorted(im_gebiet), sorted(in_der_naehe)


def kandidaten(kontext: BedarfKontext):
    """Ranked profiles for a need, annotated with ``punkte`` and the points per criterion."""
    bedarf = kontext.bedarf
    # the catchment area as literal ids: the planner then knows how many profiles match and
    # uses the indexes on heimatbezirk_id / region_id instead of scanning every profile
    gebiet = list(
        Region.objects.filter(pfad__startswith=einzugsgebiet(bedarf.region).pfad).values_list(
            "pk", flat=True
        )
    )
    bezirke = list(Bezirk.objects.filter(region__in=gebiet).values_list("pk", flat=True))
    vorfahren = [int(teil) for teil in bedarf.region.pfad.strip("/").split("/") if teil]
    im_gebiet, in_der_naehe = _bevorzugt_von(gebiet, vorfahren)
    verfuegbar = Verfuegbarkeit.objects.filter(profil=OuterRef("pk"))
    if kontext.slots:
        verfuegbar = verfuegbar.filter(ueberlappt(kontext.slots))

    bedingungen = [
        # literal ids on both sides of the OR: two bitmap index scans instead of a full scan
        Q(heimatbezirk__in=bezirke) | InListe(F("pk"), im_gebiet),
        Exists(verfuegbar),
        ~Exists(
            Einsatz.objects.filter(person=OuterRef("person"), bedarf=bedarf).exclude(
                status=Einsatz.Status.BEENDET
            )
        ),
    ]
    if bedarf.unterkunft_id:
        # bans exist for shelters only
        bedingungen.append(
            ~Exists(
                Hausverbot.objects.filter(
                    person=OuterRef("person"), unterkunft_id=bedarf.unterkunft_id
                ).aktiv(kontext.stichtag)
            )
        )
    sprache = Value(0)
    if kontext.sprachen:
        # MAX instead of ORDER BY … LIMIT 1: no sort node per candidate
        hoechstes = Func(F("niveau"), function="MAX", output_field=IntegerField())
        sprache = _int(
            Subquery(
                Sprachkenntnis.objects.filter(profil=OuterRef("pk"), sprache__in=kontext.sprachen)
                .order_by()
                .annotate(_max=hoechstes)
                .values("_max")[:1]
            )
        ) * Value(GEWICHT_SPRACHE)
    interessiert = Profil.interessen.through.objects.filter(
        profil=OuterRef("pk"), taetigkeitsfeld_id=bedarf.taetigkeitsfeld_id
    )
    zeit = Value(GEWICHT_ZEITFENSTER)
    if kontext.slots:
        zeit = Least(subquery_anzahl(verfuegbar), Value(3)) * Value(GEWICHT_ZEITFENSTER)
    nachweise = Value(0)
    if kontext.arten:
        nachweise = subquery_anzahl(
            gueltige_nachweise(kontext.stichtag).filter(
                person=OuterRef("person"), art__in=kontext.arten
            ),
            "art_id",
        ) * Value(GEWICHT_NACHWEIS)
    # one filter() and one annotate(): each call copies the whole query being built
    return (
        aktive_profile()
        .filter(*bedingungen)
        .annotate(
            p_sprache=sprache,
            # a count (0 or 1, the pair is unique) is probed per candidate through the unique
            # index; an EXISTS would be hashed over everyone interested in the field, nationwide
            p_feld=subquery_anzahl(interessiert) * Value(GEWICHT_FELD),
            p_zeit=zeit,
            # who prefers the need's region or one above it was read with the catchment's
            # preferences: no lookup per candidate
            p_naehe=Case(
                *_im_bezirk("heimatbezirk_id", bedarf.bezirk_id),
                When(InListe(F("pk"), in_der_naehe), then=Value(GEWICHT_REGION)),
                default=Value(0),
            ),
            p_nachweise=nachweise,
            # few people have a running assignment: count only for them
            last=Case(
                When(
                    person_id__in=Einsatz.objects.filter(status=Einsatz.Status.AKTIV).values(
                        "person_id"
                    ),
                    then=subquery_anzahl(
                        Einsatz.objects.filter(
                            person=OuterRef("person"), status=Einsatz.Status.AKTIV
                        )
                    ),
                ),
                default=Value(0),
            ),
            beworben=Exists(
                Bewerbung.objects.filter(
                    person=OuterRef("person"), bedarf=bedarf, status__in=Bewerbung.WARTEND
                )
            ),
            punkte=F("p_sprache")
            + F("p_feld")
            + F("p_zeit")
            + F("p_naehe")
            + F("p_nachweise")
            - F("last") * Value(GEWICHT_LAST),
        )
        .select_related("heimatbezirk")
        .order_by("-punkte", "pk")
    )


# --- needs for a volunteer ---------------------------------------------------------------


@dataclass
class ProfilKontext:
    """The values of one profile that matching uses, read once."""

    profil: Profil
    slots: list
    niveaus: dict  # sprache_id -> niveau
    interessen: list
    gueltige_arten: list
    stichtag: object = field(default_factory=timezone.localdate)


def profil_kontext(profil: Profil) -> ProfilKontext:
    stichtag = timezone.localdate()
    profil = (
        Profil.objects.select_related("heimatbezirk__region")
        .prefetch_related(
            "verfuegbarkeiten", "sprachkenntnisse", "interessen", "bevorzugte_regionen"
        )
        .get(pk=profil.pk)
    )
    return ProfilKontext(
        profil=profil,
        slots=list(profil.verfuegbarkeiten.all()),
        niveaus={k.sprache_id: k.niveau for k in profil.sprachkenntnisse.all()},
        interessen=[feld.pk for feld in profil.interessen.all()],
        gueltige_arten=list(
            gueltige_nachweise(stichtag)
            .filter(person_id=profil.person_id)
            .values_list("art_id", flat=True)
            .distinct()
        ),
        stichtag=stichtag,
    )


def _gebiet_des_profils(profil: Profil):
    """Regions of the catchment areas the volunteer lives in or prefers; None: anywhere."""
    regionen = list(profil.bevorzugte_regionen.all())
    if profil.heimatbezirk_id:
        regionen.append(profil.heimatbezirk.region)
    if not regionen:
        return None
    pfade = {einzugsgebiet(region).pfad for region in regionen}
    return Region.objects.subtree_of(pfade).values("pk")


def passende_bedarfe(kontext: ProfilKontext):
    """Ranked open needs for a volunteer, annotated like the candidates."""
    profil = kontext.profil
    bedarfe = (
        Bedarf.objects.oeffentlich()
        .exclude(
            Exists(
                Hausverbot.objects.filter(
                    person_id=profil.person_id, unterkunft=OuterRef("unterkunft")
                ).aktiv(kontext.stichtag)
            )
        )
        .exclude(
            Exists(
                Bewerbung.objects.filter(
                    person_id=profil.person_id,
                    bedarf=OuterRef("pk"),
                    status__in=[*Bewerbung.WARTEND, Bewerbung.Status.ANGENOMMEN],
                )
            )
        )
    )
    gebiet = _gebiet_des_profils(profil)
    if gebiet is not None:
        bedarfe = bedarfe.filter(region__in=gebiet)
    zeitfenster = Zeitfenster.objects.filter(bedarf=OuterRef("pk"))
    passend = zeitfenster.filter(ueberlappt(kontext.slots)) if kontext.slots else zeitfenster.none()
    # a need without slots is flexible and fits anyone; others need one overlapping slot
    bedarfe = bedarfe.filter(~Exists(zeitfenster) | Exists(passend))

    sprache = Value(0)
    if kontext.niveaus:
        sprachen = Bedarf.sprachen.through.objects.filter(bedarf=OuterRef("pk"))
        sprache = _int(
            Subquery(
                sprachen.filter(sprache_id__in=kontext.niveaus)
                .annotate(
                    niveau=Case(
                        *(When(sprache_id=s, then=Value(n)) for s, n in kontext.niveaus.items()),
                        output_field=IntegerField(),
                    )
                )
                .order_by("-niveau")
                .values("niveau")[:1]
            )
        ) * Value(GEWICHT_SPRACHE)
    nachweise = Value(0)
    if kontext.gueltige_arten:
        nachweise = subquery_anzahl(
            Unterkunft.anforderungen.through.objects.filter(
                unterkunft=OuterRef("unterkunft"), anforderungsart_id__in=kontext.gueltige_arten
            )
        ) * Value(GEWICHT_NACHWEIS)
    bevorzugt = [r.pk for r in profil.bevorzugte_regionen.all()]
    return (
        bedarfe.annotate(
            p_sprache=sprache,
            p_feld=Case(
                When(taetigkeitsfeld_id__in=kontext.interessen, then=Value(GEWICHT_FELD)),
                default=Value(0),
            ),
            p_zeit=Least(subquery_anzahl(passend), Value(3)) * Value(GEWICHT_ZEITFENSTER)
            if kontext.slots
            else Value(0),
            p_naehe=Case(
                *_im_bezirk("bezirk_id", profil.heimatbezirk_id),
                When(region_id__in=bevorzugt, then=Value(GEWICHT_REGION)),
                default=Value(0),
            ),
            p_nachweise=nachweise,
            eingeladen=Exists(profil.person.bewerbungseinladungen.filter(bedarf=OuterRef("pk"))),
        )
        .annotate(
            punkte=F("p_sprache") + F("p_feld") + F("p_zeit") + F("p_naehe") + F("p_nachweise")
        )
        .select_related("unterkunft", "organisation", "bezirk", "taetigkeitsfeld")
        .order_by("-eingeladen", "-punkte", "-created_at", "pk")
    )
