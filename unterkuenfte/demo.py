"""Demo shelters across the three Berlin regions, their coordinators, needs and house bans.

Everything is planned in memory first from ``random.Random(SEED)``, so every run draws the
same plan whatever the database holds; then only the rows missing by natural key are written
(shelters by name, accounts by e-mail, needs by shelter and title), mostly with bulk_create.
Names, streets and people are invented; e-mail addresses use the reserved domain ``.invalid``.
"""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from common.models import Sprache
from konten import roles
from konten.demo import demo_konto
from konten.models import User
from netzwerk.models import Organisation
from regionen import demo_jourfixe
from regionen.models import Bezirk, Region

from . import demo_aufrufe
from .models import (
    Anforderungsart,
    Bedarf,
    Hausverbot,
    Taetigkeitsfeld,
    Unterkunft,
    Unterkunftsart,
    Zeitfenster,
)

SEED = 2026
ANZAHL_UNTERKUENFTE = 100
REGIONEN = ["berlin-nord", "berlin-west", "berlin-suedost"]
PERSONA_EMAIL = "ek@demo.invalid"

#: kind slug: (weight, name prefix, smallest and largest capacity)
ARTEN = {
    "gemeinschaftsunterkunft": (40, "GU", 80, 450),
    "modulare-unterkunft": (20, "MUF", 150, 450),
    "notunterkunft": (15, "Notunterkunft", 40, 200),
    "tempohome": (15, "Tempohome", 40, 250),
    "aufnahmeeinrichtung": (10, "Ankunftszentrum", 300, 800),
}

# Place names: stem + ending; the ending's gender decides between "Am" and "An der".
ORTS_STAEMME = [
    "Linden", "Birken", "Eichen", "Erlen", "Kiefern", "Ahorn", "Weiden", "Holunder",
    "Mühlen", "Schilf", "Rosen", "Fasanen", "Lerchen", "Kranich", "Reiher", "Schwalben",
    "Heide", "Wiesen", "Sonnen", "Quell", "Sand", "Brunnen", "Kastanien", "Fliederbusch",
]  # fmt: skip
ORTS_ENDUNGEN = [
    ("hof", "Am"), ("weg", "Am"), ("grund", "Am"), ("hain", "Am"), ("fließ", "Am"),
    ("garten", "Am"), ("winkel", "Am"), ("eck", "Am"), ("höhe", "An der"), ("aue", "An der"),
    ("park", "Am"), ("feld", "Am"),
]  # fmt: skip
STRASSEN_STAEMME = [
    "Amsel", "Drossel", "Fink", "Meisen", "Buchen", "Eschen", "Tannen", "Wacholder",
    "Hopfen", "Flachs", "Mohn", "Kornblumen", "Lupinen", "Wegwarten", "Bernstein", "Kiesel",
    "Uferschwalben", "Teich", "Graben", "Marder", "Dachs", "Otter", "Hasel", "Brombeer",
]  # fmt: skip
STRASSEN_ENDUNGEN = ["straße", "weg", "allee", "damm", "pfad", "ring", "steig", "zeile"]

BEWOHNER_SPRACHEN = ["ar", "fa", "prs", "ps", "ku", "tr", "ru", "uk", "ti", "so", "fr", "en"]

VORNAMEN = [
    "Anna", "Jonas", "Leyla", "Mehmet", "Katrin", "Tobias", "Nour", "Daria", "Paul", "Maja",
    "Hassan", "Ines", "Dmytro", "Clara", "Yusuf", "Sophie", "Kemal", "Lena", "Amir", "Greta",
    "Oleksandr", "Miriam", "Bilal", "Hannah", "Tarek", "Jule", "Reza", "Svenja", "Awet", "Lukas",
]  # fmt: skip
NACHNAMEN = [
    "Becker", "Yılmaz", "Hoffmann", "Schulz", "Haddad", "Kovalenko", "Lehmann", "Wagner",
    "Karimi", "Neumann", "Krüger", "Öztürk", "Brandt", "Saleh", "Vogel", "Petrenko",
    "Hartmann", "Tesfay", "Schröder", "Aziz", "Franke", "Jansen", "Nowak", "Rahmani",
]  # fmt: skip


