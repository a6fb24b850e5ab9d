"""Training workflows: courses and their sessions, registration with a waiting list,
attendance, completion with qualification and certificate, manual grants, topic wishes.

Every step takes the acting person, refuses with translated reasons (``NichtMoeglich``)
and then changes nothing. Seats are counted under a row lock on the course, so parallel
registrations can neither overbook nor promote a waiting person twice. Notices go to the
outbox in the same transaction (the notifications app delivers them).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common import abstimmung, warteliste
from common.notices import notice_write, notices_write
from common.workflow import NichtMoeglich
from konten.models import User

from .models import (
    Anmeldung,
    Anwesenheit,
    Erteilung,
    Kurs,
    Qualifikation,
    Sitzung,
    Themenwunsch,
    Wunschstimme,
    Zielgruppe,
)
from .permissions import KOORDINATION, darf_wuenschen, ist_team, rollen_keys


def _zeit(wert) -> str:
    return date_format(timezone.localtime(wert), "SHORT_DATETIME_FORMAT")


def _nur_team(akteur) -> None:
    if not ist_team(akteur):
        raise NichtMoeglich(_("Das ist Aufgabe des Fortbildungsteams."))


def _kurs_sperren(kurs_pk: int) -> Kurs:
    return warteliste.sperren(Kurs, kurs_pk)


# --- courses and sessions ---------------------------------------------------------------------


def _vollstaendig(sitzungen: list[Sitzung]) -> list[Sitzung]:
    return [s for s in sitzungen if s.beginn and s.ende]


def _sitzungen_pruefen(sitzungen: list[Sitzung]) -> list[str]:
    gruende = []
    if not sitzungen:
        gruende.append(_("Ein Kurs braucht mindestens eine Sitzung."))
    sitzungen = _vollstaendig(sitzungen)
    for sitzung in sitzungen:
        if sitzung.ende <= sitzung.beginn:
            gruende.append(
                _("Die Sitzung am %(beginn)s endet, bevor sie beginnt.")
                % {"beginn": _zeit(sitzung.beginn)}
            )
    reihe = sorted(sitzungen, key=lambda s: s.beginn)
    for frueher, spaeter in zip(reihe, reihe[1:], strict=False):
        if spaeter.beginn < frueher.ende:
            gruende.append(
                _("Die Sitzungen am %(a)s und am %(b)s überschneiden sich.")
                % {"a": _zeit(frueher.beginn), "b": _zeit(spaeter.beginn)}
            )
    return gruende


def _fristen_pruefen(kurs: Kurs, sitzungen: list[Sitzung]) -> list[str]:
    gruende = []
    if kurs.anmeldung_ab and kurs.anmeldung_bis and kurs.anmeldung_bis <= kurs.anmeldung_ab:
        gruende.append(_("Die Anmeldung muss enden, nachdem sie beginnt."))
    sitzungen = _vollstaendig(sitzungen)
    if sitzungen and kurs.anmeldung_bis:
        erste = min(s.beginn for s in sitzungen)
        if kurs.anmeldung_bis > erste:
            gruende.append(_("Die Anmeldung muss spätestens mit der ersten Sitzung enden."))
        if kurs.abmeldung_bis and kurs.abmeldung_bis > erste:
            gruende.append(_("Die Abmeldefrist muss spätestens mit der ersten Sitzung enden."))
    return gruende


def _modell_pruefen(objekt, exclude=None) -> list[str]:
    try:
        objekt.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as fehler:
        return fehler.messages
    return []


@transaction.atomic
def kurs_speichern(kurs: Kurs, akteur, sitzungen: list[Sitzung], voraussetzungen=None) -> Kurs:
    """Creates or changes a course together with its complete list of sessions.

    Sessions missing from ``sitzungen`` are removed (unless attendance was taken there).
    Fewer seats than people registered are refused; more seats move waiting people up.
    Linking the course to a topic wish tells everyone who wished for it.
    """
    _nur_team(akteur)
    neu = kurs.pk is None
    vorher = None if neu else _kurs_sperren(kurs.pk)
    gruende = _modell_pruefen(kurs)
    for sitzung in sitzungen:
        gruende += _modell_pruefen(sitzung, exclude=["kurs"])
    gruende += _sitzungen_pruefen(sitzungen)
    gruende += _fristen_pruefen(kurs, sitzungen)
    if vorher is not None:
        belegt = vorher.anmeldungen.filter(status=Anmeldung.Status.ANGEMELDET).count()
        if kurs.plaetze is not None and kurs.plaetze < belegt:
            gruende.append(
                ngettext(
                    "Es ist schon %(n)d Person angemeldet; der Kurs braucht mindestens so viele "
                    "Plätze.",
                    "Es sind schon %(n)d Personen angemeldet; der Kurs braucht mindestens so viele "
                    "Plätze.",
                    belegt,
                )
                % {"n": belegt}
            )
        gruende += _entfernte_sitzungen_pruefen(kurs, sitzungen)
    if gruende:
        raise NichtMoeglich(*dict.fromkeys(gruende))
    kurs.save()
    if voraussetzungen is not None:
        kurs.voraussetzungen.set(voraussetzungen)
    geaendert = _sitzungen_speichern(kurs, sitzungen)
    if vorher is not None:
        _nachruecken(kurs)
        if geaendert:
            _angemeldete_benachrichtigen(kurs, "fortbildung_kurs_geaendert")
    if kurs.themenwunsch_id and (vorher is None or vorher.themenwunsch_id != kurs.themenwunsch_id):
        _wunsch_aufgegriffen(kurs)
    return kurs


def _entfernte_sitzungen_pruefen(kurs: Kurs, sitzungen: list[Sitzung]) -> list[str]:
    bleiben = [s.pk for s in sitzungen if s.pk]
    mit_anwesenheit = (
        Sitzung.objects.filter(kurs=kurs, anwesenheiten__isnull=False)
        .exclude(pk__in=bleiben)
        .distinct()
    )
    return [
        _("Für die Sitzung am %(beginn)s ist schon Anwesenheit erfasst; sie bleibt.")
        % {"beginn": _zeit(sitzung.beginn)}
        for sitzung in mit_anwesenheit
    ]


def _sitzungen_speichern(kurs: Kurs, sitzungen: list[Sitzung]) -> bool:
    """Writes the session list; True when a session was added, removed, moved or relocated
    (the caller tells registered people only when the course existed before)."""
    # read from the table, not from kurs.sitzungen (a prefetched list may be the edited one)
    bisher = {
        pk: stand
        for pk, *stand in Sitzung.objects.filter(kurs=kurs).values_list(
            "pk", "beginn", "ende", "ort", "online_link"
        )
    }
    bleiben = {s.pk for s in sitzungen if s.pk}
    Sitzung.objects.filter(kurs=kurs).exclude(pk__in=bleiben).delete()
    geaendert = bool(set(bisher) - bleiben)
    for sitzung in sitzungen:
        sitzung.kurs = kurs
        stand = [sitzung.beginn, sitzung.ende, sitzung.ort, sitzung.online_link]
        if sitzung.pk is None:
            sitzung.save()
            geaendert = True
        elif bisher.get(sitzung.pk) != stand:
            sitzung.sequenz += 1
            sitzung.save()
            geaendert = True
    return geaendert


def _angemeldete_benachrichtigen(kurs: Kurs, art: str) -> None:
    personen = User.objects.filter(
        fortbildung_anmeldungen__kurs=kurs,
        fortbildung_anmeldungen__status__in=[Anmeldung.Status.ANGEMELDET, Anmeldung.Status.WARTEND],
    )
    notices_write(personen, art, kurs, titel=kurs.titel)


# --- registration and the waiting list --------------------------------------------------------


def _zielgruppe_passt(kurs: Kurs, person) -> bool:
    zielgruppe = kurs.reihe.zielgruppe
    if zielgruppe == Zielgruppe.KOORDINATION:
        return bool(rollen_keys(person) & KOORDINATION)
    if zielgruppe == Zielgruppe.FREIWILLIGE:
        return "freiwillige" in rollen_keys(person)
    return True


def fehlende_voraussetzungen(kurs: Kurs, person) -> list[Qualifikation]:
    """Qualifications the course requires that the person does not hold validly today."""
    gehalten = Erteilung.objects.gueltig().filter(person=person).values("qualifikation")
    return list(kurs.voraussetzungen.exclude(pk__in=gehalten))


def anmeldung_hindernisse(kurs: Kurs, person) -> list[str]:
    """Every reason the person cannot register now (empty: registration is possible)."""
    jetzt = timezone.now()
    gruende = []
    if jetzt < kurs.anmeldung_ab:
        gruende.append(_("Die Anmeldung beginnt am %(zeit)s.") % {"zeit": _zeit(kurs.anmeldung_ab)})
    elif jetzt > kurs.anmeldung_bis:
        gruende.append(
            _("Die Anmeldefrist ist am %(zeit)s abgelaufen.") % {"zeit": _zeit(kurs.anmeldung_bis)}
        )
    if not _zielgruppe_passt(kurs, person):
        gruende.append(
            _("Dieser Kurs richtet sich an %(zielgruppe)s.")
            % {"zielgruppe": kurs.reihe.get_zielgruppe_display()}
        )
    fehlend = fehlende_voraussetzungen(kurs, person)
    if fehlend:
        gruende.append(
            _("Für diesen Kurs brauchen Sie zuerst: %(liste)s.")
            % {"liste": ", ".join(q.name for q in fehlend)}
        )
    return gruende


def anmeldung_anlegen(kurs: Kurs, person) -> Anmeldung:
    """Registers the person: a seat while there is one, else the end of the waiting list."""
    with transaction.atomic():
        kurs = _kurs_sperren(kurs.pk)
        warteliste.doppelte_ablehnen(
            kurs,
            person,
            _("Sie sind für diesen Kurs bereits angemeldet."),
            _("Sie stehen für diesen Kurs bereits auf der Warteliste."),
        )
        gruende = anmeldung_hindernisse(kurs, person)
        if not kurs.veroeffentlicht and not ist_team(person):
            gruende.insert(0, _("Für diesen Kurs ist keine Anmeldung möglich."))
        if gruende:
            raise NichtMoeglich(*gruende)
        return warteliste.platz_nehmen(
            kurs, person, _("Sie sind für diesen Kurs bereits angemeldet.")
        )


def anmeldung_stornieren(anmeldung: Anmeldung, akteur) -> Anmeldung:
    """Cancels a seat or leaves the waiting list; a freed seat goes to the first waiting.

    People cancel their own seat until the cancellation deadline, and leave the waiting
    list at any time; the team cancels at any time.
    """
    with transaction.atomic():
        kurs = _kurs_sperren(anmeldung.kurs_id)
        anmeldung = Anmeldung.objects.get(pk=anmeldung.pk)  # the state under the lock
        team = ist_team(akteur)
        if not team and anmeldung.person_id != akteur.pk:
            raise NichtMoeglich(_("Das ist nicht Ihre Anmeldung."))
        warteliste.storniert_ablehnen(anmeldung)
        if anmeldung.abgeschlossen:
            raise NichtMoeglich(_("Ein abgeschlossener Kurs lässt sich nicht mehr abmelden."))
        hatte_platz = anmeldung.status == Anmeldung.Status.ANGEMELDET
        if hatte_platz and not team and timezone.now() > kurs.abmeldung_bis:
            raise NichtMoeglich(
                _(
                    "Die Abmeldefrist ist am %(zeit)s abgelaufen. Bitte wenden Sie sich an "
                    "das Fortbildungsteam."
                )
                % {"zeit": _zeit(kurs.abmeldung_bis)}
            )
        if warteliste.platz_freigeben(anmeldung):
            _nachruecken(kurs)
        return anmeldung


def _nachruecken(kurs: Kurs) -> list[Anmeldung]:
    """Gives free seats to the first waiting people; the caller holds the course's lock.

    Once the first session has begun nobody moves up any more: a seat in a running
    course helps nobody, and a notice would come too late.
    """
    erste = kurs.sitzungen.order_by("beginn").values_list("beginn", flat=True).first()
    if erste is not None and erste <= timezone.now():
        return []
    return warteliste.nachruecken(kurs, "fortbildung_nachgerueckt")


# --- attendance and completion ----------------------------------------------------------------


def teilnehmende(kurs: Kurs):
    """The registered people of a course with their attendance count, by name."""
    return (
        kurs.anmeldungen.filter(status=Anmeldung.Status.ANGEMELDET)
        .select_related("person")
        .annotate(anwesend=Count("anwesenheiten", distinct=True))
        .order_by("person__anzeigename", "pk")
    )


@transaction.atomic
def anwesenheit_erfassen(sitzung: Sitzung, akteur, anwesende: set[int]) -> list[Anmeldung]:
    """Records who attended a session (registrations ``anwesende``; the others were absent)
    and completes everyone who has now reached the course's minimum attendance."""
    _nur_team(akteur)
    if not sitzung.hat_begonnen:
        raise NichtMoeglich(_("Die Anwesenheit wird ab dem Tag der Sitzung erfasst."))
    kurs = _kurs_sperren(sitzung.kurs_id)
    moegliche = set(
        kurs.anmeldungen.filter(status=Anmeldung.Status.ANGEMELDET).values_list("pk", flat=True)
    )
    if anwesende - moegliche:
        raise NichtMoeglich(
            _("Die Liste enthält Personen, die für den Kurs nicht angemeldet sind.")
        )
    sitzung.anwesenheiten.exclude(anmeldung__in=anwesende).delete()
    Anwesenheit.objects.bulk_create(
        [Anwesenheit(sitzung=sitzung, anmeldung_id=pk, erfasst_von=akteur) for pk in anwesende],
        ignore_conflicts=True,
    )
    return _abschliessen(kurs, akteur)


