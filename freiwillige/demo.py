"""About 500 demo volunteers with languages, weekly times and checks in every state, and
applications and assignments in every state, with history and hours.

Planned from ``random.Random(SEED)``; rows are written only for volunteers created in this
run, so running the demo again leaves the same state. Names are invented and include
Arabic and Cyrillic script, as the people on the platform write them.
"""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db.models import Count, F, Q
from django.utils import timezone

from common.models import Sprache
from common.scoping import grants_by_object
from konten import roles
from konten.demo import demo_konto
from konten.models import User
from netzwerk.services import kontaktpersonen
from regionen.models import Bezirk
from unterkuenfte.demo import _konten_anlegen
from unterkuenfte.models import (
    Anforderungsart,
    Bedarf,
    Taetigkeitsfeld,
    Unterkunft,
)
from unterkuenfte.permissions import KOORDINIEREN

from .erklaerungen import aktuelle_erklaerungen
from .models import (
    Bewerbung,
    Einsatz,
    Nachweis,
    Profil,
    Sprachkenntnis,
    Stundeneintrag,
    Verfuegbarkeit,
    Verlaufseintrag,
    Zustimmung,
)
from .nachweise import faellig_am

SEED = 4711
ANZAHL = 500
PERSONA_EMAIL = "freiwillig@demo.invalid"

VORNAMEN = [
    "Anna",
    "Jonas",
    "Leonie",
    "Paul",
    "Marie",
    "Lukas",
    "Sophie",
    "Ben",
    "Hannah",
    "Felix",
    "Aylin",
    "Mehmet",
    "Zeynep",
    "Emre",
    "Fatima",
    "Omar",
    "Layla",
    "Yusuf",
    "Amira",
    "Karim",
    "Olena",
    "Dmytro",
    "Iryna",
    "Andrij",
    "Natalia",
    "Sara",
    "Reza",
    "Shirin",
    "Dariush",
    "Mina",
    "Abdi",
    "Hodan",
    "Tesfaye",
    "Selam",
    "Jana",
    "Tobias",
    "Clara",
    "Moritz",
    "Ida",
]
NACHNAMEN = [
    "Schulz",
    "Becker",
    "Wagner",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Neumann",
    "Yılmaz",
    "Demir",
    "Kaya",
    "Haddad",
    "Khalil",
    "Nasser",
    "Shevchenko",
    "Bondarenko",
    "Kovalenko",
    "Rahimi",
    "Ahmadi",
    "Karimi",
    "Mohamed",
    "Warsame",
    "Tesfay",
    "Lehmann",
]
#: names as their bearers write them (the activity certificate must print them right)
EIGENE_SCHRIFT = ["سارة أحمد", "محمد الخطيب", "Олена Петренко", "Дмитро Коваль", "یاسمن رضایی"]

#: ISO code: weight, in addition to German which almost everyone speaks
SPRACHEN = {
    "ar": 14,
    "fa": 10,
    "uk": 12,
    "ru": 10,
    "tr": 10,
    "en": 25,
    "ku": 4,
    "ti": 3,
    "so": 3,
    "fr": 8,
    "ps": 3,
    "prs": 3,
}


def _zeit(rng):
    tag = rng.randrange(7)
    beginn = rng.choice([9, 10, 14, 15, 16, 17, 18])
    return tag, time(beginn), time(min(beginn + rng.choice([2, 2, 3, 4]), 21))


def _ohne_ueberschneidung(slots):
    """Drops slots that overlap an earlier one of the same day (the form would refuse them)."""
    behalten = []
    for tag, von, bis in sorted(slots):
        if not any(t == tag and von < b and v < bis for t, v, b in behalten):
            behalten.append((tag, von, bis))
    return behalten