def _titel(titel, sprachen=(), einmalig=False):
    return (titel, tuple(sprachen), einmalig)


#: field slug: (weight, titles); a title may fix its languages or be a one-off date
FELDER = {
    "deutschkurs": (20, [
        _titel("Deutsch für Anfänger*innen am Abend"),
        _titel("Deutschkurs A1 am Vormittag"),
        _titel("Sprachcafé Deutsch"),
        _titel("Deutsch für Frauen mit Kinderbetreuung"),
        _titel("Alphabetisierung in kleinen Gruppen"),
        _titel("Konversation Deutsch B1"),
        _titel("Deutsch für den Alltag: Einkaufen, Arzt, Behörden"),
    ]),
    "hausaufgabenhilfe": (15, [
        _titel("Hausaufgabenhilfe Grundschule"),
        _titel("Lernhilfe Mathematik Klasse 5–8"),
        _titel("Lesepatenschaft für Grundschulkinder"),
        _titel("Hausaufgabenhilfe Oberschule"),
        _titel("Lernbegleitung zur MSA-Prüfung"),
        _titel("Englisch-Nachhilfe Sekundarstufe", ["de", "en"]),
    ]),
    "kinderbetreuung": (15, [
        _titel("Spielnachmittag im Kinderzimmer"),
        _titel("Basteln mit Kindern"),
        _titel("Kinderbetreuung während der Deutschkurse"),
        _titel("Vorlesestunde für Kleinkinder"),
        _titel("Bewegungsspiele im Hof"),
        _titel("Ferienausflug in den Tierpark", einmalig=True),
    ]),
    "begleitung": (14, [
        _titel("Begleitung zum Bürgeramt"),
        _titel("Begleitung zu Arztterminen"),
        _titel("Begleitung zum Jobcenter"),
        _titel("Begleitung zur Schulanmeldung"),
        _titel("Wohnungssuche: Begleitung zu Besichtigungen"),
        _titel("Begleitung zur Kita-Anmeldung"),
    ]),
    "sprachmittlung": (10, [
        _titel("Sprachmittlung Arabisch für Elterngespräche", ["ar", "de"]),
        _titel("Sprachmittlung Dari/Farsi bei Arztbesuchen", ["prs", "fa", "de"]),
        _titel("Sprachmittlung Ukrainisch in der Sprechstunde", ["uk", "de"]),
        _titel("Sprachmittlung Tigrinya", ["ti", "de"]),
        _titel("Sprachmittlung Türkisch und Kurdisch", ["tr", "ku", "de"]),
        _titel("Sprachmittlung Russisch im Beratungsbüro", ["ru", "de"]),
        _titel("Sprachmittlung Paschtu beim Elternabend", ["ps", "de"], einmalig=True),
    ]),
    "freizeit-sport": (12, [
        _titel("Fußballtraining für Jugendliche"),
        _titel("Fahrradwerkstatt"),
        _titel("Schwimmgruppe für Frauen begleiten"),
        _titel("Gemeinsames Gärtnern im Hof"),
        _titel("Spieleabend für Erwachsene"),
        _titel("Tischtennis am Wochenende"),
        _titel("Sommerfest: Spielstationen betreuen", einmalig=True),
    ]),
    "kleiderkammer": (8, [
        _titel("Kleiderkammer: Spenden sortieren"),
        _titel("Ausgabe in der Kleiderkammer"),
        _titel("Winterkleidung sortieren und ausgeben"),
        _titel("Nähwerkstatt: kleine Änderungen"),
        _titel("Spendenannahme am Aktionstag", einmalig=True),
    ]),
    "kueche": (6, [
        _titel("Gemeinsam kochen mit Bewohner*innen"),
        _titel("Unterstützung bei der Essensausgabe"),
        _titel("Backnachmittag im Gemeinschaftsraum"),
        _titel("Frühstück am Wochenende vorbereiten"),
        _titel("Küchenhilfe beim Nachbarschaftsfest", einmalig=True),
    ]),
}  # fmt: skip

