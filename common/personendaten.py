"""Personal data of the shared machinery: notices to deliver and import jobs."""

from django.utils.translation import gettext_lazy as _

from common.datenschutz import (
    SELBST,
    Kategorie,
    KeinePersonendaten,
    Loeschung,
    Personendaten,
    Rechtsgrundlage,
    keine_personendaten,
)
from common.datenschutz import beitragen as personendaten_beitragen


def beitragen() -> None:
    personendaten_beitragen(
        Personendaten(
            model="common.Notice",
            kategorie=Kategorie.KOMMUNIKATION,
            zweck=_("Sofortige Benachrichtigungen über Änderungen, die die Person betreffen"),
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("art", "daten", "created_at", "zugestellt_am"),
            person=("empfaenger",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Eine Nachricht an eine gelöschte Person erreicht niemanden."),
            speicherdauer=_("bis zur Zustellung, danach als Versandnachweis"),
            empfaenger=(SELBST,),
        ),
        Personendaten(
            model="common.Importauftrag",
            kategorie=Kategorie.URHEBERSCHAFT,
            zweck=_("Einlesen von Listen (etwa Verteiler) mit Fortschritt und Ergebnis"),
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("dateiname", "created_at", "ergebnis", "fehler"),
            person=("erstellt_von",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_(
                "Die hochgeladene Datei kann Adressen Dritter enthalten; ihr Ergebnis steht "
                "längst in den Zielen des Imports."
            ),
            speicherdauer=_("bis zur Löschung des Kontos, das ihn angelegt hat"),
            empfaenger=(SELBST, "plattform_admin"),
        ),
    )
    keine_personendaten(KeinePersonendaten("common.Sprache", _("Der Name ist der einer Sprache.")))
