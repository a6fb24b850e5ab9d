"""Application → assignment: every state change is a function with an acting user, leaves a
history entry and queues a notice for the other side, all in one transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.notices import notice_write
from common.scoping import allows, holders
from common.workflow import NichtMoeglich
from netzwerk.models import Organisation
from netzwerk.services import kontaktpersonen
from unterkuenfte.models import Bedarf, Unterkunft
from unterkuenfte.permissions import KOORDINIEREN
from unterkuenfte.services import hausverbot_besteht

from .erklaerungen import erklaerungen_offen
from .models import (
    Bewerbung,
    Bewerbungseinladung,
    Einsatz,
    Nachweis,
    Profil,
    Stundeneintrag,
    Verlaufseintrag,
)
from .nachweise import Status
from .nachweisstand import anforderungen_status
from .permissions import personen_der_koordination


def _verlauf(bewerbung, von, nach, akteur, einsatz=None, notiz=""):
    Verlaufseintrag.objects.create(
        bewerbung=bewerbung,
        einsatz=einsatz,
        von_status=von,
        nach_status=nach,
        akteur=akteur,
        notiz=notiz,
    )


def _koordination(anbieter) -> list:
    """Who answers for a need: the shelter's coordination or the organisation's contacts."""
    if isinstance(anbieter, Organisation):
        return list(kontaktpersonen(anbieter))
    return list(holders(Unterkunft, KOORDINIEREN, anbieter))


def _hausverbot(person, bedarf_oder_einsatz) -> bool:
    """Bans exist for shelters only; an organisation's call has none."""
    unterkunft = bedarf_oder_einsatz.unterkunft
    return unterkunft is not None and hausverbot_besteht(person, unterkunft)


def bewerbung_anlegen(person, bedarf: Bedarf, nachricht: str = "") -> Bewerbung:
    profil = Profil.objects.filter(person=person).first()
    if profil is None or erklaerungen_offen(person):
        raise NichtMoeglich(
            _("Bitte legen Sie zuerst Ihr Profil an und bestätigen Sie die Erklärungen.")
        )
    if profil.status != Profil.Status.AKTIV:
        raise NichtMoeglich(_("Ihr Engagement ist pausiert oder beendet."))
    if not Bedarf.objects.for_user(person, "public").filter(pk=bedarf.pk).exists():
        raise NichtMoeglich(_("Dieser Bedarf ist nicht mehr offen."))
    if _hausverbot(person, bedarf):
        raise NichtMoeglich(_("Eine Bewerbung bei dieser Unterkunft ist derzeit nicht möglich."))
    try:
        with transaction.atomic():
            bewerbung = Bewerbung.objects.create(bedarf=bedarf, person=person, nachricht=nachricht)
            _verlauf(bewerbung, "", Bewerbung.Status.OFFEN, person)
            for empfaenger in _koordination(bedarf.anbieter):
                notice_write(
                    empfaenger,
                    "bewerbung_eingegangen",
                    bewerbung,
                    titel=bedarf.titel,
                    person=person.anzeigename,
                )
    except IntegrityError:
        raise NichtMoeglich(_("Sie haben sich auf diesen Bedarf bereits beworben.")) from None
    return bewerbung


def fehlende_anforderungen(person, bedarf: Bedarf, stichtag=None) -> list[str]:
    """One sentence per requirement that is missing or expired, for acceptance messages."""
    gruende = []
    for art, (status, nachweis) in anforderungen_status(
        person, bedarf.anforderungen_gesamt(), stichtag
    ).items():
        if status == Status.FEHLT:
            gruende.append(_("„%(art)s“ fehlt.") % {"art": art.name})
        elif status == Status.ABGELAUFEN:
            gruende.append(
                _("„%(art)s“ ist seit %(datum)s abgelaufen.")
                % {"art": art.name, "datum": date_format(nachweis.faellig_am, "SHORT_DATE_FORMAT")}
            )
    return gruende


def _voll(plaetze: int) -> str:
    return ngettext(
        "Der Bedarf sucht %(n)d Person, und dieser Platz ist schon besetzt. Wer mehr "
        "Helfer*innen einsetzen will, erhöht zuerst im Bedarf die Zahl der gesuchten "
        "Helfer*innen.",
        "Alle %(n)d Plätze dieses Bedarfs sind schon besetzt. Wer mehr Helfer*innen "
        "einsetzen will, erhöht zuerst im Bedarf die Zahl der gesuchten Helfer*innen.",
        plaetze,
    ) % {"n": plaetze}