BESCHREIBUNGEN = {
    "deutschkurs": "Ein kleiner Kurs im Gemeinschaftsraum; Material ist vorhanden. "
    "Lehrerfahrung hilft, ist aber keine Bedingung.",
    "hausaufgabenhilfe": "Kinder und Jugendliche bringen ihre Hausaufgaben mit; "
    "Sie helfen beim Verstehen, nicht beim Abschreiben.",
    "kinderbetreuung": "Betreuung im Kinderzimmer der Unterkunft, immer zu zweit "
    "und in Absprache mit dem Sozialdienst.",
    "begleitung": "Sie begleiten Bewohner*innen zu Terminen und helfen beim Verstehen; "
    "Rechtsberatung zum Asylverfahren gehört nicht dazu.",
    "sprachmittlung": "Sie übertragen, was gesagt wird, ohne zu beraten oder zu entscheiden. "
    "Die Termine stimmt die Ehrenamtskoordination mit Ihnen ab.",
    "freizeit-sport": "Freizeitangebot für Bewohner*innen; Ausrüstung ist vorhanden, "
    "Ideen sind willkommen.",
    "kleiderkammer": "Spenden sortieren, Regale auffüllen und bei der Ausgabe helfen.",
    "kueche": "In der Gemeinschaftsküche der Unterkunft; die Belehrung zur "
    "Lebensmittelhygiene ist Voraussetzung.",
}

#: weekly slots (from, to), hours and minutes
ZEITEN = [
    ((9, 0), (11, 0)),
    ((10, 0), (12, 0)),
    ((10, 0), (13, 0)),
    ((14, 0), (16, 0)),
    ((15, 30), (17, 30)),
    ((16, 0), (18, 0)),
    ((17, 0), (19, 0)),
    ((18, 0), (20, 0)),
]

#: status of needs at shelters that are open (weights)
BEDARF_STATUS = {
    Bedarf.Status.OFFEN: 62,
    Bedarf.Status.BESETZT: 16,
    Bedarf.Status.PAUSIERT: 10,
    Bedarf.Status.GESCHLOSSEN: 12,
}

HAUSVERBOTE = [
    ("Gerd Gesperrt", "Hat Fotos von Bewohner*innen in sozialen Medien veröffentlicht, "
     "trotz ausdrücklichem Hinweis auf das Fotografierverbot."),
    ("Sina Sperre", "Hat Bewohner*innen wiederholt ohne Absprache in ihren Zimmern "
     "aufgesucht; ein klärendes Gespräch blieb ohne Ergebnis."),
    ("Bernd Bann", "Hat Bewohner*innen zum Asylverfahren beraten und ihnen geraten, "
     "Termine beim Landesamt abzusagen."),
]  # fmt: skip


def _gewichtet(rng, gewichte):
    return rng.choices(list(gewichte), weights=list(gewichte.values()))[0]


