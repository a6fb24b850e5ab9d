"""Personal data of the shelters: contact person, grants, access bans:
common/datenschutz.py."""

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
    objektrechte,
)
from common.datenschutz import beitragen as personendaten_beitragen


def beitragen() -> None:
    personendaten_beitragen(
        Personendaten(
            model="unterkuenfte.Unterkunft",
            kategorie=Kategorie.KONTAKTDATEN,
            zweck=_("Ansprechperson der Ehrenamtskoordination einer Unterkunft"),
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("ek_name", "ek_email", "ek_telefon"),
            email=("ek_email",),
            name=("ek_name",),
            loeschung=Loeschung.ANONYMISIEREN,
            ersatz={"ek_name": LEER, "ek_email": LEER, "ek_telefon": LEER},
            begruendung=_("Die Unterkunft bleibt, nur ihre Ansprechperson wird entfernt."),
            speicherdauer=_("solange die Person die Unterkunft koordiniert"),
            # assigned volunteers see the contact on their assignment
            empfaenger=(
                SELBST,
                "plattform_admin",
                "regionalkoordination",
                "ehrenamtskoordination",
                "freiwillige",
            ),
        ),
        objektrechte(
            "unterkuenfte.UnterkunftUserObjectPermission",
            _("Ehrenamtskoordination: die Unterkünfte, die eine Person koordiniert"),
        ),
        Personendaten(
            model="unterkuenfte.Hausverbot",
            kategorie=Kategorie.HAUSVERBOTE,
            zweck=_("Schutz der Bewohnenden: befristete Hausverbote je Unterkunft"),
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("unterkunft", "von", "bis", "grund", "beendet_am"),
            person=("person",),
            akteure=("erteilt_von",),
            loeschung=Loeschung.AUFBEWAHREN,
            frist_monate=12,
            frist_ab=("bis",),
            ersatz={"grund": LEER},
            begruendung=_(
                "Ein Hausverbot gilt bis zu seinem Ende, auch wenn die Person ihr Konto "
                "löscht; danach bleibt es ein Jahr zum Nachweis, ohne Grund."
            ),
            speicherdauer=_("bis 12 Monate nach seinem Ende, danach ohne Grund"),
            # the reason only for those who decide on bans (unterkuenfte/permissions.py)
            empfaenger=("plattform_admin", "ehrenamtskoordination"),
        ),
    )
    keine_personendaten(
        KeinePersonendaten("unterkuenfte.Unterkunftsart", _("Der Name ist der einer Art.")),
        KeinePersonendaten("unterkuenfte.Anforderungsart", _("Der Name ist der einer Art.")),
        KeinePersonendaten(
            "unterkuenfte.Taetigkeitsfeld", _("Der Name ist der eines Tätigkeitsfelds.")
        ),
    )
