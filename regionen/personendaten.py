"""Personal data of the regions' jours fixes and grants: common/datenschutz.py."""

from django.utils.translation import gettext_lazy as _

from common.datenschutz import (
    SELBST,
    Kategorie,
    KeinePersonendaten,
    Loeschung,
    Personendaten,
    Rechtsgrundlage,
    keine_personendaten,
    objektrechte,
)
from common.datenschutz import beitragen as personendaten_beitragen

JOUR_FIXE = _("Planung und Dokumentation der regionalen Jours fixes")
#: who sees a region's jours fixes (regionen/permissions.py)
JOUR_FIXE_LESENDE = (SELBST, "plattform_admin", "regionalkoordination", "ehrenamtskoordination")
URHEBER_LEEREN = _(
    "Der Eintrag gehört der Region, nicht der Person: nur der Verweis auf sie wird geleert."
)


def beitragen() -> None:
    personendaten_beitragen(
        objektrechte(
            "regionen.RegionUserObjectPermission",
            _("Regionalkoordination: die Regionen, die eine Person koordiniert"),
        ),
        Personendaten(
            model="regionen.JourFixeSerie",
            kategorie=Kategorie.URHEBERSCHAFT,
            zweck=JOUR_FIXE,
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("erstellt_von", "weitere_eingeladene"),
            akteure=("erstellt_von", "weitere_eingeladene"),
            loeschung=Loeschung.ANONYMISIEREN,
            begruendung=URHEBER_LEEREN,
            speicherdauer=_("solange die Serie besteht"),
            empfaenger=JOUR_FIXE_LESENDE,
        ),
        Personendaten(
            model="regionen.Thema",
            kategorie=Kategorie.URHEBERSCHAFT,
            zweck=JOUR_FIXE,
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("vorgeschlagen_von", "titel"),
            akteure=("vorgeschlagen_von",),
            loeschung=Loeschung.ANONYMISIEREN,
            begruendung=URHEBER_LEEREN,
            speicherdauer=_("solange der Termin besteht"),
            empfaenger=JOUR_FIXE_LESENDE,
        ),
        Personendaten(
            model="regionen.Aufgabe",
            kategorie=Kategorie.TREFFEN,
            zweck=JOUR_FIXE,
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("titel", "verantwortlich", "faellig_am", "status"),
            akteure=("verantwortlich",),
            loeschung=Loeschung.ANONYMISIEREN,
            begruendung=_("Die Aufgabe bleibt für das Protokoll, ohne Verantwortliche."),
            speicherdauer=_("solange der Termin besteht"),
            empfaenger=JOUR_FIXE_LESENDE,
        ),
        Personendaten(
            model="regionen.Stimme",
            kategorie=Kategorie.TREFFEN,
            zweck=JOUR_FIXE,
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("thema", "created_at"),
            person=("person",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Eine Stimme ist nur bis zur Tagesordnung von Belang."),
            speicherdauer=_("solange der Termin besteht"),
            empfaenger=(SELBST, "plattform_admin"),
        ),
        Personendaten(
            model="regionen.Teilnahme",
            kategorie=Kategorie.TREFFEN,
            zweck=JOUR_FIXE,
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("termin", "antwort", "anwesend"),
            person=("person",),
            loeschung=Loeschung.AGGREGAT,
            begruendung=_("Die Regionsberichte zählen die Teilnahme an Jours fixes."),
            speicherdauer=_("solange der Termin besteht, danach nur als Zahl"),
            empfaenger=JOUR_FIXE_LESENDE,
        ),
    )
    keine_personendaten(
        KeinePersonendaten("regionen.Region", _("Der Name ist der einer Region.")),
        KeinePersonendaten("regionen.Bezirk", _("Der Name ist der eines Bezirks.")),
    )
