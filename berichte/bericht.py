"""A region report as pages, exports and the API show it: rows of figures for one region or
for the regions below one region side by side, the previous period beside them, small
numbers of people hidden.

Closed periods come from the frozen figures (``Berichtsstand``) where they exist; anything
else is computed from the live data in the aggregate queries of ``kennzahlen.py``.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regionen.models import Region

from . import kennzahlen
from .models import Berichtsstand
from .schutz import WENIGER, aufteilung_verborgen, verborgen, zu_klein

#: key of the whole platform among the areas (regions are keyed by their id)
GESAMT = "gesamt"


@dataclass(frozen=True)
class Zeile:
    key: str
    label: object
    #: zahl, personen, stunden, tage or quote: how the value is written and protected
    art: str
    #: the heading of the group the row opens, if it opens one
    gruppe: object = None
    #: what exactly is counted, where the label alone could be read another way
    erlaeuterung: object = None


ZEILEN = [
    Zeile(
        "unterkuenfte", gettext_lazy("Unterkünfte in Betrieb"), "zahl", gettext_lazy("Unterkünfte")
    ),
    Zeile("kapazitaet", gettext_lazy("Plätze"), "zahl"),
    Zeile("belegung", gettext_lazy("Belegung"), "zahl"),
    Zeile(
        "freiwillige_aktiv",
        gettext_lazy("Freiwillige im Einsatz"),
        "personen",
        gettext_lazy("Freiwillige"),
        gettext_lazy(
            "Personen mit mindestens einem Einsatz, der im Zeitraum lief, gezählt am Ort des "
            "Bedarfs. „Freiwillige in Zahlen“ zählt dagegen die Freiwilligen mit aktivem "
            "Profil nach ihrem Wohnbezirk, ob im Einsatz oder nicht."
        ),
    ),
    Zeile(
        "freiwillige_neu",
        gettext_lazy("Neue Freiwillige"),
        "personen",
        erlaeuterung=gettext_lazy("Personen, deren erster Einsatz im Zeitraum begann."),
    ),
    Zeile(
        "einsaetze",
        gettext_lazy("Einsätze im Zeitraum"),
        "personen",
        erlaeuterung=gettext_lazy(
            "Einsätze, die an mindestens einem Tag des Zeitraums liefen, auch pausierte und "
            "seither beendete."
        ),
    ),
    Zeile("stunden", gettext_lazy("Bestätigte Stunden"), "stunden"),
    Zeile(
        "bedarfe_offen",
        gettext_lazy("Offene Bedarfe zum Berichtsstand"),
        "zahl",
        gettext_lazy("Bedarfe"),
        gettext_lazy(
            "Bedarfe, die zum oben genannten Stand noch Helfer*innen suchten; für den "
            "laufenden Zeitraum dieselbe Zahl wie in „Freiwillige in Zahlen“."
        ),
    ),
    Zeile("bedarfe_neu", gettext_lazy("Neue Bedarfe"), "zahl"),
    Zeile("median_tage_bis_besetzt", gettext_lazy("Tage bis zur Besetzung (Median)"), "tage"),
    Zeile("jourfixe", gettext_lazy("Jours fixes"), "zahl", gettext_lazy("Jours fixes")),
    Zeile("jourfixe_quote", gettext_lazy("Anteil vertretener Unterkünfte"), "quote"),
    Zeile("anmeldungen", gettext_lazy("Anmeldungen"), "personen", gettext_lazy("Fortbildung")),
    Zeile(
        "abschluesse",
        gettext_lazy("Abschlüsse"),
        "personen",
        erlaeuterung=gettext_lazy(
            "Gezählt im Zeitraum, in dem die erfasste Anwesenheit den Kurs abschloss; die "
            "Bescheinigung trägt den Tag der letzten Sitzung."
        ),
    ),
    Zeile("warteliste", gettext_lazy("Auf der Warteliste"), "personen"),
    Zeile(
        "organisationen_aktiv",
        gettext_lazy("Aktive Mitgliedsorganisationen"),
        "zahl",
        gettext_lazy("Netzwerk"),
        gettext_lazy(
            "Organisationen auf den Verteilern, gezählt in der Region ihres Verteilers und "
            "in der Region, in der sie tätig sind."
        ),
    ),
    Zeile("organisationen_inaktiv", gettext_lazy("Inaktive Mitgliedsorganisationen"), "zahl"),
    Zeile("veranstaltungen", gettext_lazy("Veranstaltungen"), "zahl"),
]


@dataclass
class Zelle:
    """A shown value: ``wert`` is None where it is hidden or there is none."""

    wert: object
    text: str
    verborgen: bool = False


@dataclass
class Spalte:
    key: object
    titel: str
    region: object
    zellen: dict
    vorher: dict
    veraenderung: dict
    je_feld: list = field(default_factory=list)  # (field of activity, Zelle)
    eingefroren_am: object = None
    vorlaeufig: bool = False


@dataclass
class Bericht:
    periode: object
    vorige: object
    #: the region the report is about (side by side: the region above the columns)
    region: object
    nebeneinander: bool
    spalten: list
    zeilen: list = field(default_factory=lambda: ZEILEN)

    @property
    def eingefroren_am(self):
        """When the period's figures were stored (None: computed from the live data)."""
        staende = [s.eingefroren_am for s in self.spalten]
        return min(staende) if staende and all(staende) else None

    @property
    def vorlaeufig(self) -> bool:
        """Stored while the period was still running: recomputed every hour."""
        return bool(self.eingefroren_am) and any(s.vorlaeufig for s in self.spalten)

    @property
    def felder(self) -> list[str]:
        """Every field of activity any column has assignments in, in order."""
        return sorted({name for spalte in self.spalten for name, _zelle in spalte.je_feld})


