"""A monthly jour fixe in Nord (its next Termin has a topic and an action item for ek_a) and
one in Südost, with their Termine for the coming months. Rows are written directly: fixtures
need no notices."""

from dataclasses import dataclass
from datetime import time

from django.utils import timezone

from konten.models import Kalenderschluessel
from regionen.models import Aufgabe, JourFixeSerie, Termin, Thema
from regionen.services import termine_materialisieren
from tests.welten.grundlage import Grundlage, zusammensetzen


@dataclass(kw_only=True)
class Jourfixe(Grundlage):
    serie_nord: JourFixeSerie
    termin_nord: Termin
    thema_nord: Thema
    aufgabe_nord: Aufgabe
    serie_suedost: JourFixeSerie
    termin_suedost: Termin
    kalender_ek_a: Kalenderschluessel


def _serie_mit_termin(region, titel):
    serie = JourFixeSerie.objects.create(
        region=region,
        titel=titel,
        regel="FREQ=MONTHLY;BYDAY=2WE",
        erster_tag=timezone.localdate(),
        beginn=time(10),
        ende=time(12),
        kreis="ehrenamtskoordination",
    )
    termine_materialisieren(serie)
    return serie, serie.termine.first()


def jourfixe_bauen(g: Grundlage) -> Jourfixe:
    serie_nord, termin_nord = _serie_mit_termin(g.nord, "Jour fixe Nord")
    serie_suedost, termin_suedost = _serie_mit_termin(g.suedost, "Jour fixe Südost")
    return zusammensetzen(
        Jourfixe,
        g,
        serie_nord=serie_nord,
        termin_nord=termin_nord,
        thema_nord=Thema.objects.create(
            termin=termin_nord, titel="Thema-Nord-vertraulich", vorgeschlagen_von=g.ek_a
        ),
        aufgabe_nord=Aufgabe.objects.create(
            termin=termin_nord, titel="Aufgabe-Nord-vertraulich", verantwortlich=g.ek_a
        ),
        serie_suedost=serie_suedost,
        termin_suedost=termin_suedost,
        kalender_ek_a=Kalenderschluessel.objects.create(person=g.ek_a),
    )
