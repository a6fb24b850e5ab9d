"""Demo organisations: fictional shelter operators and migrant self-organisations in Berlin.

All names are invented; contact addresses use the reserved top-level domain ``.invalid`` and
phone numbers the range the Bundesnetzagentur keeps free for fiction (030 23125 xxx).
"""

import random
from datetime import date, time, timedelta
from decimal import Decimal

from django.utils import timezone

from common.models import Sprache
from konten import roles
from konten.demo import demo_konto
from regionen import services as jourfixe
from regionen.models import Bezirk, JourFixeSerie, Region

from .jourfixe_kreis import KEY
from .models import (
    Arbeitsfeld,
    Aufnahmeschritt,
    Mitgliedschaft,
    Organisation,
    Veranstaltung,
    Verteiler,
    Verteilerereignis,
)

#: (name, domain, contact person) of the operators (Träger) that run the demo shelters
TRAEGER = [
    ("Hilfswerk Spree gGmbH", "hilfswerk-spree", "Martina Kühn"),
    ("Lebensraum Berlin e.V.", "lebensraum-berlin", "Jörg Albrecht"),
    ("Brückenschlag Soziale Dienste gGmbH", "brueckenschlag-dienste", "Sabine Theuerkauf"),
    ("Havelhaus Wohnhilfe gGmbH", "havelhaus-wohnhilfe", "Thomas Reinholz"),
    ("Kiezwerk Soziale Arbeit gGmbH", "kiezwerk-sozial", "Aylin Demirtaş"),
    ("Ankerplatz Wohnen gGmbH", "ankerplatz-wohnen", "Klaus-Dieter Brenner"),
    ("Dach über Berlin e.V.", "dach-ueber-berlin", "Nadine Oschatz"),
    ("Morgenrot Sozialwerk gGmbH", "morgenrot-sozialwerk", "Ralf Wendisch"),
    ("Offene Türen Berlin gGmbH", "offene-tueren-berlin", "Katarzyna Nowicka"),
    ("Wegbegleiter Sozialdienste e.V.", "wegbegleiter-sozialdienste", "Henrike Gottschalk"),
    ("Sozialwerk Am Landwehrkanal gGmbH", "sozialwerk-landwehrkanal", "Michael Sternberg"),
    ("Stadtbrücke Wohnprojekte gGmbH", "stadtbruecke-wohnprojekte", "Ulrike Pfannschmidt"),
]

#: migrant self-organisations (Migrant*innenselbstorganisationen); the first gets the persona
MSOS = [
    ("Stimmen der Ankunft e.V.", "stimmen-der-ankunft", "Samira Haddad"),
    ("Sonnenblume – Ukrainische Nachbarschaft e.V.", "sonnenblume-nachbarschaft", "Oksana Melnyk"),
    ("Brückenstimmen Afghanistan e.V.", "brueckenstimmen-afghanistan", "Farid Rahimi"),
]


def _organisation(name, domain, kontakt, art, berlin, nummer):
    organisation, _created = Organisation.objects.get_or_create(
        name=name,
        defaults={
            "art": art,
            "region": berlin,
            "kontakt_name": kontakt,
            "kontakt_email": f"kontakt@{domain}.invalid",
            "kontakt_telefon": f"030 23125 {nummer:03d}",
            "website": f"https://www.{domain}.invalid/",
        },
    )
    return organisation


def anlegen(kontext):
    berlin = Region.objects.get(slug="berlin")
    betreiber = [
        _organisation(name, domain, kontakt, Organisation.Art.TRAEGER, berlin, 100 + i)
        for i, (name, domain, kontakt) in enumerate(TRAEGER)
    ]
    msos = [
        _organisation(name, domain, kontakt, Organisation.Art.MSO, berlin, 200 + i)
        for i, (name, domain, kontakt) in enumerate(MSOS)
    ]
    kontext.objekte["betreiber"] = betreiber
    kontext.objekte["msos"] = msos

    rolle = roles.rolle("organisationskontakt")
    olga = demo_konto(kontext, "organisation@demo.invalid", "Olga Organisation")
    rolle.grant(olga, msos[0])
    kontext.persona(rolle.label, olga)

    netzwerk = demo_konto(kontext, "netzwerk@demo.invalid", "Nele Netzwerk")
    roles.rolle("regionalkoordination").grant(netzwerk, berlin)
    kontext.persona(_("Netzwerkkoordination Berlin"), netzwerk)

    _steckbriefe(msos, netzwerk)
    verteiler = _verteiler(berlin, msos, netzwerk)
    _veranstaltungen(berlin, msos, verteiler, netzwerk)
    _netzwerktreffen(berlin, netzwerk, olga)


