"""The charts of a report, one description for the page (Chart.js), the XLSX (native
charts) and the PDF (SVG). A hidden value is a gap with its text ("< 5") beside it."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass
class Reihe:
    name: str
    werte: list  # numbers, None where hidden or missing
    texte: list  # what the table says for each value


@dataclass
class Diagramm:
    key: str
    titel: str
    beschriftungen: list
    reihen: list

    @property
    def zeilen(self) -> list:
        """``(label, [text per series])``: the chart as table rows."""
        return [
            (beschriftung, [reihe.texte[nummer] for reihe in self.reihen])
            for nummer, beschriftung in enumerate(self.beschriftungen)
        ]

    def als_json(self) -> dict:
        return {
            "titel": self.titel,
            "beschriftungen": self.beschriftungen,
            "reihen": [{"name": r.name, "werte": r.werte, "texte": r.texte} for r in self.reihen],
        }


def _reihe(name, zellen) -> Reihe:
    return Reihe(name, [z.wert for z in zellen], [z.text for z in zellen])


def diagramme(bericht) -> list[Diagramm]:
    if bericht.nebeneinander:
        regionen = bericht.spalten[:-1]  # the total would dwarf its parts
        return [
            Diagramm(
                f"nebeneinander-{key}",
                titel,
                [s.titel for s in regionen],
                [_reihe(bericht.periode.label, [s.zellen[key] for s in regionen])],
            )
            for key, titel in (
                ("freiwillige_aktiv", _("Freiwillige im Einsatz je Region")),
                ("einsaetze", _("Einsätze je Region")),
                ("bedarfe_offen", _("Offene Bedarfe je Region")),
            )
        ]
    spalte = bericht.spalten[0]
    vergleich = ("freiwillige_aktiv", "freiwillige_neu", "einsaetze", "bedarfe_neu")
    zeilen = {z.key: z for z in bericht.zeilen}
    return [
        Diagramm(
            "felder",
            _("Einsätze je Tätigkeitsfeld"),
            [name for name, _zelle in spalte.je_feld],
            [_reihe(bericht.periode.label, [zelle for _name, zelle in spalte.je_feld])],
        ),
        Diagramm(
            "vergleich",
            _("Im Vergleich zum Vorzeitraum"),
            [str(zeilen[key].label) for key in vergleich],
            [
                _reihe(bericht.vorige.label, [spalte.vorher[key] for key in vergleich]),
                _reihe(bericht.periode.label, [spalte.zellen[key] for key in vergleich]),
            ],
        ),
    ]


# --- SVG for the PDF -------------------------------------------------------------------------

BREITE, ZEILE, RAND_LINKS = 480, 18, 170
FARBEN = ("#8aa6c1", "#0b5ed7")


def svg_balken(diagramm: Diagramm) -> dict:
    """Geometry of a horizontal bar chart, drawn by the PDF template."""
    groesste = max((w for r in diagramm.reihen for w in r.werte if w is not None), default=0) or 1
    platz = BREITE - RAND_LINKS - 60
    balken, y = [], 4
    for nummer, beschriftung in enumerate(diagramm.beschriftungen):
        for index, reihe in enumerate(diagramm.reihen):
            wert = reihe.werte[nummer]
            laenge = 0 if wert is None else max(1, round(platz * wert / groesste))
            balken.append(
                {
                    "y": y,
                    "beschriftung": beschriftung if index == 0 else "",
                    "laenge": laenge,
                    "text": reihe.texte[nummer],
                    "text_x": RAND_LINKS + laenge + 4,
                    "farbe": FARBEN[(index + 2 - len(diagramm.reihen)) % len(FARBEN)],
                }
            )
            y += ZEILE
        y += 4
    return {
        "titel": diagramm.titel,
        "breite": BREITE,
        "hoehe": y + 4,
        "rand": RAND_LINKS,
        "balken": balken,
        "legende": [
            (reihe.name, FARBEN[(i + 2 - len(diagramm.reihen)) % len(FARBEN)])
            for i, reihe in enumerate(diagramm.reihen)
        ],
    }