# --- the tree a report draws from -------------------------------------------------------


@dataclass
class Baum:
    regionen: dict  # id -> Region
    bereiche: dict  # key -> region ids of the area (None: everything)
    kinder: dict  # key -> keys of the areas directly below


def baum(wurzel) -> Baum:
    """The areas of ``wurzel`` (a Region, or None for the whole platform) and everything
    below it, each with the ids of its subtree."""
    regionen = Region.objects.order_by("pfad")
    if wurzel is not None:
        regionen = regionen.filter(pfad__startswith=wurzel.pfad)
    regionen = {r.pk: r for r in regionen.only("pk", "name", "pfad", "oberregion_id")}
    bereiche = {
        pk: [x.pk for x in regionen.values() if x.pfad.startswith(r.pfad)]
        for pk, r in regionen.items()
    }
    kinder = {pk: [] for pk in regionen}
    if wurzel is None:
        bereiche[GESAMT] = None
        kinder[GESAMT] = []
    for r in regionen.values():
        if r.oberregion_id in kinder:
            kinder[r.oberregion_id].append(r.pk)
        elif wurzel is None:
            kinder[GESAMT].append(r.pk)
    return Baum(regionen, bereiche, kinder)


def _als_key(region) -> object:
    return GESAMT if region is None else region.pk


def rohzahlen(tree: Baum, periode) -> tuple[dict, dict]:
    """Raw figures per area key, and per key the stored row they come from (None: computed
    now). Stored figures, final or provisional, are taken as they are; what is missing is
    computed from the live data."""
    staende = Berichtsstand.objects.filter(periode=periode.schluessel).filter(
        region_id__in=[k for k in tree.bereiche if k != GESAMT]
    )
    if GESAMT in tree.bereiche:
        staende = staende | Berichtsstand.objects.filter(
            periode=periode.schluessel, region__isnull=True
        )
    werte, gespeichert = {}, {}
    for stand in staende:
        key = stand.region_id or GESAMT
        werte[key], gespeichert[key] = stand.zahlen, stand
    fehlend = {k: ids for k, ids in tree.bereiche.items() if k not in werte}
    if fehlend:
        werte.update(kennzahlen.berechnen(fehlend, periode))
    return werte, gespeichert


# --- writing the values ----------------------------------------------------------------


def _quote(zahlen: dict):
    if not zahlen.get("unterkuenfte"):
        return None
    return round(100 * zahlen.get("vertretene_unterkuenfte", 0) / zahlen["unterkuenfte"])