def _plane_unterkuenfte(rng, bezirke):
    """The shelters without status: region, district, kind, name, address, size, profile."""
    orte = [(stamm, endung, artikel) for stamm in ORTS_STAEMME for endung, artikel in ORTS_ENDUNGEN]
    rng.shuffle(orte)
    art_gewichte = {slug: werte[0] for slug, werte in ARTEN.items()}
    plaene = []
    for nummer in range(ANZAHL_UNTERKUENFTE):
        region = rng.choice(REGIONEN)
        art = _gewichtet(rng, art_gewichte)
        _gewicht, praefix, kleinste, groesste = ARTEN[art]
        stamm, endung, artikel = orte[nummer]
        ort = f"{artikel} {stamm}{endung}" if rng.random() < 0.6 else f"{stamm}{endung}"
        kapazitaet = rng.randint(kleinste, groesste)
        anforderungen = []
        wurf = rng.random()
        if wurf < 0.85:
            anforderungen = ["fuehrungszeugnis", "masernschutz"]
            if rng.random() < 0.35:
                anforderungen.append("verschwiegenheit")
        elif wurf < 0.95:
            anforderungen = ["masernschutz"]
        plaene.append(
            {
                "name": f"{praefix} {ort}",
                "region": region,
                "bezirk": rng.choice(bezirke[region]),
                "art": art,
                "strasse": f"{rng.choice(STRASSEN_STAEMME)}{rng.choice(STRASSEN_ENDUNGEN)} "
                f"{rng.randint(1, 180)}",
                "plz": str(rng.randint(10115, 14199)),
                "kapazitaet": kapazitaet,
                "belegung": round(kapazitaet * rng.uniform(0.5, 1.0)),
                "sprachen": rng.sample(BEWOHNER_SPRACHEN, rng.randint(2, 5)),
                "anforderungen": anforderungen,
                "in_betrieb_seit": date(2015, 1, 1) + timedelta(days=rng.randint(0, 3000)),
                "betreiber": rng.random(),  # becomes an index once the operators are known
                "status": Unterkunft.Status.IN_BETRIEB,
                "schliessung_am": None,
            }
        )
    return plaene


def _plane_status(rng, plaene, persona_index, heute):
    """A few shelters close soon, two or three are closed; the persona's stays open."""
    andere = [i for i in range(len(plaene)) if i != persona_index]
    gewaehlt = rng.sample(andere, 9)
    for i in gewaehlt[:3]:
        plan = plaene[i]
        plan["status"] = Unterkunft.Status.GESCHLOSSEN
        plan["schliessung_am"] = max(
            plan["in_betrieb_seit"], heute - timedelta(days=rng.randint(30, 400))
        )
        plan["belegung"] = 0
    for i in gewaehlt[3:]:
        plaene[i]["status"] = Unterkunft.Status.SCHLIESST
        plaene[i]["schliessung_am"] = heute + timedelta(days=rng.randint(20, 200))
    # shelters without any coordinator, so the regional overview shows gaps
    return set(rng.sample(andere, 8))


def _plane_koordination(rng, plaene, ohne, persona_index, jetzt):
    """Coordinator accounts ``ek-<n>@demo.invalid``, one or two per shelter."""
    konten = []
    for index, plan in enumerate(plaene):
        anzahl = 0 if index in ohne else (2 if rng.random() < 0.35 else 1)
        if index == persona_index:
            anzahl = 1
        plan["koordination"] = []
        for _ in range(anzahl):
            nummer = len(konten) + 1
            wurf = rng.random()
            if wurf < 0.6:
                letzte = jetzt - timedelta(minutes=rng.randint(30, 90 * 24 * 60))
            elif wurf < 0.75:
                letzte = jetzt - timedelta(days=rng.randint(120, 400))
            else:
                letzte = None
            konto = {
                "email": f"ek-{nummer}@demo.invalid",
                "anzeigename": f"{rng.choice(VORNAMEN)} {rng.choice(NACHNAMEN)}",
                "last_login": letzte,
            }
            konten.append(konto)
            plan["koordination"].append(konto)
    return konten


