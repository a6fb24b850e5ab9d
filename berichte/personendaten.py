"""Personal data of the region reports: who asked for an export: common/datenschutz.py.
The reports themselves hold counts only."""

from django.utils.translation import gettext_lazy as _

from common.datenschutz import (
    SELBST,
    Kategorie,
    Loeschung,
    Personendaten,
    Rechtsgrundlage,
)
from common.datenschutz import beitragen as personendaten_beitragen


def beitragen() -> None:
    personendaten_beitragen(
        Personendaten(
            model="berichte.Exportauftrag",
            kategorie=Kategorie.URHEBERSCHAFT,
            zweck=_("Export eines Regionsberichts für die Person, die ihn angefordert hat"),
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("format", "periode", "created_at"),
            person=("erstellt_von",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Die Datei gehört der Person, die sie angefordert hat."),
            speicherdauer=_("bis zur Löschung des Kontos"),
            empfaenger=(SELBST,),
        ),
    )
