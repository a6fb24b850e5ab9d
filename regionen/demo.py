"""Berlin with its regions Nord, West and Südost, the 12 districts, and regional coordinators."""

from konten import roles
from konten.demo import demo_konto

from .models import Bezirk, Region

BERLIN = {
    "Nord": ["Mitte", "Pankow", "Reinickendorf", "Spandau"],
    "West": [
        "Charlottenburg-Wilmersdorf",
        "Steglitz-Zehlendorf",
        "Tempelhof-Schöneberg",
        "Friedrichshain-Kreuzberg",
    ],
    "Südost": ["Neukölln", "Treptow-Köpenick", "Marzahn-Hellersdorf", "Lichtenberg"],
}

SLUGS = {"Nord": "berlin-nord", "West": "berlin-west", "Südost": "berlin-suedost"}


def _slug(name):
    return name.lower().replace("ö", "oe").replace("ü", "ue").replace("ä", "ae").replace("ß", "ss")


def anlegen(kontext):
    berlin, _created = Region.objects.get_or_create(
        slug="berlin", defaults={"name": "Berlin", "art": Region.Art.STADT}
    )
    for name, bezirke in BERLIN.items():
        region, _created = Region.objects.get_or_create(
            slug=SLUGS[name],
            defaults={"name": name, "art": Region.Art.REGION, "oberregion": berlin},
        )
        kontext.objekte[f"region_{SLUGS[name]}"] = region
        for bezirk in bezirke:
            Bezirk.objects.get_or_create(
                slug=_slug(bezirk), defaults={"name": bezirk, "region": region}
            )
    rolle = roles.rolle("regionalkoordination")
    for email, name, slug in [
        ("rk-nord@demo.invalid", "Rana Nord", "berlin-nord"),
        ("rk-suedost@demo.invalid", "Sören Südost", "berlin-suedost"),
    ]:
        user = demo_konto(kontext, email, name)
        region = kontext.objekte[f"region_{slug}"]
        rolle.grant(user, region)
        kontext.persona(f"{rolle.label} {region.name}", user)