@transaction.atomic
def abschluesse_pruefen(kurs: Kurs, akteur) -> list[Anmeldung]:
    """Completes everyone who reached the minimum attendance (also after a course changed)."""
    _nur_team(akteur)
    return _abschliessen(_kurs_sperren(kurs.pk), akteur)


def _abschliessen(kurs: Kurs, akteur) -> list[Anmeldung]:
    noetig = kurs.noetige_sitzungen(kurs.sitzungen.count())
    fertig = list(teilnehmende(kurs).filter(abgeschlossen_am__isnull=True, anwesend__gte=noetig))
    jetzt = timezone.now()
    for anmeldung in fertig:
        anmeldung.abgeschlossen_am = jetzt
        anmeldung.code_vergeben()
    Anmeldung.objects.bulk_update(fertig, ["abgeschlossen_am", "bescheinigungscode", "updated_at"])
    if kurs.vermittelt_id:
        _erteilen([a.person for a in fertig], kurs.vermittelt, akteur, kurs=kurs, grund="")
    for anmeldung in fertig:
        notice_write(anmeldung.person, "fortbildung_abgeschlossen", anmeldung, titel=kurs.titel)
    return fertig


# --- qualifications ---------------------------------------------------------------------------


def _gueltig_bis(qualifikation: Qualifikation, ab):
    if not qualifikation.gueltigkeit_monate:
        return None
    return ab + timedelta(days=round(qualifikation.gueltigkeit_monate * 365.25 / 12))