def _plane_bedarf(rng, plan, status, benutzt, heute):
    feld_gewichte = {slug: werte[0] for slug, werte in FELDER.items()}
    while True:
        feld = _gewichtet(rng, feld_gewichte)
        freie = [t for t in FELDER[feld][1] if t[0] not in benutzt]
        if freie:
            break
    titel, sprachen, einmalig = rng.choice(freie)
    benutzt.add(titel)
    if not sprachen:
        if feld in ("deutschkurs", "hausaufgabenhilfe"):
            sprachen = ("de",)
        else:
            wurf = rng.random()
            if wurf < 0.5:
                sprachen = ("de",)
            elif wurf < 0.8:
                sprachen = ("de", rng.choice(plan["sprachen"]))
    helfende = rng.randint(1, 6)
    if status == Bedarf.Status.BESETZT:
        besetzt = helfende
    elif status == Bedarf.Status.OFFEN:
        besetzt = rng.randint(0, helfende - 1)
    else:
        besetzt = rng.randint(0, helfende)
    beginn = heute - timedelta(days=rng.randint(0, 240))
    vergangen = (heute - beginn).days
    ende = einmalig_am = None
    zeitfenster = []
    if einmalig:
        if status == Bedarf.Status.GESCHLOSSEN:
            einmalig_am = beginn + timedelta(days=rng.randint(0, vergangen))
        else:
            einmalig_am = heute + timedelta(days=rng.randint(3, 40))
    else:
        if status == Bedarf.Status.GESCHLOSSEN and rng.random() < 0.6:
            ende = beginn + timedelta(days=rng.randint(0, vergangen))
        elif rng.random() < 0.3:
            ende = heute + timedelta(days=rng.randint(14, 180))
        for wochentag in sorted(rng.sample(range(7), rng.randint(1, 3))):
            von, bis = rng.choice(ZEITEN)
            zeitfenster.append((wochentag, time(*von), time(*bis)))
    zusaetzlich = []
    if feld in ("begleitung", "sprachmittlung") and "verschwiegenheit" not in plan["anforderungen"]:
        zusaetzlich.append("verschwiegenheit")
    if feld == "kinderbetreuung" and "fuehrungszeugnis" not in plan["anforderungen"]:
        zusaetzlich.append("fuehrungszeugnis")
    return {
        "titel": titel,
        "feld": feld,
        "sprachen": sprachen,
        "anzahl_helfende": helfende,
        "anzahl_besetzt": besetzt,
        "beginn": beginn,
        # posted up to three weeks before the help begins (not in the future)
        "gepostet": min(beginn - timedelta(days=rng.randint(0, 21)), heute),
        "ende": ende,
        "einmalig_am": einmalig_am,
        "status": status,
        "zeitfenster": zeitfenster,
        "zusaetzlich": zusaetzlich,
    }


def _plane_bedarfe(rng, plaene, persona_index, heute):
    for index, plan in enumerate(plaene):
        if index == persona_index:
            status_liste = [Bedarf.Status.OFFEN] * 3 + [
                Bedarf.Status.BESETZT,
                Bedarf.Status.PAUSIERT,
                Bedarf.Status.GESCHLOSSEN,
            ]
        elif plan["status"] == Unterkunft.Status.GESCHLOSSEN:
            status_liste = [Bedarf.Status.GESCHLOSSEN] * rng.randint(1, 3)
        else:
            status_liste = [_gewichtet(rng, BEDARF_STATUS) for _ in range(rng.randint(1, 6))]
        benutzt = set()
        plan["bedarfe"] = [
            _plane_bedarf(rng, plan, status, benutzt, heute) for status in status_liste
        ]


def _plan(bezirke, heute, jetzt):
    rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not security
    plaene = _plane_unterkuenfte(rng, bezirke)
    persona_index = next(i for i, p in enumerate(plaene) if p["region"] == "berlin-nord")
    ohne = _plane_status(rng, plaene, persona_index, heute)
    konten = _plane_koordination(rng, plaene, ohne, persona_index, jetzt)
    _plane_bedarfe(rng, plaene, persona_index, heute)
    return plaene, persona_index, konten


def _konten_anlegen(konten, passwort_hash):
    """Creates the missing accounts in one go; every account gets the same password hash."""
    emails = [k["email"] for k in konten]
    vorhanden = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        [
            User(
                email=k["email"],
                anzeigename=k["anzeigename"],
                password=passwort_hash,
                last_login=k.get("last_login"),
            )
            for k in konten
            if k["email"] not in vorhanden
        ]
    )
    # the demo password is set anew on every run, as demo_konto does
    User.objects.filter(email__in=vorhanden).update(password=passwort_hash)
    return {u.email: u for u in User.objects.filter(email__in=emails)}