def _zahl(wert, stellen=0) -> str:
    return number_format(wert, decimal_pos=stellen, use_l10n=True, force_grouping=True)


def _text(zeile: Zeile, wert) -> str:
    if wert is None:
        return "—"
    if zeile.art == "stunden":
        return _zahl(wert, 1)
    if zeile.art == "tage":
        return _zahl(wert, 1)
    if zeile.art == "quote":
        return f"{_zahl(wert)} %"
    return _zahl(wert)


def _zelle(zeile: Zeile, zahlen: dict, versteckt: bool) -> Zelle:
    wert = _quote(zahlen) if zeile.key == "jourfixe_quote" else zahlen.get(zeile.key)
    if versteckt:
        # the cell itself is small, or hidden so that a total does not give a small one away
        klein = zahlen.get("stunden_personen" if zeile.key == "stunden" else zeile.key) or 0
        return Zelle(None, WENIGER if zu_klein(klein) else _("verborgen"), True)
    return Zelle(wert, _text(zeile, wert))


def _zellen(zahlen: dict, key, verborgene: dict) -> dict:
    return {z.key: _zelle(z, zahlen, key in verborgene.get(z.key, ())) for z in ZEILEN}


def _veraenderung(jetzt: Zelle, vorher: Zelle, zeile: Zeile) -> str:
    if jetzt.wert is None or vorher.wert is None:
        return ""
    unterschied = jetzt.wert - vorher.wert
    text = _text(zeile, abs(unterschied)).removesuffix(" %")
    zeichen = "+" if unterschied > 0 else "−" if unterschied < 0 else "±"
    return f"{zeichen}{text}" + (_(" Pkt.") if zeile.art == "quote" else "")


def _je_feld(zahlen: dict, spalte_versteckt: bool) -> list:
    aufteilung = zahlen.get("je_feld", {})
    versteckt = set(aufteilung) if spalte_versteckt else aufteilung_verborgen(aufteilung)
    zeile = Zeile("feld", "", "personen")
    return [
        (
            name,
            Zelle(None, WENIGER if zu_klein(anzahl) else _("verborgen"), True)
            if name in versteckt
            else Zelle(anzahl, _text(zeile, anzahl)),
        )
        for name, anzahl in sorted(aufteilung.items())
    ]


def _titel(tree: Baum, key, summe: bool) -> str:
    if key == GESAMT:
        return _("Alle Regionen")
    name = tree.regionen[key].name
    return _("%(region)s gesamt") % {"region": name} if summe else name


def bericht_erstellen(region, periode, nebeneinander: bool = False) -> Bericht:
    """The report of ``region`` (None: the whole platform) for ``periode``; side by side:
    the regions directly below it and their total."""
    tree = baum(region)
    vorige = periode.vorige()
    jetzt, gespeichert = rohzahlen(tree, periode)
    vorher, _gespeichert = rohzahlen(tree, vorige)
    verborgen_jetzt = verborgen(jetzt, tree.kinder)
    verborgen_vorher = verborgen(vorher, tree.kinder)
    oben = _als_key(region)
    keys = [*tree.kinder[oben], oben] if nebeneinander else [oben]
    spalten = []
    for key in keys:
        zellen = _zellen(jetzt[key], key, verborgen_jetzt)
        frueher = _zellen(vorher[key], key, verborgen_vorher)
        spalten.append(
            Spalte(
                key=key,
                titel=_titel(tree, key, nebeneinander and key == oben),
                region=tree.regionen.get(key),
                zellen=zellen,
                vorher=frueher,
                veraenderung={
                    z.key: _veraenderung(zellen[z.key], frueher[z.key], z) for z in ZEILEN
                },
                je_feld=_je_feld(jetzt[key], key in verborgen_jetzt["einsaetze"]),
                eingefroren_am=getattr(gespeichert.get(key), "eingefroren_am", None),
                vorlaeufig=getattr(gespeichert.get(key), "vorlaeufig", False),
            )
        )
    return Bericht(periode, vorige, region, nebeneinander, spalten)
