"""Personal data of the network: contact persons, lists, events: common/datenschutz.py."""

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
    objektrechte,
)
from common.datenschutz import beitragen as personendaten_beitragen

VERTEILER = _("Verteiler des Netzwerks: Einladungen und Nachrichten an die Mitglieder")
VERANSTALTUNGEN = _("Veranstaltungen des Netzwerks mit Anmeldung")
#: who runs a list and sees its members (netzwerk/permissions.py)
VERTEILER_LESENDE = (SELBST, "plattform_admin", "regionalkoordination")
URHEBER_LEEREN = _(
    "Der Eintrag gehört dem Netzwerk, nicht der Person: nur der Verweis auf sie wird geleert."
)


def beitragen() -> None:
    personendaten_beitragen(
        Personendaten(
            model="netzwerk.Organisation",
            kategorie=Kategorie.KONTAKTDATEN,
            zweck=_("Kontaktperson eines Vereins oder Trägers"),
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("kontakt_name", "kontakt_email", "kontakt_telefon"),
            email=("kontakt_email",),
            name=("kontakt_name",),
            loeschung=Loeschung.ANONYMISIEREN,
            ersatz={"kontakt_name": LEER, "kontakt_email": LEER, "kontakt_telefon": LEER},
            begruendung=_("Die Organisation bleibt, nur ihre Kontaktperson wird entfernt."),
            speicherdauer=_("solange die Person Kontakt der Organisation ist"),
            # a published Steckbrief shows its contact person to everyone
            empfaenger=(OEFFENTLICH, "plattform_admin", "organisationskontakt"),
        ),
        Personendaten(
            model="netzwerk.Aufnahmeschritt",
            kategorie=Kategorie.URHEBERSCHAFT,
            zweck=_("Aufnahme eines Vereins in das Netzwerk"),
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("erledigt_von", "notiz"),
            akteure=("erledigt_von",),
            loeschung=Loeschung.ANONYMISIEREN,
            begruendung=URHEBER_LEEREN,
            speicherdauer=_("solange die Organisation besteht"),
            empfaenger=("plattform_admin", "regionalkoordination"),
        ),
        objektrechte(
            "netzwerk.OrganisationUserObjectPermission",
            _("Organisationskontakt: die Organisationen, für die eine Person spricht"),
        ),
        Personendaten(
            model="netzwerk.Veranstaltung",
            kategorie=Kategorie.URHEBERSCHAFT,
            zweck=VERANSTALTUNGEN,
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("erstellt_von",),
            akteure=("erstellt_von",),
            loeschung=Loeschung.ANONYMISIEREN,
            begruendung=URHEBER_LEEREN,
            speicherdauer=_("solange die Veranstaltung besteht"),
            empfaenger=("plattform_admin", "organisationskontakt", "regionalkoordination"),
        ),
        Personendaten(
            model="netzwerk.Veranstaltungsanmeldung",
            kategorie=Kategorie.TREFFEN,
            zweck=VERANSTALTUNGEN,
            rechtsgrundlage=Rechtsgrundlage.VERTRAG,
            felder=("veranstaltung", "status", "created_at", "teilgenommen"),
            person=("person",),
            loeschung=Loeschung.AGGREGAT,
            begruendung=_("Die Regionsberichte zählen Anmeldungen zu Veranstaltungen."),
            speicherdauer=_("bis zum Ende der Veranstaltung, danach nur als Zahl"),
            empfaenger=(SELBST, "plattform_admin", "organisationskontakt", "regionalkoordination"),
        ),
        Personendaten(
            model="netzwerk.Mitgliedschaft",
            kategorie=Kategorie.NETZWERK,
            zweck=VERTEILER,
            rechtsgrundlage=Rechtsgrundlage.EINWILLIGUNG,
            felder=("verteiler", "status", "letzte_aktivitaet", "entfernt_am"),
            person=("person",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Ein Eintrag im Verteiler besteht nur mit der Einwilligung der Person."),
            speicherdauer=_("bis zur Abmeldung oder Entfernung wegen Inaktivität"),
            empfaenger=VERTEILER_LESENDE,
        ),
        Personendaten(
            model="netzwerk.Verteilerereignis",
            kategorie=Kategorie.NETZWERK,
            zweck=VERTEILER,
            rechtsgrundlage=Rechtsgrundlage.EINWILLIGUNG,
            felder=("art", "zeit", "notiz"),
            person=("mitgliedschaft__person",),
            akteure=("akteur",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Der Verlauf einer Mitgliedschaft geht mit ihr."),
            speicherdauer=_("solange die Mitgliedschaft besteht"),
            empfaenger=VERTEILER_LESENDE,
        ),
        Personendaten(
            model="netzwerk.Verteilernachricht",
            kategorie=Kategorie.URHEBERSCHAFT,
            zweck=VERTEILER,
            rechtsgrundlage=Rechtsgrundlage.INTERESSE,
            felder=("absender", "betreff"),
            akteure=("absender",),
            loeschung=Loeschung.ANONYMISIEREN,
            begruendung=URHEBER_LEEREN,
            speicherdauer=_("solange der Verteiler besteht"),
            empfaenger=VERTEILER_LESENDE,
        ),
        Personendaten(
            model="netzwerk.Zustellung",
            kategorie=Kategorie.NETZWERK,
            zweck=VERTEILER,
            rechtsgrundlage=Rechtsgrundlage.EINWILLIGUNG,
            felder=("art", "anlass", "gesendet_am"),
            person=("mitgliedschaft__person",),
            loeschung=Loeschung.LOESCHEN,
            begruendung=_("Der Versandnachweis geht mit der Mitgliedschaft."),
            speicherdauer=_("solange die Mitgliedschaft besteht"),
            empfaenger=("plattform_admin",),
        ),
    )
    keine_personendaten(
        KeinePersonendaten("netzwerk.Arbeitsfeld", _("Der Name ist der eines Arbeitsfelds.")),
        KeinePersonendaten("netzwerk.Verteiler", _("Der Name ist der eines Verteilers.")),
    )
