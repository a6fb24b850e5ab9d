"""Personal data of volunteering: profile, languages, checks, applications, assignments,
hours: common/datenschutz.py."""

from django.utils.translation import gettext_lazy as _

from common.datenschutz import (
    LEER,
    SELBST,
    Kategorie,
    KeinePersonendaten,
    Loeschung,
    Personendaten,
    Rechtsgrundlage,
    keine_personendaten,
)
from common.datenschutz import beitragen as personendaten_beitragen

VERMITTLUNG = _("Vermittlung von Freiwilligen an Bedarfe der Unterkünfte")
EINSATZ = _("Durchführung und Nachweis der Einsätze")
#: who sees a volunteer's record: the person, and the coordination of a shelter they
#: applied to or help at (freiwillige/permissions.py)
KOORDINATION = (SELBST, "plattform_admin", "ehrenamtskoordination")
#: insurance and liability proof: statutory accident insurance covers organised voluntary
#: work, claims become time-barred after three years (§ 195 BGB)
NACHWEIS_MONATE = 36
NACHWEIS = _(
    "Nachweis der Einsätze für die gesetzliche Unfallversicherung und Haftungsfragen "
    "(Verjährung nach § 195 BGB)."
)
NACH_NACHWEISFRIST = _("36 Monate nach Ende des Einsatzes, danach nur als Zahl")