def _(text):
    # persona labels are German like the rest of the demo
    return text


#: Steckbriefe of the three MSOs: fields of work, languages, district, German and translations
STECKBRIEFE = [
    {
        "bezirk": "neukoelln",
        "sprachen": ["ar", "ku", "de"],
        "felder": ["Beratung und Begleitung", "Frauen", "Kinder und Jugend"],
        "gemeinschaften": "syrische, irakische und kurdische Familien",
        "beschreibung": "Wir sind ein Verein von Menschen, die selbst nach Berlin geflüchtet "
        "sind. Wir begleiten Neuankommende zu Ämtern, treffen uns jeden Freitag zum "
        "Frauencafé und bieten Hausaufgabenhilfe an.",
        "angebote": "Begleitung zu Ämtern, Frauencafé, Hausaufgabenhilfe",
        "treffpunkt": "Nachbarschaftshaus Rixdorf, freitags 16–19 Uhr",
        "uebersetzungen": {
            "ar": {
                "beschreibung": "نحن جمعية من أشخاص لجؤوا بأنفسهم إلى برلين. نرافق القادمين "
                "الجدد إلى الدوائر الحكومية، ونلتقي كل يوم جمعة في مقهى النساء، ونقدم "
                "المساعدة في الواجبات المدرسية.",
                "angebote": "مرافقة إلى الدوائر الحكومية، مقهى النساء، مساعدة في الواجبات",
            },
            "en": {
                "beschreibung": "We are an association of people who came to Berlin as "
                "refugees themselves. We accompany newcomers to public offices, meet every "
                "Friday at our women's café and help with homework.",
            },
        },
    },
    {
        "bezirk": "treptow-koepenick",
        "sprachen": ["uk", "ru", "de"],
        "felder": ["Kultur und Feste", "Bildung und Sprachkurse"],
        "gemeinschaften": "ukrainische Geflüchtete und ihre Nachbarschaft",
        "beschreibung": "Sonnenblume bringt ukrainische Familien und ihre Berliner "
        "Nachbarschaft zusammen: Sprachcafé, Kinderchor und ein Sommerfest.",
        "angebote": "Sprachcafé, Kinderchor, Sommerfest",
        "treffpunkt": "Kiezladen Schöneweide",
        "uebersetzungen": {
            "uk": {
                "beschreibung": "«Соняшник» об'єднує українські родини та їхніх берлінських "
                "сусідів: мовне кафе, дитячий хор і літнє свято.",
            }
        },
    },
    {
        "bezirk": "spandau",
        "sprachen": ["fa", "ps", "de"],
        "felder": ["Dolmetschen und Sprachmittlung", "Arbeit und Ausbildung"],
        "gemeinschaften": "afghanische Familien",
        "beschreibung": "Wir dolmetschen ehrenamtlich in Dari und Paschtu und begleiten "
        "junge Erwachsene auf dem Weg in Ausbildung und Arbeit.",
        "angebote": "Sprachmittlung, Bewerbungstraining",
        "treffpunkt": "",
        "uebersetzungen": {
            "fa": {
                "beschreibung": "ما به صورت داوطلبانه به زبان‌های دری و پشتو ترجمه می‌کنیم و "
                "جوانان را در مسیر آموزش حرفه‌ای و کار همراهی می‌کنیم.",
            }
        },
    },
]


def _steckbriefe(msos, netzwerk):
    heute = timezone.localdate()
    schritte = list(Aufnahmeschritt.Schritt)
    for organisation, daten in zip(msos, STECKBRIEFE, strict=True):
        organisation.bezirk = Bezirk.objects.filter(slug=daten["bezirk"]).first()
        for feld in ("gemeinschaften", "beschreibung", "angebote", "treffpunkt", "uebersetzungen"):
            setattr(organisation, feld, daten[feld])
        organisation.steckbrief_freigegeben_am = timezone.now()
        organisation.satzung_liegt_vor = True
        organisation.satzung_datum = date(2019, 3, 14)
        organisation.aufgenommen_am = heute - timedelta(days=400)
        organisation.save()
        organisation.sprachen.set(Sprache.objects.filter(code__in=daten["sprachen"]))
        organisation.arbeitsfelder.set(Arbeitsfeld.objects.filter(name__in=daten["felder"]))
        for tage, schritt in zip((430, 425, 420, 410, 400), schritte, strict=True):
            Aufnahmeschritt.objects.get_or_create(
                organisation=organisation,
                schritt=schritt,
                defaults={"datum": heute - timedelta(days=tage), "erledigt_von": netzwerk},
            )


