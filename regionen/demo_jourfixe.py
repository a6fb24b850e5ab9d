"""Demo jours fixes for Nord and Südost: a held meeting with minutes and an open action item
that now heads the next agenda, proposed topics with votes, and answers.

Called by the shelters' demo once their coordinators exist (the circle is made of them).
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from konten.models import User

from . import services
from .models import Aufgabe, JourFixeSerie, Region, Stimme, Teilnahme, Termin, Thema

#: the first coordinators' answers to the next Termin
ANTWORTEN = ["ja", "ja", "vielleicht", "nein", "ja"]

THEMEN = [
    ("Winterkleidung: Spendenlager gemeinsam nutzen", "Wer hat Platz, wer hat Bedarf?"),
    ("Sprachmittlung für Arztbesuche", "Erfahrungen mit dem Dolmetschpool und Videodolmetschen."),
    ("Freiwillige halten: Dank und Anerkennung", ""),
]


def _serie(region, titel, regel, akteur, **daten):
    serie = JourFixeSerie.objects.filter(region=region, titel=titel).first()
    if serie is None:
        serie = JourFixeSerie(
            region=region, titel=titel, regel=regel, kreis="ehrenamtskoordination"
        )
        for feld, wert in daten.items():
            setattr(serie, feld, wert)
        services.serie_anlegen(serie, akteur)
    return serie


def _gehaltener_termin(serie, akteur, koordination):
    """Last month's meeting, with attendance, minutes and an action item still open."""
    beginn = timezone.make_aware(
        datetime.combine(timezone.localdate() - timedelta(days=28), serie.beginn)
    )
    termin, neu = Termin.objects.get_or_create(
        serie=serie,
        vorgesehen=beginn,
        defaults={"beginn": beginn, "ende": beginn + timedelta(hours=2)},
    )
    if not neu:
        return
    Teilnahme.objects.bulk_create(
        [
            Teilnahme(termin=termin, person=person, antwort="ja", anwesend=nummer % 3 != 2)
            for nummer, person in enumerate(koordination)
        ]
    )
    termin.protokoll = (
        "Austausch zur Lage in den Unterkünften; Bericht aus der Fortbildung Basis. "
        "Mehrere Häuser suchen Freiwillige für Hausaufgabenhilfe am Nachmittag."
    )
    termin.beschluesse = (
        "Gemeinsame Liste der Spendenlager anlegen\nNächster Jour fixe mit Gast vom Gesundheitsamt"
    )
    termin.protokoll_veroeffentlicht_am = beginn + timedelta(hours=4)
    termin.save()
    Aufgabe.objects.create(
        termin=termin,
        titel="Liste der Spendenlager mit Öffnungszeiten zusammenstellen",
        verantwortlich=koordination[0] if koordination else akteur,
        faellig_am=timezone.localdate() + timedelta(days=5),
    )


def _naechster_termin(serie, koordination):
    termin = serie.termine.kommend().first()
    if termin is None or termin.themen.exists():
        return
    for nummer, (titel, text) in enumerate(THEMEN):
        thema = Thema.objects.create(
            termin=termin,
            titel=titel,
            beschreibung=text,
            vorgeschlagen_von=koordination[nummer % len(koordination)],
        )
        Stimme.objects.bulk_create(
            [Stimme(thema=thema, person=person) for person in koordination[: 6 - 2 * nummer]]
        )
    Teilnahme.objects.bulk_create(
        [
            Teilnahme(termin=termin, person=person, antwort=antwort)
            for person, antwort in zip(koordination, ANTWORTEN, strict=False)
        ]
    )


def anlegen(kontext, elif_):
    nord = Region.objects.get(slug="berlin-nord")
    suedost = Region.objects.get(slug="berlin-suedost")
    rk_nord = User.objects.get(email="rk-nord@demo.invalid")
    rk_suedost = User.objects.get(email="rk-suedost@demo.invalid")
    erster_tag = timezone.localdate() - timedelta(days=60)
    serie_nord = _serie(
        nord,
        "Jour fixe Ehrenamtskoordination Nord",
        "FREQ=MONTHLY;BYDAY=2WE",
        rk_nord,
        erster_tag=erster_tag,
        beginn=time(10),
        ende=time(12),
        ort="Stadtteilzentrum Pankow, Raum 2",
        beschreibung="Austausch der Ehrenamtskoordinationen der Region Nord.",
    )
    _serie(
        suedost,
        "Jour fixe Südost (online)",
        "FREQ=MONTHLY;BYDAY=-1TU",
        rk_suedost,
        erster_tag=erster_tag,
        beginn=time(14),
        ende=time(15, 30),
        online_link="https://konferenz.example.invalid/jourfixe-suedost",
    )
    koordination = [elif_, *services.eingeladene(serie_nord).exclude(pk=elif_.pk)[:7]]
    _gehaltener_termin(serie_nord, rk_nord, koordination)
    _naechster_termin(serie_nord, koordination)