def _plane_person(rng, n, bezirke, felder):
    if n < len(EIGENE_SCHRIFT):
        name = EIGENE_SCHRIFT[n]
    else:
        name = f"{rng.choice(VORNAMEN)} {rng.choice(NACHNAMEN)}"
    sprachen = {"de": rng.choice([4, 4, 4, 3, 3, 2])}
    for code in rng.sample(list(SPRACHEN), k=rng.choice([0, 1, 1, 2])):
        sprachen[code] = rng.choice([1, 2, 3, 4, 4])
    return {
        "email": f"freiwillige-{n:03}@demo.invalid",
        "anzeigename": name,
        "bezirk": rng.choice(bezirke),
        "status": rng.choices(["aktiv", "pausiert", "beendet"], weights=[88, 8, 4])[0],
        "geburtsjahr": rng.randint(1952, 2006),
        "sprachen": sprachen,
        "zeiten": _ohne_ueberschneidung([_zeit(rng) for _ in range(rng.choice([1, 2, 2, 3]))]),
        "interessen": rng.sample(felder, k=rng.choice([1, 2, 3])),
        # days since the police clearance was issued; None: none presented (yet)
        "fz_alter": rng.choice([None, None, 40, 200, 600, 1200, 1790, 1850, 2100]),
    }


def _nachweis(person, art, heute, alter, gesehen_von):
    ausgestellt = heute - timedelta(days=alter)
    nachweis = Nachweis(
        person=person,
        art=art,
        ausgestellt_am=ausgestellt,
        eingesehen_am=min(heute, ausgestellt + timedelta(days=20)),
        eingesehen_von=gesehen_von,
    )
    nachweis.faellig_am = faellig_am(nachweis)
    return nachweis


def _profile_anlegen(plaene, personen, bezirke, heute):
    """Profiles with languages, times, interests, consent and checks, for new people only."""
    sprachen = {s.code: s for s in Sprache.objects.filter(code__in=[*SPRACHEN, "de"])}
    felder = {f.slug: f for f in Taetigkeitsfeld.objects.all()}
    fz = Anforderungsart.objects.get(slug="fuehrungszeugnis")
    masern = Anforderungsart.objects.get(slug="masernschutz")
    profile = Profil.objects.bulk_create(
        Profil(
            person=personen[p["email"]],
            status=p["status"],
            geburtsjahr=p["geburtsjahr"],
            heimatbezirk=bezirke[p["bezirk"]],
        )
        for p in plaene
    )
    zeilen = {"sprachen": [], "zeiten": [], "interessen": [], "nachweise": []}
    durchgang = Profil.interessen.through
    for profil, p in zip(profile, plaene, strict=True):
        zeilen["sprachen"] += [
            Sprachkenntnis(profil=profil, sprache=sprachen[code], niveau=niveau)
            for code, niveau in p["sprachen"].items()
        ]
        zeilen["zeiten"] += [
            Verfuegbarkeit(profil=profil, wochentag=tag, von=von, bis=bis)
            for tag, von, bis in p["zeiten"]
        ]
        zeilen["interessen"] += [
            durchgang(profil=profil, taetigkeitsfeld=felder[slug]) for slug in p["interessen"]
        ]
        if p["fz_alter"] is not None:
            zeilen["nachweise"].append(_nachweis(profil.person, fz, heute, p["fz_alter"], None))
        if p["geburtsjahr"] >= 1971 and p["fz_alter"] is not None:
            zeilen["nachweise"].append(_nachweis(profil.person, masern, heute, 3000, None))
    Sprachkenntnis.objects.bulk_create(zeilen["sprachen"])
    Verfuegbarkeit.objects.bulk_create(zeilen["zeiten"])
    durchgang.objects.bulk_create(zeilen["interessen"])
    Nachweis.objects.bulk_create(zeilen["nachweise"])
    Zustimmung.objects.bulk_create(
        Zustimmung(person=profil.person, erklaerung=erklaerung)
        for profil in profile
        for erklaerung in aktuelle_erklaerungen()
    )
    return profile


#: (application status, assignment status or None, weight)
VERLAEUFE = [
    ("offen", None, 30),
    ("rueckfrage", None, 6),
    ("abgelehnt", None, 8),
    ("zurueckgezogen", None, 6),
    ("angenommen", "aktiv", 30),
    ("angenommen", "pausiert", 5),
    ("angenommen", "beendet", 10),
]
NOTIZEN = {
    "rueckfrage": "Können Sie auch dienstags? Dann passt es besser zu unserem Team.",
    "abgelehnt": "Danke für Ihr Interesse! Die Plätze sind leider schon vergeben.",
}


