"""Demo organisations: fictional shelter operators and migrant self-organisations in Berlin.

All names are invented; contact addresses use the reserved top-level domain ``.invalid`` and
phone numbers the range the Bundesnetzagentur keeps free for fiction (030 23125 xxx).
"""

from konten import roles
from konten.demo import demo_konto
from regionen.models import Region

from .models import Organisation

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
