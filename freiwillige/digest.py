"""Digest sections of volunteers (new needs and calls that fit them, their assignments,
checks about to expire, public events in their district) and of whoever decides on
applications (the ones waiting)."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.digest import Abschnitt, Eintrag, Erinnerung, absolut, gruppiert
from regionen.models import Region
from unterkuenfte.digest import fuer_koordination, koordiniert, poster_ids
from unterkuenfte.models import Bedarf, Hausverbot

from .gruende import gemeinsame_zeit, zeitraum
from .models import Bewerbung, Einsatz, Nachweis, Profil
from .nachweise import VORWARNUNG

#: new needs named per person and digest
NEUE_BEDARFE_HOECHSTENS = 5


def _profile(personen) -> dict:
    """Active profiles of the chunk with what fitting needs asks, in five queries."""
    return {
        p.person_id: p
        for p in Profil.objects.filter(person__in=personen, status=Profil.Status.AKTIV)
        .select_related("heimatbezirk")
        .prefetch_related(
            "sprachkenntnisse", "interessen", "verfuegbarkeiten", "bevorzugte_regionen"
        )
    }


def _einzugsgebiete(profile) -> dict:
    """Per profile, the path prefixes of the areas it looks in: the nearest city at or above
    its home and preferred regions, as matching does (one query for every chain)."""
    regionen_je_profil = {
        p.pk: [r.pk for r in p.bevorzugte_regionen.all()]
        + ([p.heimatbezirk.region_id] if p.heimatbezirk_id else [])
        for p in profile
    }
    start = {pk for liste in regionen_je_profil.values() for pk in liste}
    pfade = dict(Region.objects.filter(pk__in=start).values_list("pk", "pfad"))
    kette_ids = {int(t) for pfad in pfade.values() for t in pfad.strip("/").split("/") if t}
    kette = {r.pk: r for r in Region.objects.filter(pk__in=kette_ids)}

    def gebiet(region_id) -> str:
        ids = [int(t) for t in pfade[region_id].strip("/").split("/") if t]
        staedte = [kette[i] for i in reversed(ids) if kette[i].art == Region.Art.STADT]
        return (staedte[0] if staedte else kette[ids[0]]).pfad

    return {pk: {gebiet(r) for r in liste} for pk, liste in regionen_je_profil.items()}


def _passt(profil, gebiete, bedarf) -> list[str] | None:
    """Reasons a new need fits the profile, or None when it does not (place or time)."""
    if gebiete is not None and not any(bedarf.region.pfad.startswith(g) for g in gebiete):
        return None
    fenster = list(bedarf.zeitfenster.all())
    zeit = gemeinsame_zeit(list(profil.verfuegbarkeiten.all()), fenster)
    if fenster and not zeit:
        return None
    gruende = []
    sprachen = {k.sprache_id for k in profil.sprachkenntnisse.all()}
    gruende += [
        _("Sie sprechen %(sprache)s") % {"sprache": s.name}
        for s in bedarf.sprachen.all()
        if s.pk in sprachen
    ]
    gruende.append(zeitraum(*zeit) if zeit else _("Zeit nach Absprache"))
    if bedarf.taetigkeitsfeld_id in {f.pk for f in profil.interessen.all()}:
        gruende.append(_("Ihr Interesse: %(feld)s") % {"feld": bedarf.taetigkeitsfeld.name})
    if bedarf.bezirk_id and bedarf.bezirk_id == profil.heimatbezirk_id:
        gruende.append(_("in Ihrem Bezirk"))
    return gruende


def neue_bedarfe(personen, zeitraum_) -> dict:
    """Needs and calls posted in the period that fit the volunteer's place and time, with the
    reasons; those applied to or at a shelter with a ban are left out."""
    profile = _profile(personen)
    if not profile:
        return {}
    gebiete = _einzugsgebiete(profile.values())
    neu = Bedarf.objects.oeffentlich().filter(
        created_at__gte=zeitraum_.von, created_at__lt=zeitraum_.bis
    )
    if all(gebiete.values()):
        # only the areas the chunk's volunteers look in (a chunk holds neighbours)
        pfade = {pfad for liste in gebiete.values() for pfad in liste}
        neu = neu.filter(region__in=Region.objects.subtree_of(pfade))
    neu = list(
        neu.select_related("unterkunft", "organisation", "region", "bezirk", "taetigkeitsfeld")
        .prefetch_related("sprachen", "zeitfenster")
        .order_by("-created_at")
    )
    if not neu:
        return {}
    beworben = set(
        Bewerbung.objects.filter(person__in=profile, bedarf__in=neu).values_list(
            "person_id", "bedarf_id"
        )
    )
    gesperrt = set(
        Hausverbot.objects.filter(person__in=profile)
        .aktiv(zeitraum_.stichtag)
        .values_list("person_id", "unterkunft_id")
    )
    ergebnis = {}
    for person_id, profil in profile.items():
        treffer = []
        for bedarf in neu:
            if (person_id, bedarf.pk) in beworben or (person_id, bedarf.unterkunft_id) in gesperrt:
                continue
            gruende = _passt(profil, gebiete.get(profil.pk) or None, bedarf)
            if gruende is not None:
                treffer.append((len(gruende), bedarf, gruende))
        treffer.sort(key=lambda t: -t[0])
        if treffer:
            ergebnis[person_id] = Abschnitt(
                _("Neue Bedarfe, die zu Ihnen passen"),
                [
                    Eintrag(
                        f"{b.titel} · {b.anbieter.name}",
                        absolut(reverse("unterkuenfte:bedarf", args=[b.pk])),
                        " · ".join(gruende),
                    )
                    for _n, b, gruende in treffer[:NEUE_BEDARFE_HOECHSTENS]
                ],
            )
    return ergebnis


def laufende_einsaetze(personen, zeitraum_) -> dict:
    einsaetze = (
        Einsatz.objects.filter(person__in=personen, status=Einsatz.Status.AKTIV)
        .select_related("bedarf", "unterkunft", "organisation")
        .prefetch_related("bedarf__zeitfenster")
        .order_by("beginn")
    )
    return {
        person_id: Abschnitt(
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
        person_id: Abschnitt(
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
            ergebnis[person_id] = Abschnitt(
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
    alle_u, alle_o = poster_ids(koordination)
    if not alle_u and not alle_o:
        return {}
    einsaetze = list(
        Einsatz.objects.filter(
            Q(unterkunft_id__in=alle_u) | Q(organisation_id__in=alle_o),
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
        person_id: Abschnitt(
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
    alle_u, alle_o = poster_ids(koordination)
    if not alle_u and not alle_o:
        return {}
    bewerbungen = list(
        Bewerbung.objects.filter(
            Q(bedarf__unterkunft_id__in=alle_u) | Q(bedarf__organisation_id__in=alle_o),
            status__in=Bewerbung.WARTEND,
        )
        .select_related("person", "bedarf")
        .order_by("created_at")
    )
    zugeteilt = fuer_koordination(
        personen,
        koordination,
        bewerbungen,
        lambda b: (
            ("u", b.bedarf.unterkunft_id)
            if b.bedarf.unterkunft_id
            else ("o", b.bedarf.organisation_id)
        ),
    )
    return {
        person_id: Abschnitt(
            _("Bewerbungen, die auf Ihre Entscheidung warten"),
            [
                Eintrag(
                    f"{b.person.anzeigename} · {b.bedarf.titel}",
                    absolut(reverse("freiwillige:bewerbung", args=[b.pk])),
                    _("seit %(datum)s")
                    % {"datum": date_format(timezone.localtime(b.created_at), "SHORT_DATE_FORMAT")},
                )
                for b in liste
            ],
        )
        for person_id, liste in zugeteilt.items()
    }


ABSCHNITTE = [
    wartende_bewerbungen,
    nachweise_der_helfenden,
    neue_bedarfe,
    laufende_einsaetze,
    ablaufende_nachweise,
    veranstaltungen_im_bezirk,
]
ERINNERUNGEN = [nachweis_in_30_tagen]