def _unterkuenfte_anlegen(plaene, regionen, bezirke_nach_slug, betreiber, persona_index):
    arten = {a.slug: a for a in Unterkunftsart.objects.all()}
    anforderungen = dict(Anforderungsart.objects.values_list("slug", "pk"))
    sprachen = dict(Sprache.objects.values_list("code", "pk"))
    namen = [p["name"] for p in plaene]
    unterkuenfte = {u.name: u for u in Unterkunft.objects.filter(name__in=namen)}
    neu = []
    for index, plan in enumerate(plaene):
        if plan["name"] in unterkuenfte:
            continue
        traeger = betreiber[int(plan["betreiber"] * len(betreiber))]
        bezirk = bezirke_nach_slug[plan["bezirk"]]
        art = arten[plan["art"]]
        if index == persona_index:
            ek_name, ek_email = "Elif Ehrenamt", PERSONA_EMAIL
        elif plan["koordination"]:
            ek_name = plan["koordination"][0]["anzeigename"]
            ek_email = plan["koordination"][0]["email"]
        else:
            ek_name = ek_email = ""
        neu.append(
            Unterkunft(
                name=plan["name"],
                betreiber=traeger,
                region=regionen[plan["region"]],
                bezirk=bezirk,
                art=art,
                kapazitaet=plan["kapazitaet"],
                belegung=plan["belegung"],
                status=plan["status"],
                in_betrieb_seit=plan["in_betrieb_seit"],
                schliessung_am=plan["schliessung_am"],
                beschreibung=f"{art.name} im Bezirk {bezirk.name} mit {plan['kapazitaet']} "
                f"Plätzen, betrieben von {traeger.name}.",
                strasse=plan["strasse"],
                plz=plan["plz"],
                ort="Berlin",
                ek_name=ek_name,
                ek_email=ek_email,
                ek_telefon=f"030 23125 {300 + index:03d}" if ek_email else "",
            )
        )
    Unterkunft.objects.bulk_create(neu)
    plaene_nach_name = {p["name"]: p for p in plaene}
    Unterkunft.sprachen.through.objects.bulk_create(
        [
            Unterkunft.sprachen.through(unterkunft_id=u.pk, sprache_id=sprachen[code])
            for u in neu
            for code in plaene_nach_name[u.name]["sprachen"]
        ]
    )
    Unterkunft.anforderungen.through.objects.bulk_create(
        [
            Unterkunft.anforderungen.through(
                unterkunft_id=u.pk, anforderungsart_id=anforderungen[slug]
            )
            for u in neu
            for slug in plaene_nach_name[u.name]["anforderungen"]
        ]
    )
    unterkuenfte.update({u.name: u for u in neu})
    return unterkuenfte


def _bedarfe_anlegen(plaene, unterkuenfte):
    felder = {f.slug: f for f in Taetigkeitsfeld.objects.all()}
    anforderungen = dict(Anforderungsart.objects.values_list("slug", "pk"))
    sprachen = dict(Sprache.objects.values_list("code", "pk"))
    vorhanden = set(
        Bedarf.objects.filter(unterkunft__in=list(unterkuenfte.values())).values_list(
            "unterkunft_id", "titel"
        )
    )
    neu = []
    for plan in plaene:
        unterkunft = unterkuenfte[plan["name"]]
        for b in plan["bedarfe"]:
            if (unterkunft.pk, b["titel"]) in vorhanden:
                continue
            bedarf = Bedarf(
                unterkunft=unterkunft,
                # bulk_create skips save(), which copies the place from the poster
                region_id=unterkunft.region_id,
                bezirk_id=unterkunft.bezirk_id,
                titel=b["titel"],
                taetigkeitsfeld=felder[b["feld"]],
                beschreibung=BESCHREIBUNGEN[b["feld"]],
                anzahl_helfende=b["anzahl_helfende"],
                anzahl_besetzt=b["anzahl_besetzt"],
                einmalig_am=b["einmalig_am"],
                beginn=b["beginn"],
                ende=b["ende"],
                status=b["status"],
            )
            neu.append((bedarf, b))
    Bedarf.objects.bulk_create([bedarf for bedarf, _b in neu])
    # the day each need was posted, so the reports of past months find them
    for bedarf, b in neu:
        gepostet = timezone.make_aware(datetime.combine(b["gepostet"], time(9)))
        Bedarf.objects.filter(pk=bedarf.pk).update(created_at=gepostet, updated_at=gepostet)
    Zeitfenster.objects.bulk_create(
        [
            Zeitfenster(bedarf=bedarf, wochentag=wochentag, von=von, bis=bis)
            for bedarf, b in neu
            for wochentag, von, bis in b["zeitfenster"]
        ]
    )
    Bedarf.sprachen.through.objects.bulk_create(
        [
            Bedarf.sprachen.through(bedarf_id=bedarf.pk, sprache_id=sprachen[code])
            for bedarf, b in neu
            for code in b["sprachen"]
        ]
    )
    Bedarf.zusaetzliche_anforderungen.through.objects.bulk_create(
        [
            Bedarf.zusaetzliche_anforderungen.through(
                bedarf_id=bedarf.pk, anforderungsart_id=anforderungen[slug]
            )
            for bedarf, b in neu
            for slug in b["zusaetzlich"]
        ]
    )


