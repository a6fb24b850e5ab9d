"""Digest sections of volunteers (new needs and calls that fit them, their assignments,
checks about to expire, public events in their district) and of whoever decides on
applications (the ones waiting)."""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import NamedTuple

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.digest import Abschnitt, Eintrag, Erinnerung, absolut, gruppiert, link_vorlage
from regionen.models import Region
from unterkuenfte.digest import bei_postern, fuer_koordination, koordiniert, poster_schluessel
from unterkuenfte.models import Bedarf, Hausverbot, Zeitfenster

from .gruende import gemeinsame_zeit, passt_ihnen
from .models import Bewerbung, Einsatz, Nachweis, Profil, Sprachkenntnis, Verfuegbarkeit
from .nachweise import VORWARNUNG

#: new needs named per person and digest
NEUE_BEDARFE_HOECHSTENS = 5


class Slot(NamedTuple):
    """A weekly time slot as plain values (``gemeinsame_zeit`` reads these three)."""

    wochentag: int
    von: object
    bis: object


@dataclass
class _Suchend:
    """An active profile as plain values: where it looks, when it has time, what it speaks.
    A chunk's profiles are read in five flat queries, without model instances per row:
    matching 50 profiles against hundreds of new needs must stay cheap."""

    person_id: int
    heimatbezirk_id: int | None
    regionen: list = field(default_factory=list)  # home region and preferred regions
    zeiten: list = field(default_factory=list)
    sprachen: dict = field(default_factory=dict)  # language id: level
    interessen: set = field(default_factory=set)
    gebiete: set = field(default_factory=set)


def _suchende(personen) -> dict:
    """Per person id, the active profile of the chunk's volunteers (five queries)."""
    profile = {
        profil_id: _Suchend(person_id, bezirk_id, [region_id] if region_id else [])
        for profil_id, person_id, bezirk_id, region_id in Profil.objects.filter(
            person__in=personen, status=Profil.Status.AKTIV
        ).values_list("pk", "person_id", "heimatbezirk_id", "heimatbezirk__region_id")
    }
    for profil_id, region_id in Profil.bevorzugte_regionen.through.objects.filter(
        profil_id__in=profile
    ).values_list("profil_id", "region_id"):
        profile[profil_id].regionen.append(region_id)
    for profil_id, *slot in (
        Verfuegbarkeit.objects.filter(profil_id__in=profile)
        .order_by("wochentag", "von")
        .values_list("profil_id", "wochentag", "von", "bis")
    ):
        profile[profil_id].zeiten.append(Slot(*slot))
    for profil_id, sprache_id, niveau in Sprachkenntnis.objects.filter(
        profil_id__in=profile
    ).values_list("profil_id", "sprache_id", "niveau"):
        profile[profil_id].sprachen[sprache_id] = niveau
    for profil_id, feld_id in Profil.interessen.through.objects.filter(
        profil_id__in=profile
    ).values_list("profil_id", "taetigkeitsfeld_id"):
        profile[profil_id].interessen.add(feld_id)
    return {suchend.person_id: suchend for suchend in profile.values()}


def _einzugsgebiete(suchende) -> None:
    """Sets on each profile the path prefixes of the areas it looks in: the nearest city at
    or above its home and preferred regions, as matching does (two queries)."""
    start = {pk for s in suchende for pk in s.regionen}
    pfade = dict(Region.objects.filter(pk__in=start).values_list("pk", "pfad"))
    kette_ids = {int(t) for pfad in pfade.values() for t in pfad.strip("/").split("/") if t}
    kette = {r.pk: r for r in Region.objects.filter(pk__in=kette_ids)}

    def gebiet(region_id) -> str:
        ids = [int(t) for t in pfade[region_id].strip("/").split("/") if t]
        staedte = [kette[i] for i in reversed(ids) if kette[i].art == Region.Art.STADT]
        return (staedte[0] if staedte else kette[ids[0]]).pfad

    for suchend in suchende:
        suchend.gebiete = {gebiet(r) for r in suchend.regionen}


@dataclass
class _Neu:
    """A new need as plain values, read once per chunk in three flat queries."""

    pk: int
    titel: str
    anbieter: str
    pfad: str
    unterkunft_id: int | None
    bezirk_id: int | None
    feld_id: int
    feld: str
    fenster: list = field(default_factory=list)
    sprachen: list = field(default_factory=list)  # (id, name)