#: parts of the invented names of the other member associations on the list
VEREINSNAMEN = (
    [
        "Brücke",
        "Zuhause",
        "Nachbarschaft",
        "Stimme",
        "Zukunft",
        "Begegnung",
        "Horizont",
        "Teilhabe",
        "Aufbruch",
    ],
    ["der Kulturen", "Ost", "West", "am Kanal", "im Kiez", "International", "der Frauen", "Jugend"],
)


def _verteiler(berlin, msos, netzwerk):
    """The MSO network's list: about 75 associations, a few of them long inactive."""
    verteiler, _neu = Verteiler.objects.get_or_create(
        name="MSO-Netzwerk Berlin",
        region=berlin,
        defaults={
            "beschreibung": "Verteiler des Berliner Netzwerks der Migrant*innenorganisationen."
        },
    )
    # repeatable demo data, not secrets
    zufall = random.Random(75)  # noqa: S311
    jetzt = timezone.now()
    bezirke = list(Bezirk.objects.all())
    mitglieder = list(msos)
    for nummer, (vorne, hinten) in enumerate(
        (v, h) for v in VEREINSNAMEN[0] for h in VEREINSNAMEN[1]
    ):
        if len(mitglieder) >= 75:
            break
        name = f"{vorne} {hinten} e.V."
        organisation, _neu = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "art": Organisation.Art.MSO,
                "region": berlin,
                "bezirk": zufall.choice(bezirke),
                "kontakt_email": f"info@verein-{nummer:02d}.invalid",
            },
        )
        mitglieder.append(organisation)
    for index, organisation in enumerate(mitglieder):
        # most were active in the last months; a few not for over a year, two already warned
        tage = zufall.randint(3, 200) if index % 12 else zufall.randint(380, 600)
        status, gewarnt = Mitgliedschaft.Status.AKTIV, None
        if index in (23, 47):
            status, gewarnt = Mitgliedschaft.Status.INAKTIV, jetzt - timedelta(days=20 + index)
        mitgliedschaft, neu = Mitgliedschaft.objects.get_or_create(
            verteiler=verteiler,
            organisation=organisation,
            defaults={
                "status": status,
                "gewarnt_am": gewarnt,
                "letzte_aktivitaet": jetzt - timedelta(days=tage),
                "letzte_aktivitaet_art": zufall.choice(
                    [
                        Mitgliedschaft.Aktivitaet.TREFFEN,
                        Mitgliedschaft.Aktivitaet.ANTWORT,
                        Mitgliedschaft.Aktivitaet.ANMELDUNG,
                    ]
                ),
            },
        )
        if neu:
            Verteilerereignis.objects.create(
                mitgliedschaft=mitgliedschaft,
                art=Verteilerereignis.Art.AUFGENOMMEN,
                akteur=netzwerk,
            )
    return verteiler