def beitragen() -> None:
    personendaten_beitragen(
        Personendaten(
            model="freiwillige.Profil",
            kategorie=Kategorie.PROFIL,
            zweck=VERMITTLUNG,
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=(
                "status",
                "geburtsjahr",
                "telefon",
                "heimatbezirk",
                "freitext",
                "bevorzugte_regionen",
                "interessen",
            ),
            person=("person",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Ohne Vermittlung hat das Profil keinen Zweck."),
            speicherdauer=_("bis zur Löschung des Kontos"),
            empfaenger=KOORDINATION,
        ),
        Personendaten(
            model="freiwillige.Verfuegbarkeit",
            kategorie=Kategorie.PROFIL,
            zweck=VERMITTLUNG,
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("wochentag", "von", "bis"),
            person=("profil__person",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Ohne Vermittlung hat das Profil keinen Zweck."),
            speicherdauer=_("bis zur Löschung des Kontos"),
            empfaenger=KOORDINATION,
        ),
        Personendaten(
            model="freiwillige.Sprachkenntnis",
            kategorie=Kategorie.SPRACHKENNTNISSE,
            zweck=VERMITTLUNG,
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("sprache", "niveau"),
            person=("profil__person",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Ohne Vermittlung hat das Profil keinen Zweck."),
            speicherdauer=_("bis zur Löschung des Kontos"),
            empfaenger=KOORDINATION,
        ),
        Personendaten(
            model="freiwillige.Zustimmung",
            kategorie=Kategorie.NACHWEISE,
            zweck=_("Nachweis der Datenschutzhinweise und der Verschwiegenheitspflicht"),
            rechtsgrundlage=Rechtsgrundlage.PFLICHT,
            felder=("erklaerung", "zeitpunkt"),
            person=("person",),
            loeschung=Loeschung.AUFBEWAHREN,
            frist_monate=NACHWEIS_MONATE,
            frist_ab=("zeitpunkt", "person__einsaetze__ende"),
            begruendung=_(
                "Die Verpflichtung zur Verschwiegenheit wirkt über das Engagement hinaus "
                "und muss nachweisbar bleiben (Art. 5 Abs. 2 DSGVO)."
            ),
            speicherdauer=NACH_NACHWEISFRIST,
            empfaenger=KOORDINATION,
        ),
        Personendaten(
            model="freiwillige.Nachweis",
            kategorie=Kategorie.NACHWEISE,
            zweck=_("Einsichtnahme in Führungszeugnis, Masernschutz und Belehrungen"),
            rechtsgrundlage=Rechtsgrundlage.PFLICHT,
            felder=("art", "ausgestellt_am", "eingesehen_am", "ergebnis", "faellig_am"),
            person=("person",),
            akteure=("eingesehen_von",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_(
                "Daten aus der Einsicht in ein Führungszeugnis sind spätestens drei Monate "
                "nach Ende der Tätigkeit zu löschen (§ 72a Abs. 5 SGB VIII)."
            ),
            speicherdauer=_("bis spätestens 3 Monate nach Ende des letzten Einsatzes"),
            empfaenger=KOORDINATION,
        ),
        Personendaten(
            model="freiwillige.Bewerbung",
            kategorie=Kategorie.ENGAGEMENT,
            zweck=VERMITTLUNG,
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("bedarf", "nachricht", "status", "created_at"),
            person=("person",),
            loeschung=Loeschung.AGGREGAT,
            ersatz={"nachricht": LEER},
            begruendung=_(
                "Ein Einsatz hängt an seiner Bewerbung, und die Kennzahlen zählen "
                "Bewerbungen: die Nachricht geht, die Zahl bleibt."
            ),
            speicherdauer=_("bis zur Löschung des Kontos, danach nur als Zahl"),
            empfaenger=KOORDINATION,
        ),
        Personendaten(
            model="freiwillige.Bewerbungseinladung",
            kategorie=Kategorie.ENGAGEMENT,
            zweck=VERMITTLUNG,
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("bedarf", "zeitpunkt"),
            person=("person",),
            akteure=("von",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Eine Einladung zur Bewerbung sagt danach nichts mehr aus."),
            speicherdauer=_("bis zur Löschung des Kontos"),
            empfaenger=KOORDINATION,
        ),
        Personendaten(
            model="freiwillige.Einsatz",
            kategorie=Kategorie.ENGAGEMENT,
            zweck=EINSATZ,
            rechtsgrundlage=Rechtsgrundlage.PFLICHT,
            felder=("unterkunft", "bedarf", "status", "beginn", "ende"),
            person=("person",),
            loeschung=Loeschung.AUFBEWAHREN,
            frist_monate=NACHWEIS_MONATE,
            frist_ab=("ende",),
            begruendung=NACHWEIS,
            speicherdauer=NACH_NACHWEISFRIST,
            empfaenger=KOORDINATION,
        ),
        Personendaten(
            model="freiwillige.Verlaufseintrag",
            kategorie=Kategorie.ENGAGEMENT,
            zweck=EINSATZ,
            rechtsgrundlage=Rechtsgrundlage.PFLICHT,
            felder=("von_status", "nach_status", "notiz", "zeitpunkt"),
            person=("bewerbung__person", "einsatz__person"),
            akteure=("akteur",),
            loeschung=Loeschung.AUFBEWAHREN,
            frist_monate=NACHWEIS_MONATE,
            frist_ab=("zeitpunkt", "einsatz__ende"),
            ersatz={"notiz": LEER},
            begruendung=NACHWEIS,
            speicherdauer=NACH_NACHWEISFRIST,
            empfaenger=KOORDINATION,
        ),
        Personendaten(
            model="freiwillige.Stundeneintrag",
            kategorie=Kategorie.ENGAGEMENT,
            zweck=EINSATZ,
            rechtsgrundlage=Rechtsgrundlage.PFLICHT,
            felder=("datum", "stunden", "taetigkeit", "bestaetigt_am"),
            person=("einsatz__person",),
            akteure=("erfasst_von", "bestaetigt_von"),
            loeschung=Loeschung.AUFBEWAHREN,
            frist_monate=NACHWEIS_MONATE,
            frist_ab=("einsatz__ende",),
            ersatz={"taetigkeit": LEER},
            begruendung=NACHWEIS,
            speicherdauer=NACH_NACHWEISFRIST,
            empfaenger=KOORDINATION,
        ),
    )
    keine_personendaten(
        KeinePersonendaten(
            "freiwillige.Erklaerung", _("Der Text ist der einer Erklärung, für alle gleich.")
        )
    )