def _punkte(suchend: _Suchend, neu: _Neu):
    """``(points, common time)`` when the times fit, else None. A point per reason: each
    shared language, the time, an interest, the home district."""
    zeit = gemeinsame_zeit(suchend.zeiten, neu.fenster)
    if neu.fenster and not zeit:
        return None
    punkte = 1 + sum(1 for pk, _name in neu.sprachen if pk in suchend.sprachen)
    punkte += neu.feld_id in suchend.interessen
    punkte += bool(neu.bezirk_id) and neu.bezirk_id == suchend.heimatbezirk_id
    return punkte, zeit


def _gruende(suchend: _Suchend, neu: _Neu, zeit) -> str:
    """The reasons in words, for the few needs that make it into the mail."""
    return " · ".join(
        passt_ihnen(
            sprachen=[
                (name, Sprachkenntnis.Niveau(suchend.sprachen[pk]).label)
                for pk, name in neu.sprachen
                if pk in suchend.sprachen
            ],
            zeit=zeit,
            feste_zeiten=bool(neu.fenster),
            feld=neu.feld if neu.feld_id in suchend.interessen else None,
            im_bezirk=bool(neu.bezirk_id) and neu.bezirk_id == suchend.heimatbezirk_id,
        )
    )


def _neue_im_gebiet(zeitraum_, suchende) -> list[_Neu]:
    """The period's open needs where the chunk's volunteers look, newest first."""
    neu = Bedarf.objects.oeffentlich().filter(
        created_at__gte=zeitraum_.von, created_at__lt=zeitraum_.bis
    )
    if all(s.gebiete for s in suchende):
        # only the areas the chunk's volunteers look in (a chunk holds neighbours)
        pfade = {pfad for s in suchende for pfad in s.gebiete}
        neu = neu.filter(region__in=Region.objects.subtree_of(pfade))
    bedarfe = {
        z[0]: _Neu(*z[:3], z[3] or "", *z[4:])
        for z in neu.order_by("-created_at").values_list(
            "pk",
            "titel",
            Coalesce("unterkunft__name", "organisation__name"),
            "region__pfad",
            "unterkunft_id",
            "bezirk_id",
            "taetigkeitsfeld_id",
            "taetigkeitsfeld__name",
        )
    }
    for bedarf_id, *slot in (
        Zeitfenster.objects.filter(bedarf_id__in=bedarfe)
        .order_by("pk")
        .values_list("bedarf_id", "wochentag", "von", "bis")
    ):
        bedarfe[bedarf_id].fenster.append(Slot(*slot))
    for bedarf_id, sprache_id, name in Bedarf.sprachen.through.objects.filter(
        bedarf_id__in=bedarfe
    ).values_list("bedarf_id", "sprache_id", "sprache__name"):
        bedarfe[bedarf_id].sprachen.append((sprache_id, name))
    return list(bedarfe.values())


class _Vorauswahl:
    """The chunk's new needs indexed by area and weekday, so a profile is only compared
    with needs in its areas on days it has time (or without fixed days)."""

    def __init__(self, neu: list[_Neu], suchende):
        gebiete = {g for s in suchende for g in s.gebiete}
        self.im_gebiet = {
            g: {i for i, n in enumerate(neu) if n.pfad.startswith(g)} for g in gebiete
        }
        self.am_tag = {tag: set() for tag in range(7)}
        self.flexibel = set()
        for i, n in enumerate(neu):
            for slot in n.fenster:
                self.am_tag[slot.wochentag].add(i)
            if not n.fenster:
                self.flexibel.add(i)
        self.alle = set(range(len(neu)))

    def fuer(self, suchend: _Suchend) -> list[int]:
        """Numbers of the needs worth comparing, in the order of ``neu`` (newest first)."""
        ort = (
            set().union(*(self.im_gebiet[g] for g in suchend.gebiete))
            if suchend.gebiete
            else self.alle
        )
        zeit = self.flexibel.union(*(self.am_tag[z.wochentag] for z in suchend.zeiten))
        return sorted(ort & zeit)


def neue_bedarfe(personen, zeitraum_) -> dict:
    """Needs and calls posted in the period that fit the volunteer's place and time, with the
    reasons; those applied to or at a shelter with a ban are left out."""
    suchende = _suchende(personen)
    if not suchende:
        return {}
    _einzugsgebiete(suchende.values())
    neu = _neue_im_gebiet(zeitraum_, suchende.values())
    if not neu:
        return {}
    beworben = set(
        Bewerbung.objects.filter(person__in=suchende, bedarf__in=[n.pk for n in neu]).values_list(
            "person_id", "bedarf_id"
        )
    )
    gesperrt = set(
        Hausverbot.objects.filter(person__in=suchende)
        .aktiv(zeitraum_.stichtag)
        .values_list("person_id", "unterkunft_id")
    )
    vorauswahl = _Vorauswahl(neu, suchende.values())
    link = link_vorlage("unterkuenfte:bedarf")
    ergebnis = {}
    for person_id, suchend in suchende.items():
        treffer = []
        for nummer in vorauswahl.fuer(suchend):
            n = neu[nummer]
            if (person_id, n.pk) in beworben or (person_id, n.unterkunft_id) in gesperrt:
                continue
            passt = _punkte(suchend, n)
            if passt:
                # the newest first among equal points
                treffer.append((-passt[0], nummer, n, passt[1]))
        if treffer:
            treffer.sort(key=lambda t: t[:2])
            ergebnis[person_id] = [
                Abschnitt(
                    _("Neue Bedarfe, die zu Ihnen passen"),
                    [
                        Eintrag(f"{n.titel} · {n.anbieter}", link(n.pk), _gruende(suchend, n, zeit))
                        for _p, _i, n, zeit in treffer[:NEUE_BEDARFE_HOECHSTENS]
                    ],
                )
            ]
    return ergebnis


