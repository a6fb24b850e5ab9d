"""Application → assignment: every state change is a function with an acting user, leaves a
history entry and queues a notice for the other side, all in one transaction."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.notices import notice_write
from common.scoping import allows
from unterkuenfte.models import Bedarf, Unterkunft
from unterkuenfte.services import hausverbot_besteht

from .models import Bewerbung, Einsatz, Verlaufseintrag
from .nachweise import Status, anforderungen_status


class NichtMoeglich(Exception):
    """The step is refused; ``gruende`` says exactly why, one sentence each."""

    def __init__(self, *gruende):
        super().__init__(" ".join(gruende))
        self.gruende = list(gruende)


def _verlauf(bewerbung, von, nach, akteur, einsatz=None, notiz=""):
    Verlaufseintrag.objects.create(
        bewerbung=bewerbung,
        einsatz=einsatz,
        von_status=von,
        nach_status=nach,
        akteur=akteur,
        notiz=notiz,
    )


def _koordination(unterkunft):
    return [
        grant.user
        for grant in unterkunft.unterkunftuserobjectpermission_set.select_related("user").filter(
            permission__codename="koordinieren"
        )
    ]


def bewerbung_create(person, bedarf: Bedarf, nachricht: str = "") -> Bewerbung:
    if not Bedarf.objects.for_user(person, "public").filter(pk=bedarf.pk).exists():
        raise NichtMoeglich(_("Dieser Bedarf ist nicht mehr offen."))
    if hausverbot_besteht(person, bedarf.unterkunft):
        raise NichtMoeglich(_("Eine Bewerbung bei dieser Unterkunft ist derzeit nicht möglich."))
    try:
        with transaction.atomic():
            bewerbung = Bewerbung.objects.create(bedarf=bedarf, person=person, nachricht=nachricht)
            _verlauf(bewerbung, "", Bewerbung.Status.OFFEN, person)
            for empfaenger in _koordination(bedarf.unterkunft):
                notice_write(empfaenger, "bewerbung_eingegangen", bewerbung)
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


@transaction.atomic
def bewerbung_accept(bewerbung: Bewerbung, akteur) -> Einsatz:
    """Accepts an application: checks, creates the assignment, counts the helper."""
    bewerbung = (
        Bewerbung.objects.select_for_update()
        .select_related("bedarf__unterkunft")
        .get(pk=bewerbung.pk)
    )
    bedarf, unterkunft = bewerbung.bedarf, bewerbung.bedarf.unterkunft
    if not allows(akteur, "change", unterkunft):
        raise NichtMoeglich(_("Nur die Koordination dieser Unterkunft kann Bewerbungen annehmen."))
    if bewerbung.status not in Bewerbung.WARTEND:
        raise NichtMoeglich(_("Über diese Bewerbung ist bereits entschieden."))
    gruende = fehlende_anforderungen(bewerbung.person, bedarf)
    if hausverbot_besteht(bewerbung.person, unterkunft):
        gruende.append(_("Für diese Person besteht ein Hausverbot in dieser Unterkunft."))
    if gruende:
        raise NichtMoeglich(*gruende)
    von = bewerbung.status
    bewerbung.status = Bewerbung.Status.ANGENOMMEN
    bewerbung.save(update_fields=["status", "updated_at"])
    einsatz = Einsatz.objects.create(
        bewerbung=bewerbung, person=bewerbung.person, bedarf=bedarf, unterkunft=unterkunft
    )
    _verlauf(bewerbung, von, bewerbung.status, akteur, einsatz)
    Bedarf.objects.filter(pk=bedarf.pk).update(anzahl_besetzt=F("anzahl_besetzt") + 1)
    # a need whose every place is taken leaves the board
    Bedarf.objects.filter(
        pk=bedarf.pk, status=Bedarf.Status.OFFEN, anzahl_besetzt__gte=F("anzahl_helfende")
    ).update(status=Bedarf.Status.BESETZT)
    notice_write(bewerbung.person, "bewerbung_angenommen", bewerbung)
    return einsatz


@transaction.atomic
def bewerbung_decline(bewerbung: Bewerbung, akteur, notiz: str = "") -> Bewerbung:
    if not allows(akteur, "decide", bewerbung):
        raise NichtMoeglich(_("Nur die Koordination dieser Unterkunft kann Bewerbungen ablehnen."))
    return _beenden(bewerbung, Bewerbung.Status.ABGELEHNT, akteur, notiz, bewerbung.person)


@transaction.atomic
def bewerbung_withdraw(bewerbung: Bewerbung, akteur) -> Bewerbung:
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
    for person in [empfaenger] if empfaenger else _koordination(bewerbung.bedarf.unterkunft):
        notice_write(person, f"bewerbung_{status}", bewerbung)
    return bewerbung


@transaction.atomic
def einsatz_status_set(einsatz: Einsatz, status: str, akteur) -> Einsatz:
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
    andere = (
        [einsatz.person]
        if akteur.pk != einsatz.person_id
        else _koordination(Unterkunft.objects.get(pk=einsatz.unterkunft_id))
    )
    for person in andere:
        notice_write(person, f"einsatz_{status}", einsatz)
    return einsatz