def _anbieter_id(zeile):
    """Key of the ``koordination`` map: a call site passes needs of shelters only or of
    organisations only, so the two kinds of id never share a map."""
    return zeile.unterkunft_id or zeile.organisation_id


def _belegte_plaetze() -> dict:
    """Need id -> places taken by assignments that have not ended."""
    return dict(
        Einsatz.objects.exclude(status="beendet")
        .values("bedarf")
        .annotate(n=Count("pk"))
        .values_list("bedarf", "n")
    )


def _eine_koordination(unterkuenfte) -> dict:
    """Per shelter id, one of its coordinators (the longest-standing account): who answers
    the demo applications."""
    je_unterkunft = grants_by_object(Unterkunft, unterkuenfte, KOORDINIEREN)
    personen = User.objects.in_bulk({p for ids in je_unterkunft.values() for p in ids})
    return {u: personen[min(ids)] for u, ids in je_unterkunft.items()}


def _bewerbungen_anlegen(rng, personen, bedarfe, koordination, heute):
    """Applications (with history), assignments and hours for the given people. A need's
    places are respected as the coordination's acceptance does: once they are taken, a
    further application is declined ("Die Plätze sind leider schon vergeben.")."""
    jetzt = timezone.now()
    belegt = _belegte_plaetze()
    plan = []
    for person in personen:
        for bedarf in rng.sample(bedarfe, k=rng.choice([0, 1, 1, 2])):
            status, einsatz, _w = rng.choices(VERLAEUFE, weights=[v[2] for v in VERLAEUFE])[0]
            if einsatz and einsatz != "beendet":
                if belegt.get(bedarf.pk, 0) >= bedarf.anzahl_helfende:
                    status, einsatz = "abgelehnt", None
                else:
                    belegt[bedarf.pk] = belegt.get(bedarf.pk, 0) + 1
            plan.append((person, bedarf, status, einsatz))
    bewerbungen = Bewerbung.objects.bulk_create(
        Bewerbung(bedarf=b, person=p, status=s, nachricht="Ich würde gern helfen.")
        for p, b, s, _e in plan
    )
    verlauf, einsaetze = [], []
    for bewerbung, (person, bedarf, status, einsatz_status) in zip(bewerbungen, plan, strict=True):
        akteur = koordination.get(_anbieter_id(bedarf))
        verlauf.append(Verlaufseintrag(bewerbung=bewerbung, nach_status="offen", akteur=person))
        if status != "offen":
            verlauf.append(
                Verlaufseintrag(
                    bewerbung=bewerbung,
                    von_status="offen",
                    nach_status=status,
                    akteur=person if status == "zurueckgezogen" else akteur,
                    notiz=NOTIZEN.get(status, ""),
                )
            )
        if einsatz_status:
            # some days after the need was posted
            gepostet = timezone.localtime(bedarf.created_at).date()
            frueheste = min(gepostet + timedelta(days=rng.randint(1, 14)), heute)
            beginn = max(heute - timedelta(days=rng.randint(20, 300)), frueheste)
            einsaetze.append(
                Einsatz(
                    bewerbung=bewerbung,
                    person=person,
                    bedarf=bedarf,
                    unterkunft=bedarf.unterkunft,
                    organisation=bedarf.organisation,
                    status=einsatz_status,
                    beginn=beginn,
                    ende=heute - timedelta(days=3) if einsatz_status == "beendet" else None,
                )
            )
    Verlaufseintrag.objects.bulk_create(verlauf)
    einsaetze = Einsatz.objects.bulk_create(einsaetze)
    _angenommen_am_beginn(einsaetze)
    stunden = []
    for einsatz in einsaetze:
        akteur = koordination.get(_anbieter_id(einsatz))
        for woche in range(rng.randint(1, 6)):
            bestaetigt = woche > 0 and akteur is not None
            stunden.append(
                Stundeneintrag(
                    einsatz=einsatz,
                    datum=min(heute, einsatz.beginn + timedelta(days=7 * woche + 1)),
                    stunden=Decimal(rng.choice(["1.5", "2", "2", "3", "4"])),
                    taetigkeit=einsatz.bedarf.titel,
                    erfasst_von=einsatz.person,
                    bestaetigt_von=akteur if bestaetigt else None,
                    bestaetigt_am=jetzt if bestaetigt else None,
                )
            )
    Stundeneintrag.objects.bulk_create(stunden)
    return einsaetze


