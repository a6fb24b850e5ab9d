"""Personal data of the training series: enrolments, attendance, qualifications, topic
wishes: common/datenschutz.py."""

from django.utils.translation import gettext_lazy as _

from common.datenschutz import (
    LEER,
    OEFFENTLICH,
    SELBST,
    Kategorie,
    KeinePersonendaten,
    Loeschung,
    Personendaten,
    Rechtsgrundlage,
    keine_personendaten,
)
from common.datenschutz import beitragen as personendaten_beitragen

FORTBILDUNG = _("Durchführung der Fortbildungsreihen und Nachweis der Teilnahme")
#: who sees enrolments: the person, the training team, the coordination of the shelter
#: the person coordinates (fortbildung/permissions.py)
TEAM = (SELBST, "plattform_admin", "fortbildungsteam", "ehrenamtskoordination")


def beitragen() -> None:
    personendaten_beitragen(
        Personendaten(
            model="fortbildung.Anmeldung",
            kategorie=Kategorie.FORTBILDUNG,
            zweck=FORTBILDUNG,
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("kurs", "status", "created_at", "abgeschlossen_am", "bescheinigungscode"),
            person=("person",),
            loeschung=Loeschung.AGGREGAT,
            ersatz={"bescheinigungscode": None},
            begruendung=_(
                "Die Regionsberichte zählen Anmeldungen und Abschlüsse; der Prüfcode der "
                "Bescheinigung bestätigt danach niemanden mehr."
            ),
            speicherdauer=_("bis zur Löschung des Kontos, danach nur als Zahl"),
            empfaenger=TEAM,
        ),
        Personendaten(
            model="fortbildung.Anwesenheit",
            kategorie=Kategorie.FORTBILDUNG,
            zweck=FORTBILDUNG,
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("sitzung", "created_at"),
            person=("anmeldung__person",),
            akteure=("erfasst_von",),
            loeschung=Loeschung.AGGREGAT,
            begruendung=_("Die Anwesenheit zählt für die Quote des Kurses."),
            speicherdauer=_("bis zur Löschung des Kontos, danach nur als Zahl"),
            empfaenger=TEAM,
        ),
        Personendaten(
            model="fortbildung.Erteilung",
            kategorie=Kategorie.FORTBILDUNG,
            zweck=_("Qualifikationen als Voraussetzung für weitere Kurse"),
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("qualifikation", "erteilt_am", "gueltig_bis", "kurs", "grund"),
            person=("person",),
            akteure=("erteilt_von",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Eine Qualifikation gilt nur für die Person selbst."),
            speicherdauer=_("bis zum Ende ihrer Gültigkeit oder zur Löschung des Kontos"),
            empfaenger=TEAM,
        ),
        Personendaten(
            model="fortbildung.Themenwunsch",
            kategorie=Kategorie.URHEBERSCHAFT,
            zweck=_("Bedarfserhebung für die Fortbildungsplanung"),
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("titel", "beschreibung", "vorgeschlagen_von"),
            akteure=("vorgeschlagen_von",),
            loeschung=Loeschung.ANONYMISIEREN,
            begruendung=_("Der Wunsch bleibt für die Planung, ohne wer ihn geäußert hat."),
            speicherdauer=_("solange der Wunsch offen ist"),
            empfaenger=(SELBST, "plattform_admin", "fortbildungsteam"),
        ),
        Personendaten(
            model="fortbildung.Wunschstimme",
            kategorie=Kategorie.FORTBILDUNG,
            zweck=_("Bedarfserhebung für die Fortbildungsplanung"),
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("wunsch", "created_at"),
            person=("person",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Eine Stimme gehört nur der Person."),
            speicherdauer=_("solange der Wunsch offen ist"),
            empfaenger=(SELBST, "plattform_admin"),
        ),
        Personendaten(
            model="fortbildung.Kurs",
            kategorie=Kategorie.KONTAKTDATEN,
            zweck=_("Angabe der Kursleitung im Programm"),
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("leitung",),
            name=("leitung",),
            loeschung=Loeschung.ANONYMISIEREN,
            ersatz={"leitung": LEER},
            begruendung=_("Der Kurs bleibt, nur der Name der Leitung wird entfernt."),
            speicherdauer=_("solange der Kurs im Programm steht"),
            empfaenger=(OEFFENTLICH, "plattform_admin", "fortbildungsteam"),
        ),
    )
    keine_personendaten(
        KeinePersonendaten("fortbildung.Qualifikation", _("Der Name ist der einer Qualifikation."))
    )