def laufende_einsaetze(personen, zeitraum_) -> dict:
    einsaetze = (
        Einsatz.objects.filter(person__in=personen, status=Einsatz.Status.AKTIV)
        .select_related("bedarf", "unterkunft", "organisation")
        .prefetch_related("bedarf__zeitfenster")
        .order_by("beginn")
    )
    return {
        person_id: [
            Abschnitt(
                _("Ihre Einsätze"),
                [
                    Eintrag(
                        f"{e.bedarf.titel} · {e.anbieter.name}",
                        absolut(reverse("freiwillige:einsatz", args=[e.pk])),
                        ", ".join(str(z) for z in e.bedarf.zeitfenster.all()),
                    )
                    for e in liste
                ],
            )
        ]
        for person_id, liste in gruppiert((e.person_id, e) for e in einsaetze).items()
    }


def ablaufende_nachweise(personen, zeitraum_) -> dict:
    """Checks whose newest record falls due within the next 30 days (an overdue one is named
    where it matters: when a coordination accepts an application)."""
    stichtag = zeitraum_.stichtag
    neueste = {}
    for nachweis in (
        Nachweis.objects.filter(person__in=personen)
        .select_related("art")
        .order_by("person_id", "art_id", "-eingesehen_am", "-pk")
    ):
        neueste.setdefault((nachweis.person_id, nachweis.art_id), nachweis)
    faellig = [
        n
        for n in neueste.values()
        if n.faellig_am
        and stichtag <= n.faellig_am <= stichtag + VORWARNUNG
        and n.ergebnis != Nachweis.Ergebnis.NICHT_ERFUELLT
    ]
    link = absolut(reverse("freiwillige:profil"))
    return {
        person_id: [
            Abschnitt(
                _("Nachweise, die bald ablaufen"),
                [
                    Eintrag(
                        n.art.name,
                        link,
                        _("bis %(datum)s erneut vorzulegen")
                        % {"datum": date_format(n.faellig_am, "SHORT_DATE_FORMAT")},
                    )
                    for n in liste
                ],
            )
        ]
        for person_id, liste in gruppiert((n.person_id, n) for n in faellig).items()
    }


def veranstaltungen_im_bezirk(personen, zeitraum_) -> dict:
    """Public events of the network in the coming two weeks in the volunteer's district."""
    from netzwerk.models import Veranstaltung

    profile = {
        p.person_id: p.heimatbezirk_id
        for p in Profil.objects.filter(
            person__in=personen, status=Profil.Status.AKTIV, heimatbezirk__isnull=False
        )
    }
    if not profile:
        return {}
    veranstaltungen = gruppiert(
        (v.bezirk_id, v)
        for v in Veranstaltung.objects.filter(
            veroeffentlicht=True,
            abgesagt=False,
            oeffentlich=True,
            bezirk_id__in=set(profile.values()),
            beginn__gte=zeitraum_.bis,
            beginn__lt=zeitraum_.bis + timedelta(days=14),
        ).order_by("beginn")
    )
    ergebnis = {}
    for person_id, bezirk_id in profile.items():
        liste = veranstaltungen.get(bezirk_id)
        if liste:
            ergebnis[person_id] = [
                Abschnitt(
                    _("Veranstaltungen in Ihrem Bezirk"),
                    [
                        Eintrag(
                            v.text("titel").text,
                            absolut(reverse("netzwerk:veranstaltung", args=[v.pk])),
                            date_format(timezone.localtime(v.beginn), "SHORT_DATETIME_FORMAT"),
                        )
                        for v in liste
                    ],
                )
            ]
    return ergebnis


