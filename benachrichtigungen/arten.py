"""The kinds of immediate notices the apps write (common/notices.py): the group a person
switches on or off, subject and sentence, and the page the mail links to.

Texts take their values from the notice's ``daten``, written with the change, so wording a
notice reads no other row. A kind missing here still goes out, with a general text.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from common.zeichen import einzeilig

from .models import Kategorie


@dataclass(frozen=True)
class Art:
    kategorie: str
    betreff: str
    text: str
    #: URL name of the page to open; takes the notice's object id unless ``mit_id`` is False
    ziel: str | None = None
    mit_id: bool = True


_B, _J = Kategorie.BEWERBUNGEN, Kategorie.JOURFIXE
_F, _N = Kategorie.FORTBILDUNG, Kategorie.NETZWERK

ARTEN = {
    # applications and assignments (freiwillige)
    "bewerbung_eingegangen": Art(
        _B,
        _("Neue Bewerbung: %(titel)s"),
        _(
            "%(person)s hat sich auf „%(titel)s“ beworben. Bitte entscheiden Sie über die "
            "Bewerbung."
        ),
        "freiwillige:bewerbung",
    ),
    "bewerbung_angenommen": Art(
        _B,
        _("Ihre Bewerbung ist angenommen: %(titel)s"),
        _(
            "Willkommen! Ihre Bewerbung auf „%(titel)s“ ist angenommen. Ort und Ansprechperson "
            "finden Sie bei Ihrem Einsatz."
        ),
        "freiwillige:bewerbung",
    ),
    "bewerbung_rueckfrage": Art(
        _B,
        _("Rückfrage zu Ihrer Bewerbung: %(titel)s"),
        _("Die Koordination hat eine Frage zu Ihrer Bewerbung auf „%(titel)s“."),
        "freiwillige:bewerbung",
    ),
    "bewerbung_antwort": Art(
        _B,
        _("Antwort auf Ihre Rückfrage: %(titel)s"),
        _("%(person)s hat auf Ihre Rückfrage zur Bewerbung auf „%(titel)s“ geantwortet."),
        "freiwillige:bewerbung",
    ),
    "bewerbung_abgelehnt": Art(
        _B,
        _("Ihre Bewerbung auf „%(titel)s“"),
        _(
            "Ihre Bewerbung auf „%(titel)s“ wurde leider nicht angenommen. Auf der "
            "Bedarfsbörse warten weitere Aufgaben auf Sie."
        ),
        "freiwillige:bewerbung",
    ),
    "bewerbung_zurueckgezogen": Art(
        _B,
        _("Bewerbung zurückgezogen: %(titel)s"),
        _("%(person)s hat die Bewerbung auf „%(titel)s“ zurückgezogen."),
        "freiwillige:bewerbung",
    ),
    "einsatz_pausiert": Art(
        _B,
        _("Einsatz pausiert: %(titel)s"),
        _("%(akteur)s hat den Einsatz „%(titel)s“ pausiert."),
        "freiwillige:einsatz",
    ),
    "einsatz_aktiv": Art(
        _B,
        _("Einsatz fortgesetzt: %(titel)s"),
        _("%(akteur)s hat den Einsatz „%(titel)s“ wieder aufgenommen."),
        "freiwillige:einsatz",
    ),
    "einsatz_beendet": Art(
        _B,
        _("Einsatz beendet: %(titel)s"),
        _("%(akteur)s hat den Einsatz „%(titel)s“ beendet. Danke für die gemeinsame Zeit!"),
        "freiwillige:einsatz",
    ),
    "zur_bewerbung_eingeladen": Art(
        _B,
        _("Einladung: %(titel)s"),
        _("Ihr Profil passt zu „%(titel)s“: die Koordination lädt Sie ein, sich zu bewerben."),
        "freiwillige:bewerben",
    ),
    # jours fixes (regionen)
    "jourfixe_eingeladen": Art(
        _J,
        _("Einladung zum Jour fixe: %(titel)s"),
        _("Sie gehören zum Kreis des Jour fixe „%(titel)s“. Die Termine stehen in Ihrem Kalender."),
        "regionen:serie",
    ),
    "jourfixe_beendet": Art(
        _J,
        _("Jour fixe beendet: %(titel)s"),
        _("Die Reihe „%(titel)s“ ist beendet; weitere Termine entfallen."),
        "regionen:serie",
    ),
    "termin_verschoben": Art(
        _J,
        _("Termin verschoben auf %(neu)s"),
        _("Ein Jour-fixe-Termin ist vom %(vorher)s auf den %(neu)s verschoben."),
        "regionen:termin",
    ),
    "termin_abgesagt": Art(
        _J,
        _("Termin abgesagt: %(termin)s"),
        _("Der Jour-fixe-Termin am %(termin)s fällt aus."),
        "regionen:termin",
    ),
    "tagesordnung_veroeffentlicht": Art(
        _J,
        _("Die Tagesordnung steht fest"),
        _("Die Tagesordnung für den nächsten Jour-fixe-Termin ist veröffentlicht."),
        "regionen:termin",
    ),
    "protokoll_veroeffentlicht": Art(
        _J,
        _("Protokoll veröffentlicht"),
        _("Das Protokoll eines Jour-fixe-Termins ist veröffentlicht."),
        "regionen:termin",
    ),
    "aufgabe_zugewiesen": Art(
        _J,
        _("Neue Aufgabe: %(titel)s"),
        _("Beim Jour fixe wurde Ihnen die Aufgabe „%(titel)s“ übertragen."),
        "regionen:aufgaben",
        mit_id=False,
    ),
    # training (fortbildung)
    "fortbildung_kurs_geaendert": Art(
        _F,
        _("Kurs geändert: %(titel)s"),
        _("Beim Kurs „%(titel)s“ haben sich Termine oder Ort geändert."),
        "fortbildung:kurs",
    ),
    "fortbildung_nachgerueckt": Art(
        _F,
        _("Ein Platz ist frei: %(titel)s"),
        _("Sie sind von der Warteliste nachgerückt und für „%(titel)s“ angemeldet."),
        "fortbildung:meine",
        mit_id=False,
    ),
    "fortbildung_abgeschlossen": Art(
        _F,
        _("Kurs abgeschlossen: %(titel)s"),
        _(
            "Sie haben „%(titel)s“ abgeschlossen. Ihre Teilnahmebescheinigung finden Sie unter "
            "„Meine Fortbildungen“."
        ),
        "fortbildung:meine",
        mit_id=False,
    ),
    "qualifikation_erteilt": Art(
        _F,
        _("Qualifikation erteilt: %(name)s"),
        _("Ihnen wurde die Qualifikation „%(name)s“ erteilt."),
        "fortbildung:meine",
        mit_id=False,
    ),
    "fortbildung_wunsch_aufgegriffen": Art(
        _F,
        _("Ihr Themenwunsch wird ein Kurs: %(wunsch)s"),
        _(
            "Aus dem Themenwunsch „%(wunsch)s“ ist ein Kurs geworden. Melden Sie sich an, "
            "solange Plätze frei sind."
        ),
        "fortbildung:kurs",
    ),
    # network (netzwerk)
    "netzwerk_eingeladen": Art(
        _N,
        _("Einladung zum Netzwerktreffen: %(titel)s"),
        _("Ihre Organisation ist zum Netzwerktreffen „%(titel)s“ eingeladen."),
        "netzwerk:veranstaltung",
    ),
    "veranstaltung_geaendert": Art(
        _N,
        _("Veranstaltung geändert: %(titel)s"),
        _(
            "Bei „%(titel)s“ haben sich Zeit, Ort oder Programm geändert, oder die "
            "Veranstaltung wurde abgesagt. Bitte sehen Sie nach."
        ),
        "netzwerk:veranstaltung",
    ),
    "veranstaltung_nachgerueckt": Art(
        _N,
        _("Ein Platz ist frei: %(titel)s"),
        _("Sie sind von der Warteliste nachgerückt und für „%(titel)s“ angemeldet."),
        "netzwerk:meine",
        mit_id=False,
    ),
    # reminders (written by the daily job, see common/digest.py)
    "erinnerung_termin": Art(
        _J,
        _("Morgen: %(titel)s"),
        _("Erinnerung: Morgen, %(termin)s, trifft sich der Jour fixe „%(titel)s“."),
        "regionen:termin",
    ),
    "erinnerung_aufgabe": Art(
        _J,
        _("Aufgabe fällig am %(datum)s: %(titel)s"),
        _("Erinnerung: Ihre Aufgabe „%(titel)s“ aus dem Jour fixe ist am %(datum)s fällig."),
        "regionen:aufgaben",
        mit_id=False,
    ),
    "erinnerung_sitzung": Art(
        _F,
        _("Morgen: %(titel)s"),
        _("Erinnerung: Morgen, %(beginn)s, findet eine Sitzung von „%(titel)s“ statt. %(ort)s"),
        "fortbildung:kurs",
    ),
    "erinnerung_nachweis": Art(
        _B,
        _("Nachweis bald erneut vorlegen: %(art)s"),
        _(
            "Ihr Nachweis „%(art)s“ muss bis %(datum)s erneut vorgelegt werden. Bitte "
            "sprechen Sie Ihre Koordination an, damit Ihr Einsatz weiterlaufen kann."
        ),
        "freiwillige:profil",
        mit_id=False,
    ),
}

ALLGEMEIN = Art(
    Kategorie.BEWERBUNGEN,
    _("Neuigkeit auf der Ehrenamt-Plattform"),
    _("Es gibt Neuigkeiten für Sie auf der Ehrenamt-Plattform."),
)


class _Werte(dict):
    """A value the notice lacks reads as empty instead of breaking the mail. A value is a
    title or name inside a sentence: one line, even if it was stored before texts were
    cleaned on input (common/zeichen.py)."""

    def __getitem__(self, key):
        wert = super().__getitem__(key)
        return einzeilig(wert) if isinstance(wert, str) else wert

    def __missing__(self, key):
        return ""


def art_von(notice) -> Art:
    return ARTEN.get(notice.art, ALLGEMEIN)


def betreff(notice) -> str:
    return str(art_von(notice).betreff) % _Werte(notice.daten or {})


def text(notice) -> str:
    return str(art_von(notice).text) % _Werte(notice.daten or {})


def link(notice) -> str:
    """The absolute address of the page the notice is about (the start page as a fallback)."""
    art = art_von(notice)
    pfad = "/"
    if art.ziel:
        try:
            args = [notice.objekt_id] if art.mit_id and notice.objekt_id else []
            pfad = reverse(art.ziel, args=args)
        except NoReverseMatch:
            pfad = "/"
    return settings.SITE_URL + pfad