def _hausverbote_anlegen(unterkunft, erteilt_von, passwort_hash, heute):
    konten = [
        {"email": f"gesperrt-{n}@demo.invalid", "anzeigename": name}
        for n, (name, _grund) in enumerate(HAUSVERBOTE, start=1)
    ]
    personen = _konten_anlegen(konten, passwort_hash)
    freiwillige = roles.rolle("freiwillige")
    for n, (konto, (_name, grund)) in enumerate(zip(konten, HAUSVERBOTE, strict=True)):
        person = personen[konto["email"]]
        freiwillige.grant(person)
        Hausverbot.objects.get_or_create(
            unterkunft=unterkunft,
            person=person,
            defaults={
                "von": heute - timedelta(days=10 + 15 * n),
                "bis": heute + timedelta(days=90 + 60 * n),
                "grund": grund,
                "erteilt_von": erteilt_von,
            },
        )


def anlegen(kontext):
    heute = timezone.localdate()
    jetzt = timezone.now()
    regionen = {
        slug: kontext.objekte.get(f"region_{slug}") or Region.objects.get(slug=slug)
        for slug in REGIONEN
    }
    bezirke_nach_slug = {b.slug: b for b in Bezirk.objects.filter(region__slug__in=REGIONEN)}
    bezirke = {
        slug: sorted(b.slug for b in bezirke_nach_slug.values() if b.region_id == region.pk)
        for slug, region in regionen.items()
    }
    betreiber = kontext.objekte.get("betreiber") or list(
        Organisation.objects.filter(art=Organisation.Art.TRAEGER).order_by("name")
    )

    plaene, persona_index, konten = _plan(bezirke, heute, jetzt)
    unterkuenfte = _unterkuenfte_anlegen(
        plaene, regionen, bezirke_nach_slug, betreiber, persona_index
    )

    # one hash for all generated accounts: hashing is deliberately slow
    passwort_hash = make_password(kontext.passwort)
    koordination = _konten_anlegen(konten, passwort_hash)
    rolle = roles.rolle("ehrenamtskoordination")
    for plan in plaene:
        for konto in plan["koordination"]:
            rolle.grant(koordination[konto["email"]], unterkuenfte[plan["name"]])

    persona_unterkunft = unterkuenfte[plaene[persona_index]["name"]]
    elif_ = demo_konto(kontext, PERSONA_EMAIL, "Elif Ehrenamt")
    rolle.grant(elif_, persona_unterkunft)
    kontext.persona(f"{rolle.label} {persona_unterkunft.name}", elif_)

    _bedarfe_anlegen(plaene, unterkuenfte)
    demo_aufrufe.anlegen(kontext)
    _hausverbote_anlegen(persona_unterkunft, elif_, passwort_hash, heute)

    kontext.objekte["unterkuenfte"] = [unterkuenfte[p["name"]] for p in plaene]
    kontext.objekte["unterkunft_persona"] = persona_unterkunft
    kontext.objekte["ehrenamtskoordination_persona"] = elif_
    demo_jourfixe.anlegen(kontext, elif_)