def _angenommen_am_beginn(einsaetze):
    """An assignment's row dates from its acceptance, on the day it began: the report's
    days from posting until a need was filled read it."""
    for einsatz in einsaetze:
        angenommen = timezone.make_aware(datetime.combine(einsatz.beginn, time(9)))
        Einsatz.objects.filter(pk=einsatz.pk).update(created_at=angenommen)


def _plaetze_zaehlen():
    """Counts accepted helpers per need again, as the services keep them; a need whose
    places are all taken leaves the board."""
    zahlen = (
        Bedarf.objects.filter(einsaetze__isnull=False)
        .annotate(n=Count("einsaetze", filter=~Q(einsaetze__status="beendet"), distinct=True))
        .values_list("pk", "n")
    )
    for pk, n in zahlen:
        Bedarf.objects.filter(pk=pk).update(anzahl_besetzt=n)
    Bedarf.objects.filter(status="offen", anzahl_besetzt__gte=F("anzahl_helfende")).update(
        status="besetzt"
    )


def _persona_anlegen(kontext, heute, bezirke):
    """Finn: lives in Pankow, speaks Arabic, one assignment running, one application waiting
    at the demo coordinator's shelter."""
    finn = demo_konto(kontext, PERSONA_EMAIL, "Finn Freiwillig")
    roles.rolle("freiwillige").grant(finn)
    if Profil.objects.filter(person=finn).exists():
        return finn, False
    pankow = Bezirk.objects.filter(slug="pankow").first() or next(iter(bezirke.values()))
    profil = Profil.objects.create(person=finn, geburtsjahr=1990, heimatbezirk=pankow)
    profil.sprachkenntnisse.create(sprache=Sprache.objects.get(code="ar"), niveau=4)
    profil.sprachkenntnisse.create(sprache=Sprache.objects.get(code="de"), niveau=3)
    profil.verfuegbarkeiten.create(wochentag=2, von=time(16), bis=time(19))
    profil.verfuegbarkeiten.create(wochentag=5, von=time(10), bis=time(14))
    profil.interessen.set(
        Taetigkeitsfeld.objects.filter(slug__in=["sprachmittlung", "deutschkurs"])
    )
    for erklaerung in aktuelle_erklaerungen():
        Zustimmung.objects.get_or_create(person=finn, erklaerung=erklaerung)
    fz = Anforderungsart.objects.get(slug="fuehrungszeugnis")
    _nachweis(finn, fz, heute, 120, None).save()
    return finn, True


def anlegen(kontext):
    rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not secrets
    heute = timezone.localdate()
    bezirke = {b.slug: b for b in Bezirk.objects.filter(region__slug__startswith="berlin")}
    felder = sorted(Taetigkeitsfeld.objects.values_list("slug", flat=True))
    plaene = [_plane_person(rng, n, sorted(bezirke), felder) for n in range(ANZAHL)]

    vorhanden = set(
        Profil.objects.filter(person__email__in=[p["email"] for p in plaene]).values_list(
            "person__email", flat=True
        )
    )
    personen = _konten_anlegen(plaene, make_password(kontext.passwort))
    rolle = roles.rolle("freiwillige")
    for person in personen.values():
        rolle.grant(person)
    neu = [p for p in plaene if p["email"] not in vorhanden]
    profile = _profile_anlegen(neu, personen, bezirke, heute)

    finn, finn_neu = _persona_anlegen(kontext, heute, bezirke)
    if not profile and not finn_neu:
        return

    elif_unterkunft = kontext.objekte.get("unterkunft_persona")
    elif_ = kontext.objekte.get("ehrenamtskoordination_persona")
    unterkuenfte = Unterkunft.objects.exclude(status=Unterkunft.Status.GESCHLOSSEN)
    koordination = _eine_koordination(unterkuenfte)
    bedarfe = list(
        Bedarf.objects.oeffentlich()
        .filter(unterkunft__isnull=False)
        .select_related("unterkunft", "taetigkeitsfeld")
        .prefetch_related("sprachen")
    )
    aktive = [p.person for p in profile if p.status == "aktiv"]
    # the demo coordinator's shelter gets a full inbox: a dozen people apply only there
    fuer_elif = aktive[:12] if elif_unterkunft is not None else []
    _bewerbungen_anlegen(rng, aktive[len(fuer_elif) :], bedarfe, koordination, heute)
    if fuer_elif:
        eigene = [b for b in bedarfe if b.unterkunft_id == elif_unterkunft.pk] or bedarfe[:1]
        _bewerbungen_anlegen(
            random.Random(SEED + 1),  # noqa: S311 - reproducible demo data
            fuer_elif,
            eigene,
            {elif_unterkunft.pk: elif_},
            heute,
        )
    _aufruf_bewerbungen(aktive[-10:], heute)
    if finn_neu:
        _finn_bewerbungen(finn, bedarfe, elif_unterkunft, koordination, heute)
    _plaetze_zaehlen()