@transaction.atomic
def bewerbung_annehmen(bewerbung: Bewerbung, akteur) -> Einsatz:
    """Accepts an application: checks, creates the assignment, counts the helper."""
    bewerbung = (
        Bewerbung.objects.select_for_update(of=("self",))
        .select_related("bedarf__unterkunft", "bedarf__organisation")
        .get(pk=bewerbung.pk)
    )
    bedarf = bewerbung.bedarf
    if not allows(akteur, "change", bedarf):
        raise NichtMoeglich(_("Nur die Koordination dieses Bedarfs kann Bewerbungen annehmen."))
    if bewerbung.status not in Bewerbung.WARTEND:
        raise NichtMoeglich(_("Über diese Bewerbung ist bereits entschieden."))
    # the places are counted under the need's row lock: two acceptances at once cannot
    # both take the last one
    plaetze = Bedarf.objects.select_for_update().values("anzahl_besetzt", "anzahl_helfende")
    plaetze = plaetze.get(pk=bedarf.pk)
    if plaetze["anzahl_besetzt"] >= plaetze["anzahl_helfende"]:
        raise NichtMoeglich(_voll(plaetze["anzahl_helfende"]))
    gruende = fehlende_anforderungen(bewerbung.person, bedarf)
    if _hausverbot(bewerbung.person, bedarf):
        gruende.append(_("Für diese Person besteht ein Hausverbot in dieser Unterkunft."))
    if gruende:
        raise NichtMoeglich(*gruende)
    von = bewerbung.status
    bewerbung.status = Bewerbung.Status.ANGENOMMEN
    bewerbung.save(update_fields=["status", "updated_at"])
    einsatz = Einsatz.objects.create(
        bewerbung=bewerbung,
        person=bewerbung.person,
        bedarf=bedarf,
        unterkunft_id=bedarf.unterkunft_id,
        organisation_id=bedarf.organisation_id,
    )
    _verlauf(bewerbung, von, bewerbung.status, akteur, einsatz)
    Bedarf.objects.filter(pk=bedarf.pk).update(anzahl_besetzt=F("anzahl_besetzt") + 1)
    # a need whose every place is taken leaves the board
    Bedarf.objects.filter(
        pk=bedarf.pk, status=Bedarf.Status.OFFEN, anzahl_besetzt__gte=F("anzahl_helfende")
    ).update(status=Bedarf.Status.BESETZT)
    notice_write(bewerbung.person, "bewerbung_angenommen", bewerbung, titel=bedarf.titel)
    return einsatz


@transaction.atomic
def bewerbung_rueckfrage(bewerbung: Bewerbung, akteur, frage: str) -> Bewerbung:
    """The coordination asks the applicant something before deciding."""
    if not allows(akteur, "decide", bewerbung):
        raise NichtMoeglich(_("Nur die Koordination dieses Bedarfs kann nachfragen."))
    if not frage.strip():
        raise NichtMoeglich(_("Bitte schreiben Sie Ihre Frage."))
    bewerbung = Bewerbung.objects.select_for_update().get(pk=bewerbung.pk)
    if bewerbung.status not in Bewerbung.WARTEND:
        raise NichtMoeglich(_("Über diese Bewerbung ist bereits entschieden."))
    von, bewerbung.status = bewerbung.status, Bewerbung.Status.RUECKFRAGE
    bewerbung.save(update_fields=["status", "updated_at"])
    _verlauf(bewerbung, von, bewerbung.status, akteur, notiz=frage)
    notice_write(bewerbung.person, "bewerbung_rueckfrage", bewerbung, titel=bewerbung.bedarf.titel)
    return bewerbung


@transaction.atomic
def bewerbung_antworten(bewerbung: Bewerbung, akteur, antwort: str) -> Bewerbung:
    """The applicant answers a question; the application waits for a decision again."""
    if akteur.pk != bewerbung.person_id:
        raise NichtMoeglich(_("Nur die Person selbst kann antworten."))
    if not antwort.strip():
        raise NichtMoeglich(_("Bitte schreiben Sie Ihre Antwort."))
    bewerbung = Bewerbung.objects.select_for_update().get(pk=bewerbung.pk)
    if bewerbung.status != Bewerbung.Status.RUECKFRAGE:
        raise NichtMoeglich(_("Zu dieser Bewerbung ist keine Frage offen."))
    von, bewerbung.status = bewerbung.status, Bewerbung.Status.OFFEN
    bewerbung.save(update_fields=["status", "updated_at"])
    _verlauf(bewerbung, von, bewerbung.status, akteur, notiz=antwort)
    for person in _koordination(bewerbung.bedarf.anbieter):
        notice_write(
            person,
            "bewerbung_antwort",
            bewerbung,
            titel=bewerbung.bedarf.titel,
            person=bewerbung.person.anzeigename,
        )
    return bewerbung


