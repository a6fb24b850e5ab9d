"""Personal data of the shared machinery: notices to deliver and import jobs."""

from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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


def _monate_ab_dem_zugriff_text() -> str:
    monate = settings.ZUGRIFFSPROTOKOLL_MONATE
    return ngettext(
        "%(monate)s Monat ab dem Zugriff", "%(monate)s Monate ab dem Zugriff", monate
    ) % {"monate": monate}


#: in the reader's language, with the configured period
_monate_ab_dem_zugriff = lazy(_monate_ab_dem_zugriff_text, str)


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
        Personendaten(
            model="common.Zugriffsprotokoll",
            kategorie=Kategorie.PROTOKOLLE,
            bezeichnung=_("Wer hat Ihre Angaben eingesehen"),
            zweck=_(
                "Nachvollziehbarkeit, wer Nachweise, Hausverbote und Profilangaben einer "
                "Person eingesehen hat"
            ),
            rechtsgrundlage=Rechtsgrundlage.PFLICHT,
            felder=("akteur", "art", "ansicht", "zeitpunkt"),
            person=("person",),
            akteure=("akteur",),
            loeschung=Loeschung.AUFBEWAHREN,
            frist_monate=settings.ZUGRIFFSPROTOKOLL_MONATE,
            frist_ab=("zeitpunkt",),
            begruendung=_(
                "Wer Einsicht in besonders schutzwürdige Angaben hatte, muss nachweisbar "
                "bleiben (Art. 5 Abs. 2, Art. 32 DSGVO)."
            ),
            speicherdauer=_monate_ab_dem_zugriff(),
            empfaenger=(SELBST, "plattform_admin"),
        ),
    )
    keine_personendaten(
        KeinePersonendaten("common.Sprache", _("Der Name ist der einer Sprache.")),
        KeinePersonendaten(
            "common.Aufbewahrungsregel", _("Der Name ist der einer Regel des Aufbewahrungsplans.")
        ),
        KeinePersonendaten(
            "common.Aufbewahrungslauf",
            _("Der Bericht eines Laufs enthält nur Zahlen je Regel, keine Personen."),
        ),
    )
