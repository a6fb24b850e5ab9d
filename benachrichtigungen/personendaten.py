"""Personal data of notifications: preferences and the send ledger: common/datenschutz.py."""

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
            model="benachrichtigungen.Einstellung",
            kategorie=Kategorie.KOMMUNIKATION,
            zweck=_("Wahl, worüber und wie oft eine Person benachrichtigt wird"),
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("digest", "wochentag", "abbestellt", "updated_at"),
            person=("person",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Gehört nur zur Person."),
            speicherdauer=_("solange das Konto besteht"),
            empfaenger=(SELBST,),
        ),
        Personendaten(
            model="benachrichtigungen.Versand",
            kategorie=Kategorie.KOMMUNIKATION,
            zweck=_("Nachweis, dass jede Zusammenfassung genau einmal versandt wird"),
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("art", "periode", "erledigt_am", "ergebnis"),
            person=("empfaenger",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("An eine gelöschte Person wird nichts mehr versandt."),
            speicherdauer=_("solange das Konto besteht"),
            empfaenger=("plattform_admin",),
        ),
    )