@transaction.atomic
def bewerbung_ablehnen(bewerbung: Bewerbung, akteur, notiz: str = "") -> Bewerbung:
    if not allows(akteur, "decide", bewerbung):
        raise NichtMoeglich(_("Nur die Koordination dieses Bedarfs kann Bewerbungen ablehnen."))
    return _beenden(bewerbung, Bewerbung.Status.ABGELEHNT, akteur, notiz, bewerbung.person)


@transaction.atomic
def bewerbung_zurueckziehen(bewerbung: Bewerbung, akteur) -> Bewerbung:
    if akteur.pk != bewerbung.person_id:
        raise NichtMoeglich(_("Nur die Person selbst kann ihre Bewerbung zurückziehen."))
    return _beenden(bewerbung, Bewerbung.Status.ZURUECKGEZOGEN, akteur, "", None)


def _beenden(bewerbung, status, akteur, notiz, empfaenger):
    bewerbung = Bewerbung.objects.select_for_update().get(pk=bewerbung.pk)
    if bewerbung.status not in Bewerbung.WARTEND:
        raise NichtMoeglich(_("Über diese Bewerbung ist bereits entschieden."))
    von, bewerbung.status = bewerbung.status, status
    bewerbung.save(update_fields=["status", "updated_at"])
    _verlauf(bewerbung, von, status, akteur, notiz=notiz)
    for person in [empfaenger] if empfaenger else _koordination(bewerbung.bedarf.anbieter):
        notice_write(
            person,
            f"bewerbung_{status}",
            bewerbung,
            titel=bewerbung.bedarf.titel,
            person=bewerbung.person.anzeigename,
        )
    return bewerbung


@transaction.atomic
def einsatz_status_setzen(einsatz: Einsatz, status: str, akteur) -> Einsatz:
    """Pauses, resumes or ends an assignment; either side may do it."""
    einsatz = Einsatz.objects.select_for_update().select_related("bewerbung").get(pk=einsatz.pk)
    if not Einsatz.objects.for_user(akteur, "change").filter(pk=einsatz.pk).exists():
        raise NichtMoeglich(_("Diesen Einsatz können Sie nicht ändern."))
    if einsatz.status == Einsatz.Status.BEENDET:
        raise NichtMoeglich(_("Dieser Einsatz ist bereits beendet."))
    von, einsatz.status = einsatz.status, status
    if status == Einsatz.Status.BEENDET:
        einsatz.ende = timezone.localdate()
        # the place is free again: count it back and reopen a filled need
        Bedarf.objects.filter(pk=einsatz.bedarf_id, anzahl_besetzt__gt=0).update(
            anzahl_besetzt=F("anzahl_besetzt") - 1
        )
        Bedarf.objects.filter(pk=einsatz.bedarf_id, status=Bedarf.Status.BESETZT).update(
            status=Bedarf.Status.OFFEN
        )
    einsatz.save(update_fields=["status", "ende", "updated_at"])
    _verlauf(einsatz.bewerbung, von, status, akteur, einsatz)
    andere = [einsatz.person] if akteur.pk != einsatz.person_id else _koordination(einsatz.anbieter)
    for person in andere:
        notice_write(
            person,
            f"einsatz_{status}",
            einsatz,
            titel=einsatz.bedarf.titel,
            akteur=akteur.anzeigename,
        )
    return einsatz


def fz_bestaetigung_moeglich(bewerbung: Bewerbung) -> bool:
    """The letter for a free police clearance is issued while an application waits or once it
    is accepted; not for declined or withdrawn ones."""
    return bewerbung.status in (*Bewerbung.WARTEND, Bewerbung.Status.ANGENOMMEN)


def braucht_fuehrungszeugnis(bedarf: Bedarf) -> bool:
    return any(art.slug == "fuehrungszeugnis" for art in bedarf.anforderungen_gesamt())