def _neueste(nachweise):
    """Only the newest record per person and kind: an older one was renewed."""
    neuer = Nachweis.objects.filter(person=OuterRef("person"), art=OuterRef("art")).filter(
        Q(eingesehen_am__gt=OuterRef("eingesehen_am"))
        | Q(eingesehen_am=OuterRef("eingesehen_am"), pk__gt=OuterRef("pk"))
    )
    return nachweise.exclude(Exists(neuer))


def _faellig_text(nachweis, stichtag) -> str:
    datum = date_format(nachweis.faellig_am, "SHORT_DATE_FORMAT")
    if nachweis.faellig_am < stichtag:
        return _("abgelaufen am %(datum)s") % {"datum": datum}
    return _("bis %(datum)s erneut vorzulegen") % {"datum": datum}


def nachweise_der_helfenden(personen, zeitraum_) -> dict:
    """For the coordination: people active at its shelters or calls whose checks ran out or
    fall due within 30 days, so the renewal is asked for in time."""
    koordination = koordiniert(personen)
    if (eigene := bei_postern(koordination)) is None:
        return {}
    einsaetze = list(
        Einsatz.objects.filter(
            eigene,
            status=Einsatz.Status.AKTIV,
        ).values_list("person_id", "unterkunft_id", "organisation_id")
    )
    stichtag = zeitraum_.stichtag
    faellig = gruppiert(
        (n.person_id, n)
        for n in _neueste(
            Nachweis.objects.filter(
                person_id__in={e[0] for e in einsaetze},
                faellig_am__lte=stichtag + VORWARNUNG,
            )
        )
        .exclude(ergebnis=Nachweis.Ergebnis.NICHT_ERFUELLT)
        .select_related("art", "person__profil")
        .order_by("faellig_am", "pk")
    )
    zeilen = [
        (("u", u) if u else ("o", o), nachweis)
        for person_id, u, o in einsaetze
        for nachweis in faellig.get(person_id, [])
    ]
    zugeteilt = fuer_koordination(personen, koordination, zeilen, lambda z: z[0])
    return {
        person_id: [
            Abschnitt(
                _("Nachweise Ihrer Freiwilligen, die ablaufen"),
                [
                    Eintrag(
                        f"{n.person.anzeigename} · {n.art.name}",
                        absolut(reverse("freiwillige:person", args=[n.person.profil.pk])),
                        _faellig_text(n, stichtag),
                    )
                    # one line per record, even where the person helps at two of one's places
                    for n in dict.fromkeys(n for _poster, n in liste)
                ],
            )
        ]
        for person_id, liste in zugeteilt.items()
    }


def nachweis_in_30_tagen(heute) -> list[Erinnerung]:
    """The reminder to the volunteer: a check falls due in 30 days (one query)."""
    faellig_am = heute + VORWARNUNG
    return [
        Erinnerung(
            n.person_id,
            "erinnerung_nachweis",
            f"nachweis-{n.pk}-{faellig_am.isoformat()}",
            n,
            {"art": n.art.name, "datum": date_format(faellig_am, "SHORT_DATE_FORMAT")},
        )
        for n in _neueste(Nachweis.objects.filter(faellig_am=faellig_am))
        .exclude(ergebnis=Nachweis.Ergebnis.NICHT_ERFUELLT)
        .filter(person__is_active=True)
        .select_related("art")
    ]


def wartende_bewerbungen(personen, zeitraum_) -> dict:
    """Applications waiting for a decision at the shelters and organisations one runs."""
    koordination = koordiniert(personen)
    if (eigene := bei_postern(koordination, "bedarf__")) is None:
        return {}
    bewerbungen = list(
        Bewerbung.objects.wartend()
        .filter(eigene)
        .select_related("person", "bedarf")
        .order_by("created_at")
    )
    zugeteilt = fuer_koordination(
        personen, koordination, bewerbungen, lambda b: poster_schluessel(b.bedarf)
    )
    return {
        person_id: [
            Abschnitt(
                _("Bewerbungen, die auf Ihre Entscheidung warten"),
                [
                    Eintrag(
                        f"{b.person.anzeigename} · {b.bedarf.titel}",
                        absolut(reverse("freiwillige:bewerbung", args=[b.pk])),
                        _("seit %(datum)s")
                        % {
                            "datum": date_format(
                                timezone.localtime(b.created_at), "SHORT_DATE_FORMAT"
                            )
                        },
                    )
                    for b in liste
                ],
            )
        ]
        for person_id, liste in zugeteilt.items()
    }


ABSCHNITTE = (
    wartende_bewerbungen,
    nachweise_der_helfenden,
    neue_bedarfe,
    laufende_einsaetze,
    ablaufende_nachweise,
    veranstaltungen_im_bezirk,
)
ERINNERUNGEN = (nachweis_in_30_tagen,)