def _erteilen(personen, qualifikation, akteur, kurs=None, grund="") -> list[Erteilung]:
    heute = timezone.localdate()
    return Erteilung.objects.bulk_create(
        [
            Erteilung(
                person=person,
                qualifikation=qualifikation,
                erteilt_am=heute,
                gueltig_bis=_gueltig_bis(qualifikation, heute),
                kurs=kurs,
                grund=grund,
                erteilt_von=akteur,
            )
            for person in personen
        ]
    )


@transaction.atomic
def qualifikation_erteilen(person, qualifikation: Qualifikation, akteur, grund: str) -> Erteilung:
    """The team grants a qualification by hand, e.g. for recognised prior experience."""
    _nur_team(akteur)
    if not grund.strip():
        raise NichtMoeglich(
            _("Bitte begründen Sie die Erteilung, zum Beispiel mit anerkannter Vorerfahrung.")
        )
    (erteilung,) = _erteilen([person], qualifikation, akteur, grund=grund.strip())
    notice_write(person, "qualifikation_erteilt", erteilung, name=qualifikation.name)
    return erteilung


# --- topic wishes -----------------------------------------------------------------------------


@transaction.atomic
def themenwunsch_vorschlagen(person, titel: str, beschreibung: str = "") -> Themenwunsch:
    """A new topic wish; the person's own vote counts for it from the start."""
    if not darf_wuenschen(person):
        raise NichtMoeglich(
            _("Themen wünschen sich Koordinator*innen und Kontaktpersonen von Organisationen.")
        )
    if not titel.strip():
        raise NichtMoeglich(_("Bitte geben Sie dem Thema einen Titel."))
    wunsch = Themenwunsch.objects.create(
        titel=titel.strip(), beschreibung=beschreibung.strip(), vorgeschlagen_von=person
    )
    Wunschstimme.objects.create(wunsch=wunsch, person=person)
    return wunsch


def themenwunsch_abstimmen(wunsch: Themenwunsch, person) -> None:
    if not darf_wuenschen(person):
        raise NichtMoeglich(_("Abstimmen können Koordinator*innen und Organisationen."))
    abstimmung.abstimmen(wunsch, person, _("Sie haben für dieses Thema schon gestimmt."))


def themenwunsch_stimme_zurueckziehen(wunsch: Themenwunsch, person) -> None:
    abstimmung.stimme_zurueckziehen(wunsch, person)


def _wunsch_aufgegriffen(kurs: Kurs) -> None:
    """Everyone who wished for the topic (proposed or voted) hears of the course."""
    wunsch = kurs.themenwunsch
    personen = User.objects.filter(
        Q(pk__in=wunsch.stimmen.values("person")) | Q(pk=wunsch.vorgeschlagen_von_id),
        is_active=True,
    )
    notices_write(personen, "fortbildung_wunsch_aufgegriffen", kurs, wunsch=wunsch.titel)