def _veranstaltungen(berlin, msos, verteiler, netzwerk):
    heute = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    neukoelln = Bezirk.objects.filter(slug="neukoelln").first()
    sprachen = {s.code: s for s in Sprache.objects.all()}
    eintraege = [
        {
            "art": Veranstaltung.Art.NETZWERKTREFFEN,
            "titel": "Netzwerktreffen der Migrant*innenorganisationen",
            "beschreibung": "Austausch unter allen Mitgliedern, Themen aus dem Netzwerk.",
            "organisation": None,
            "tage": 16,
            "stunde": 17,
            "ort": "Rathaus Neukölln, Saal 1",
            "oeffentlich": False,
            "verteiler": verteiler,
            "anmeldung_erforderlich": True,
            "plaetze": 40,
            "sprachen": ["de", "ar"],
        },
        {
            "art": Veranstaltung.Art.WERKSTATT,
            "titel": "Werkstatt: Öffentlichkeitsarbeit für Vereine",
            "beschreibung": "Wie erreichen wir neue Mitglieder? Pressearbeit, Social Media, Flyer.",
            "organisation": msos[0],
            "tage": 9,
            "stunde": 18,
            "ort": "Nachbarschaftshaus Rixdorf",
            "anmeldung_erforderlich": True,
            "plaetze": 12,
            "sprachen": ["de", "ar"],
            "uebersetzungen": {
                "ar": {
                    "titel": "ورشة عمل: العلاقات العامة للجمعيات",
                    "beschreibung": "كيف نصل إلى أعضاء جدد؟ العمل الصحفي، "
                    "وسائل التواصل، المنشورات.",
                }
            },
        },
        {
            "art": Veranstaltung.Art.ONLINESEMINAR,
            "titel": "Online-Seminar: Kandidieren für den Integrationsbeirat",
            "beschreibung": "Wer darf kandidieren, wie läuft die Wahl, was macht der Beirat?",
            "organisation": None,
            "tage": 23,
            "stunde": 19,
            "online_link": "https://konferenz.invalid/integrationsbeirat",
            "anmeldung_erforderlich": True,
            "plaetze": None,
            "sprachen": ["de"],
        },
        {
            "art": Veranstaltung.Art.FEST,
            "titel": "Sommerfest der Nachbarschaft",
            "beschreibung": "Musik, Essen aus vielen Ländern und ein Kinderprogramm.",
            "organisation": msos[1],
            "tage": 30,
            "stunde": 14,
            "ort": "Kiezladen Schöneweide",
            "eintritt": Decimal("0"),
            "sprachen": ["de", "uk"],
            "uebersetzungen": {"uk": {"titel": "Літнє свято сусідства"}},
        },
        {
            "art": Veranstaltung.Art.KONFERENZ,
            "titel": "Fachtag Teilhabe: Konferenz mit Workshops",
            "beschreibung": "Workshops zu Ehrenamt, Antidiskriminierung und Vereinsfinanzen.",
            "organisation": msos[2],
            "tage": 40,
            "stunde": 10,
            "ort": "Kulturhaus Spandau",
            "eintritt": Decimal("5.00"),
            "anmeldung_erforderlich": True,
            "plaetze": 80,
            "sprachen": ["de", "fa"],
        },
    ]
    for daten in eintraege:
        tage, stunde = daten.pop("tage"), daten.pop("stunde")
        codes = daten.pop("sprachen")
        beginn = heute.replace(hour=stunde) + timedelta(days=tage)
        veranstaltung, neu = Veranstaltung.objects.get_or_create(
            titel=daten.pop("titel"),
            defaults={
                **daten,
                "region": berlin,
                "bezirk": neukoelln if daten.get("ort", "").endswith("Neukölln, Saal 1") else None,
                "beginn": beginn,
                "ende": beginn + timedelta(hours=3),
                "veroeffentlicht": True,
                "erstellt_von": netzwerk,
            },
        )
        if neu:
            veranstaltung.sprachen.set([sprachen[c] for c in codes if c in sprachen])


def _netzwerktreffen(berlin, netzwerk, olga):
    """The network meetings run as a jour-fixe series with the network's circle: members
    propose topics for the next meeting, whose event page shows the agenda."""

    serie = JourFixeSerie.objects.filter(region=berlin, kreis=KEY).first()
    if serie is None:
        serie = JourFixeSerie(
            region=berlin,
            titel="Netzwerktreffen der Migrant*innenorganisationen",
            regel="FREQ=MONTHLY;BYDAY=3TH",
            erster_tag=timezone.localdate(),
            beginn=time(17),
            ende=time(20),
            ort="Rathaus Neukölln, Saal 1",
            kreis=KEY,
            themenfrist_tage=2,
        )
        jourfixe.serie_anlegen(serie, netzwerk)
    termin = serie.termine.filter(beginn__gt=timezone.now() + timedelta(days=3)).first()
    treffen = Veranstaltung.objects.filter(art=Veranstaltung.Art.NETZWERKTREFFEN).first()
    if termin is None or treffen is None or treffen.termin_id:
        return
    treffen.termin, treffen.beginn, treffen.ende = termin, termin.beginn, termin.ende
    treffen.save()
    for titel, person in [
        ("Räume für Vereinstreffen finden", olga),
        ("Kandidaturen für den Integrationsbeirat", netzwerk),
    ]:
        jourfixe.thema_vorschlagen(termin, person, titel)