def zur_bewerbung_einladen(bedarf: Bedarf, person, akteur) -> Bewerbungseinladung:
    """The coordination asks a matching candidate to apply; asking twice changes nothing."""
    if not allows(akteur, "change", bedarf):
        raise NichtMoeglich(_("Nur die Koordination dieses Bedarfs kann einladen."))
    with transaction.atomic():
        einladung, neu = Bewerbungseinladung.objects.get_or_create(
            bedarf=bedarf, person=person, defaults={"von": akteur}
        )
        if neu:
            notice_write(person, "zur_bewerbung_eingeladen", bedarf, titel=bedarf.titel)
    return einladung


def nachweis_erfassen(person, akteur, **felder) -> Nachweis:
    """Records an inspection; only the coordination of a shelter or organisation the person
    applied to or works at may. Field errors come back as ValidationError and nothing is saved."""
    if not darf_nachweise_erfassen(akteur, person):
        raise NichtMoeglich(
            _(
                "Nachweise erfasst nur die Koordination einer Unterkunft oder Organisation, "
                "bei der die Person sich beworben hat oder eingesetzt ist."
            )
        )
    nachweis = Nachweis(person=person, eingesehen_von=akteur, **felder)
    nachweis.full_clean()
    nachweis.save()
    return nachweis


def darf_nachweise_erfassen(akteur, person) -> bool:
    return akteur.is_staff or personen_der_koordination(akteur).filter(pk=person.pk).exists()


def stunden_pruefen(einsatz: Einsatz, datum, stunden, ausser=None) -> dict:
    """Field errors for an hours entry: not in the future, not before the assignment began,
    at most 24 hours per person and day across all assignments."""
    fehler = {}
    if datum > timezone.localdate():
        fehler["datum"] = _("Stunden können nicht für einen Tag in der Zukunft erfasst werden.")
    elif datum < einsatz.beginn:
        fehler["datum"] = _("Der Einsatz hat erst am %(datum)s begonnen.") % {
            "datum": date_format(einsatz.beginn, "SHORT_DATE_FORMAT")
        }
    elif einsatz.ende and datum > einsatz.ende:
        fehler["datum"] = _("Der Einsatz endete am %(datum)s.") % {
            "datum": date_format(einsatz.ende, "SHORT_DATE_FORMAT")
        }
    if stunden is not None:
        bisher = (
            Stundeneintrag.objects.filter(einsatz__person_id=einsatz.person_id, datum=datum)
            .exclude(pk=getattr(ausser, "pk", None))
            .aggregate(summe=Sum("stunden"))["summe"]
            or 0
        )
        if stunden <= 0:
            fehler["stunden"] = _("Bitte geben Sie eine positive Stundenzahl an.")
        elif bisher + stunden > 24:
            fehler["stunden"] = _(
                "Ein Tag hat 24 Stunden; für diesen Tag sind schon %(bisher)s Stunden erfasst."
            ) % {"bisher": number_format(bisher, decimal_pos=2 if bisher % 1 else 0)}
    return fehler


@transaction.atomic
def stunden_erfassen(einsatz: Einsatz, akteur, datum, stunden, taetigkeit="") -> Stundeneintrag:
    if not Einsatz.objects.for_user(akteur, "change").filter(pk=einsatz.pk).exists():
        raise NichtMoeglich(_("Für diesen Einsatz können Sie keine Stunden erfassen."))
    # one person's entries are checked and written one at a time (the 24-hour rule)
    Einsatz.objects.select_for_update().filter(person_id=einsatz.person_id).exists()
    fehler = stunden_pruefen(einsatz, datum, stunden)
    if fehler:
        raise ValidationError(fehler)
    eintrag = Stundeneintrag.objects.create(
        einsatz=einsatz, datum=datum, stunden=stunden, taetigkeit=taetigkeit, erfasst_von=akteur
    )
    # what the coordination logs is confirmed by logging it
    if akteur.pk != einsatz.person_id:
        _bestaetigen(eintrag, akteur)
    return eintrag


@transaction.atomic
def stunden_bestaetigen(eintrag: Stundeneintrag, akteur) -> Stundeneintrag:
    if not Stundeneintrag.objects.for_user(akteur, "confirm").filter(pk=eintrag.pk).exists():
        raise NichtMoeglich(_("Stunden bestätigt die Koordination des Einsatzes."))
    if eintrag.bestaetigt_am:
        raise NichtMoeglich(_("Diese Stunden sind bereits bestätigt."))
    return _bestaetigen(eintrag, akteur)


def _bestaetigen(eintrag, akteur):
    eintrag.bestaetigt_von, eintrag.bestaetigt_am = akteur, timezone.now()
    eintrag.save(update_fields=["bestaetigt_von", "bestaetigt_am", "updated_at"])
    return eintrag