def _aufruf_bewerbungen(personen, heute):
    """People answering the organisations' calls for helpers; their contacts decide."""
    aufrufe = list(
        Bedarf.objects.oeffentlich()
        .filter(organisation__isnull=False)
        .select_related("organisation", "taetigkeitsfeld")
    )
    kontakte = {a.organisation_id: kontaktpersonen(a.organisation).first() for a in aufrufe}
    if aufrufe:
        _bewerbungen_anlegen(
            random.Random(SEED + 2),  # noqa: S311 - reproducible demo data
            personen,
            aufrufe,
            kontakte,
            heute,
        )


def _finn_bewerbungen(finn, bedarfe, elif_unterkunft, koordination, heute):
    """An active assignment elsewhere (he sees its address) and one application at Elif's."""
    passend = [
        b
        for b in bedarfe
        if b.taetigkeitsfeld.slug in ("sprachmittlung", "deutschkurs")
        and {s.code for s in b.sprachen.all()} <= {"ar", "de"}
    ] or bedarfe
    belegt = _belegte_plaetze()
    seit = heute - timedelta(days=45)
    anderswo = next(
        b
        for b in passend
        if (elif_unterkunft is None or b.unterkunft_id != elif_unterkunft.pk)
        and belegt.get(b.pk, 0) < b.anzahl_helfende
        and timezone.localtime(b.created_at).date() <= seit
    )
    bewerbung = Bewerbung.objects.create(bedarf=anderswo, person=finn, status="angenommen")
    akteur = koordination.get(anderswo.unterkunft_id)
    Verlaufseintrag.objects.create(bewerbung=bewerbung, nach_status="offen", akteur=finn)
    Verlaufseintrag.objects.create(
        bewerbung=bewerbung, von_status="offen", nach_status="angenommen", akteur=akteur
    )
    einsatz = Einsatz.objects.create(
        bewerbung=bewerbung,
        person=finn,
        bedarf=anderswo,
        unterkunft=anderswo.unterkunft,
        beginn=seit,
    )
    _angenommen_am_beginn([einsatz])
    for tage, bestaetigt in ((40, True), (33, True), (5, False)):
        Stundeneintrag.objects.create(
            einsatz=einsatz,
            datum=heute - timedelta(days=tage),
            stunden=2,
            taetigkeit=anderswo.titel,
            erfasst_von=finn,
            bestaetigt_von=akteur if bestaetigt else None,
            bestaetigt_am=timezone.now() if bestaetigt else None,
        )
    if elif_unterkunft is not None:
        bei_elif = next(
            (b for b in [*passend, *bedarfe] if b.unterkunft_id == elif_unterkunft.pk), None
        )
        if bei_elif is not None:
            wartend = Bewerbung.objects.create(
                bedarf=bei_elif,
                person=finn,
                nachricht="Ich spreche Arabisch und habe mittwochs Zeit.",
            )
            Verlaufseintrag.objects.create(bewerbung=wartend, nach_status="offen", akteur=finn)
