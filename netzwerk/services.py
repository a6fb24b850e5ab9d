"""Network workflows: admission, distribution lists with their inactivity lifecycle,
messages to a list, events with registration and a waiting list.

Every step takes the acting person, refuses with translated reasons (``NichtMoeglich``)
and then changes nothing. Mail to a list goes through the send ledger (``Zustellung``)
and the worker (``tasks.py``), queued once the transaction has committed.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common import warteliste
from common.notices import notices_write
from common.queueing import enqueue_on_commit, task_by_name
from common.scoping import granted_to_any, holders
from common.workflow import NichtMoeglich
from konten.models import User
from regionen import services as jourfixe
from regionen.models import Region, Teilnahme

from .aktivitaet import aktivitaet_vermerken, ereignisse_schreiben
from .models import (
    WIEDERHERSTELLEN_TAGE,
    Aufnahmeschritt,
    Mitgliedschaft,
    Organisation,
    Veranstaltung,
    Veranstaltungsanmeldung,
    Verteiler,
    Verteilerereignis,
    Verteilernachricht,
    Zustellung,
)
from .permissions import VERTRETEN, vertretene_organisationen
from .plaetze import nachruecken, platz_freigeben, platz_nehmen, veranstaltung_sperren
from .treffen import treffen_abgleichen, treffen_antworten

# --- admission --------------------------------------------------------------------------------

SCHRITTE = list(Aufnahmeschritt.Schritt)


def _nicht_moeglich_aus(fehler: ValidationError, modell=None) -> NichtMoeglich:
    """The model's complaints as sentences, each led by the field's name."""
    if not hasattr(fehler, "error_dict") or modell is None:
        return NichtMoeglich(*fehler.messages)
    saetze = []
    for feld, meldungen in fehler.message_dict.items():
        if feld == NON_FIELD_ERRORS:
            saetze += meldungen
        else:
            name = modell._meta.get_field(feld).verbose_name
            saetze += [f"{name}: {meldung}" for meldung in meldungen]
    return NichtMoeglich(*saetze)


def aufnahmeschritt_erfassen(
    organisation: Organisation,
    schritt: str,
    akteur,
    datum,
    notiz: str = "",
    satzung_datum=None,
    verteiler: Verteiler | None = None,
    veranstaltung: Veranstaltung | None = None,
) -> Aufnahmeschritt:
    """Records the next admission step; each needs the one before it.

    Recording the statutes marks them as on file; consent to the list puts the
    organisation on it; the invitation notifies its contacts of the meeting and
    completes the admission.
    """
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        erledigt = set(organisation.aufnahmeschritte.values_list("schritt", flat=True))
        if schritt in erledigt:
            raise NichtMoeglich(_("Dieser Schritt ist bereits festgehalten."))
        index = [s.value for s in SCHRITTE].index(schritt)
        if index and SCHRITTE[index - 1].value not in erledigt:
            raise NichtMoeglich(
                _("Zuerst ist dieser Schritt festzuhalten: %(schritt)s.")
                % {"schritt": SCHRITTE[index - 1].label}
            )
        if datum > timezone.localdate():
            raise NichtMoeglich(_("Das Datum eines Schritts kann nicht in der Zukunft liegen."))
        if schritt == Aufnahmeschritt.Schritt.SATZUNG:
            _satzung_erfassen(organisation, satzung_datum)
        elif schritt == Aufnahmeschritt.Schritt.VERTEILER:
            if verteiler is None:
                raise NichtMoeglich(_("Bitte den Verteiler wählen, dem die Organisation zustimmt."))
            _verteiler_zustimmen(verteiler, akteur, organisation)
        elif schritt == Aufnahmeschritt.Schritt.EINGELADEN:
            _zum_treffen_einladen(organisation, veranstaltung, datum)
        return Aufnahmeschritt.objects.create(
            organisation=organisation,
            schritt=schritt,
            datum=datum,
            erledigt_von=akteur,
            notiz=notiz,
        )


def _verteiler_zustimmen(verteiler, akteur, organisation) -> None:
    """Consent puts the organisation on the list, unless it is there already (imported)."""
    schon_dabei = verteiler.mitgliedschaften.auf_der_liste().filter(organisation=organisation)
    if not schon_dabei.exists():
        mitglied_aufnehmen(verteiler, akteur, organisation=organisation)


def _satzung_erfassen(organisation: Organisation, satzung_datum) -> None:
    if satzung_datum is None:
        raise NichtMoeglich(_("Bitte das Datum der Satzung angeben."))
    if satzung_datum > timezone.localdate():
        raise NichtMoeglich(_("Die Satzung kann nicht in der Zukunft beschlossen sein."))
    organisation.satzung_liegt_vor = True
    organisation.satzung_datum = satzung_datum
    organisation.save(update_fields=["satzung_liegt_vor", "satzung_datum", "updated_at"])


def _zum_treffen_einladen(organisation, veranstaltung, datum) -> None:
    if veranstaltung is None or veranstaltung.art != Veranstaltung.Art.NETZWERKTREFFEN:
        raise NichtMoeglich(_("Bitte das Netzwerktreffen wählen, zu dem eingeladen wird."))
    if veranstaltung.beginn <= timezone.now() or veranstaltung.abgesagt:
        raise NichtMoeglich(_("Eingeladen wird zu einem kommenden Netzwerktreffen."))
    kontakte = list(kontaktpersonen(organisation))
    notices_write(kontakte, "netzwerk_eingeladen", veranstaltung, titel=veranstaltung.titel)
    organisation.aufgenommen_am = datum
    organisation.save(update_fields=["aufgenommen_am", "updated_at"])


def kontaktpersonen(organisation):
    """The organisation's contact persons with an active account."""
    return holders(Organisation, VERTRETEN, organisation).filter(is_active=True)


# --- distribution lists -----------------------------------------------------------------------


def mitglied_aufnehmen(
    verteiler: Verteiler, akteur, organisation=None, person=None
) -> Mitgliedschaft:
    """Puts an organisation or a person on the list (again, if they had left it)."""
    if (organisation is None) == (person is None):
        raise NichtMoeglich(_("Bitte eine Organisation oder eine Person angeben."))
    jetzt = timezone.now()
    with transaction.atomic():
        suche = {"organisation": organisation} if organisation else {"person": person}
        mitgliedschaft = (
            Mitgliedschaft.objects.select_for_update().filter(verteiler=verteiler, **suche).first()
        )
        if mitgliedschaft and mitgliedschaft.status in (
            Mitgliedschaft.Status.AKTIV,
            Mitgliedschaft.Status.INAKTIV,
        ):
            raise NichtMoeglich(
                _("%(name)s steht bereits auf dem Verteiler.") % {"name": mitgliedschaft.name}
            )
        if mitgliedschaft is None:
            mitgliedschaft = Mitgliedschaft(verteiler=verteiler, **suche)
        mitgliedschaft.status = Mitgliedschaft.Status.AKTIV
        mitgliedschaft.letzte_aktivitaet = jetzt
        mitgliedschaft.letzte_aktivitaet_art = Mitgliedschaft.Aktivitaet.BEITRITT
        mitgliedschaft.gewarnt_am = mitgliedschaft.entfernt_am = None
        mitgliedschaft.save()
        ereignisse_schreiben([mitgliedschaft], Verteilerereignis.Art.AUFGENOMMEN, akteur)
        return mitgliedschaft


def verteiler_fuehrung_pruefen(akteur, region, organisation) -> str:
    """Who starts a list runs it: as the coordination of its region, or through the own
    organisation. Returns the reason it cannot be so, or ""."""
    if akteur.is_staff or region is None:
        return ""
    if organisation is not None:
        if vertretene_organisationen(akteur).filter(pk=organisation.pk).exists():
            return ""
        return _("Sie vertreten diese Organisation nicht.")
    if Region.objects.for_user(akteur).filter(pk=region.pk).exists():
        return ""
    return _("Wählen Sie Ihre Organisation: sie führt den Verteiler in dieser Region.")


def verteiler_anlegen(verteiler: Verteiler, akteur) -> Verteiler:
    """Starts a list; its creator must be able to run it afterwards."""
    grund = verteiler_fuehrung_pruefen(akteur, verteiler.region, verteiler.organisation)
    if grund:
        raise NichtMoeglich(grund)
    _pruefen(verteiler)
    verteiler.save()
    return verteiler


def rueckmeldung_vermerken(mitgliedschaft: Mitgliedschaft, akteur) -> None:
    """The list's coordination notes that a member answered (a mail, a call)."""
    if mitgliedschaft.status not in (Mitgliedschaft.Status.AKTIV, Mitgliedschaft.Status.INAKTIV):
        raise NichtMoeglich(_("Dieses Mitglied steht nicht mehr auf dem Verteiler."))
    with transaction.atomic():
        aktivitaet_vermerken(
            Mitgliedschaft.Aktivitaet.ANTWORT,
            personen=[mitgliedschaft.person] if mitgliedschaft.person_id else [],
            organisationen=[mitgliedschaft.organisation] if mitgliedschaft.organisation_id else [],
        )
        ereignisse_schreiben([mitgliedschaft], Verteilerereignis.Art.ANTWORT, akteur)


def mitgliedschaft_bestaetigen(token: str) -> Mitgliedschaft:
    """The warned member follows the link in the warning: still interested."""
    mitgliedschaft = Mitgliedschaft.objects.filter(abmeldetoken=token).first()
    if mitgliedschaft is None or mitgliedschaft.status not in (
        Mitgliedschaft.Status.AKTIV,
        Mitgliedschaft.Status.INAKTIV,
    ):
        raise NichtMoeglich(_("Dieser Link ist nicht mehr gültig."))
    with transaction.atomic():
        if mitgliedschaft.status == Mitgliedschaft.Status.INAKTIV:
            ereignisse_schreiben(
                [mitgliedschaft],
                Verteilerereignis.Art.AKTIV,
                notiz=_("über den Link in der Warnung"),
            )
        Mitgliedschaft.objects.filter(pk=mitgliedschaft.pk).update(
            status=Mitgliedschaft.Status.AKTIV,
            letzte_aktivitaet=timezone.now(),
            letzte_aktivitaet_art=Mitgliedschaft.Aktivitaet.BESTAETIGT,
            gewarnt_am=None,
        )
    mitgliedschaft.refresh_from_db()
    return mitgliedschaft


def mitgliedschaft_abmelden(token: str) -> Mitgliedschaft:
    """Unsubscribes through the link in a list mail; works without signing in."""
    with transaction.atomic():
        mitgliedschaft = (
            Mitgliedschaft.objects.select_for_update().filter(abmeldetoken=token).first()
        )
        if mitgliedschaft is None:
            raise NichtMoeglich(_("Dieser Link ist nicht mehr gültig."))
        if mitgliedschaft.status == Mitgliedschaft.Status.ABGEMELDET:
            return mitgliedschaft
        mitgliedschaft.status = Mitgliedschaft.Status.ABGEMELDET
        mitgliedschaft.save(update_fields=["status", "updated_at"])
        ereignisse_schreiben([mitgliedschaft], Verteilerereignis.Art.ABGEMELDET)
        return mitgliedschaft


@dataclass
class Inaktivitaetsbericht:
    """What an inactivity run does (or, as a dry run, would do)."""

    stichtag: object
    markieren: list = field(default_factory=list)
    entfernen: list = field(default_factory=list)
    ausgefuehrt: bool = False

    @property
    def leer(self) -> bool:
        return not self.markieren and not self.entfernen


def _faellig_zum_markieren(verteiler_qs, jetzt):
    """Active members whose last activity lies further back than their list allows."""
    kandidaten = Mitgliedschaft.objects.filter(
        verteiler__in=verteiler_qs, status=Mitgliedschaft.Status.AKTIV
    ).select_related("verteiler", "organisation", "person")
    # the threshold differs per list: a few lists, so one bounded query per list
    faellig = []
    for verteiler in verteiler_qs:
        grenze = jetzt - relativedelta(months=verteiler.inaktiv_nach_monaten)
        faellig += list(kandidaten.filter(verteiler=verteiler, letzte_aktivitaet__lt=grenze))
    return faellig


def _faellig_zum_entfernen(verteiler_qs, jetzt):
    faellig = []
    for verteiler in verteiler_qs:
        grenze = jetzt - timedelta(days=verteiler.karenz_tage)
        faellig += list(
            Mitgliedschaft.objects.filter(
                verteiler=verteiler, status=Mitgliedschaft.Status.INAKTIV, gewarnt_am__lte=grenze
            ).select_related("verteiler", "organisation", "person")
        )
    return faellig


def inaktivitaet_pruefen(
    verteiler=None, ausfuehren: bool = False, jetzt=None
) -> Inaktivitaetsbericht:
    """The inactivity lifecycle of the lists (all, or one).

    Marks members without activity for N months as inactive and warns them; removes
    members warned more than the grace period ago. ``ausfuehren=False`` is the dry run: it
    reports the same members and changes nothing.
    """
    jetzt = jetzt or timezone.now()
    verteiler_qs = (
        Verteiler.objects.all() if verteiler is None else Verteiler.objects.filter(pk=verteiler.pk)
    )
    bericht = Inaktivitaetsbericht(
        stichtag=jetzt,
        # removal looks at the members warned before this run, so one run never marks and
        # removes the same member
        entfernen=_faellig_zum_entfernen(verteiler_qs, jetzt),
        markieren=_faellig_zum_markieren(verteiler_qs, jetzt),
    )
    if not ausfuehren or bericht.leer:
        return bericht
    with transaction.atomic():
        entfernen = [m.pk for m in bericht.entfernen]
        Mitgliedschaft.objects.filter(
            pk__in=entfernen, status=Mitgliedschaft.Status.INAKTIV
        ).update(status=Mitgliedschaft.Status.ENTFERNT, entfernt_am=jetzt, updated_at=jetzt)
        ereignisse_schreiben(bericht.entfernen, Verteilerereignis.Art.ENTFERNT)
        markieren = [m.pk for m in bericht.markieren]
        Mitgliedschaft.objects.filter(pk__in=markieren, status=Mitgliedschaft.Status.AKTIV).update(
            status=Mitgliedschaft.Status.INAKTIV, gewarnt_am=jetzt, updated_at=jetzt
        )
        ereignisse_schreiben(bericht.markieren, Verteilerereignis.Art.INAKTIV)
        anlass = jetzt.isoformat()
        neu = Zustellung.objects.bulk_create(
            [
                Zustellung(mitgliedschaft_id=pk, art=Zustellung.Art.WARNUNG, anlass=anlass)
                for pk in markieren
            ],
            batch_size=500,
        )
        zustellungen_einreihen([z.pk for z in neu])
    bericht.ausgefuehrt = True
    return bericht


def mitgliedschaft_wiederherstellen(
    mitgliedschaft: Mitgliedschaft, akteur, jetzt=None
) -> Mitgliedschaft:
    """Undoes a removal for inactivity within 30 days; the member counts as active today."""
    jetzt = jetzt or timezone.now()
    with transaction.atomic():
        mitgliedschaft = Mitgliedschaft.objects.select_for_update().get(pk=mitgliedschaft.pk)
        if mitgliedschaft.status != Mitgliedschaft.Status.ENTFERNT:
            raise NichtMoeglich(
                _("Nur eine Austragung wegen Inaktivität lässt sich rückgängig machen.")
            )
        if mitgliedschaft.entfernt_am < jetzt - timedelta(days=WIEDERHERSTELLEN_TAGE):
            raise NichtMoeglich(
                _("Die Austragung liegt mehr als %(tage)s Tage zurück; bitte neu aufnehmen.")
                % {"tage": WIEDERHERSTELLEN_TAGE}
            )
        mitgliedschaft.status = Mitgliedschaft.Status.AKTIV
        mitgliedschaft.letzte_aktivitaet = jetzt
        mitgliedschaft.gewarnt_am = mitgliedschaft.entfernt_am = None
        mitgliedschaft.save()
        ereignisse_schreiben([mitgliedschaft], Verteilerereignis.Art.WIEDERHERGESTELLT, akteur)
        return mitgliedschaft


def nachricht_senden(verteiler: Verteiler, akteur, betreff: str, text: str) -> Verteilernachricht:
    """Writes a message and its ledger rows; the worker mails it to everyone on the list."""
    betreff, text = betreff.strip(), text.strip()
    if not betreff or not text:
        raise NichtMoeglich(_("Eine Nachricht braucht Betreff und Text."))
    with transaction.atomic():
        nachricht = Verteilernachricht.objects.create(
            verteiler=verteiler, absender=akteur, betreff=betreff, text=text
        )
        neu = Zustellung.objects.bulk_create(
            [
                Zustellung(mitgliedschaft_id=pk, art=Zustellung.Art.NACHRICHT, nachricht=nachricht)
                for pk in empfangende(verteiler).values_list("pk", flat=True)
            ],
            batch_size=500,
        )
        zustellungen_einreihen([z.pk for z in neu])
    return nachricht


def empfangende(verteiler: Verteiler):
    """The memberships a message to the list goes to: everyone still on it."""
    return verteiler.mitgliedschaften.auf_der_liste()


#: ledger rows per sending task: one SMTP connection each
ZUSTELLUNGEN_JE_AUFGABE = 50


def zustellungen_einreihen(zustellung_ids: list[int]) -> None:
    # by name: the tasks module imports this one (its periodic jobs run these services)
    zustellungen_senden = task_by_name("netzwerk.tasks.zustellungen_senden")
    for start in range(0, len(zustellung_ids), ZUSTELLUNGEN_JE_AUFGABE):
        enqueue_on_commit(
            zustellungen_senden, zustellung_ids[start : start + ZUSTELLUNGEN_JE_AUFGABE]
        )


# --- events -----------------------------------------------------------------------------------


def _pruefen(objekt) -> None:
    try:
        objekt.full_clean()
    except ValidationError as fehler:
        raise _nicht_moeglich_aus(fehler, type(objekt)) from None


#: changes registered people hear about (their calendar entry changes with them)
_WESENTLICH = ("beginn", "ende", "ort", "online_link", "abgesagt")


def veranstaltung_speichern(veranstaltung: Veranstaltung, akteur, sprachen=None) -> Veranstaltung:
    """Creates or changes an event; a moved one raises its calendar SEQUENCE and tells the
    registered people; more seats move waiting people up. A network meeting linked to its
    Termin (or opening its registration) brings seats and answers into line."""
    _pruefen(veranstaltung)
    with transaction.atomic():
        vorher = None
        if veranstaltung.pk:
            vorher = veranstaltung_sperren(veranstaltung.pk)
            if any(getattr(vorher, f) != getattr(veranstaltung, f) for f in _WESENTLICH):
                veranstaltung.sequenz = vorher.sequenz + 1
        else:
            veranstaltung.erstellt_von = akteur
        veranstaltung.save()
        if sprachen is not None:
            veranstaltung.sprachen.set(sprachen)
        if vorher is not None:
            if veranstaltung.sequenz != vorher.sequenz:
                _angemeldete_benachrichtigen(veranstaltung, "veranstaltung_geaendert")
            nachruecken(veranstaltung)
        if veranstaltung.termin_id:
            treffen_abgleichen(veranstaltung)
        return veranstaltung


def angemeldete(veranstaltung: Veranstaltung):
    """Everyone holding a seat or waiting for one: they hear of a change or a cancellation."""
    return User.objects.filter(
        veranstaltungsanmeldungen__in=veranstaltung.anmeldungen.aktiv()
    ).distinct()


def _angemeldete_benachrichtigen(veranstaltung: Veranstaltung, art: str) -> None:
    notices_write(angemeldete(veranstaltung), art, veranstaltung, titel=veranstaltung.titel)


def veranstaltung_absagen(veranstaltung: Veranstaltung, akteur) -> Veranstaltung:
    if veranstaltung.abgesagt:
        raise NichtMoeglich(_("Diese Veranstaltung ist bereits abgesagt."))
    veranstaltung.abgesagt = True
    return veranstaltung_speichern(veranstaltung, akteur)


def anmeldung_hindernisse(veranstaltung: Veranstaltung, person) -> list[str]:
    gruende = []
    if not veranstaltung.veroeffentlicht or veranstaltung.abgesagt:
        gruende.append(_("Für diese Veranstaltung ist keine Anmeldung möglich."))
    elif not veranstaltung.anmeldung_erforderlich:
        gruende.append(_("Für diese Veranstaltung braucht es keine Anmeldung: kommen Sie einfach."))
    elif veranstaltung.beginn <= timezone.now():
        gruende.append(_("Die Veranstaltung hat bereits begonnen."))
    return gruende


def veranstaltung_anmelden(veranstaltung: Veranstaltung, person) -> Veranstaltungsanmeldung:
    """A seat while there is one, else the waiting list; the person counts as active. At a
    network meeting linked to its Termin, registering is answering "Ich komme" there."""
    with transaction.atomic():
        veranstaltung = veranstaltung_sperren(veranstaltung.pk)
        warteliste.doppelte_ablehnen(
            veranstaltung,
            person,
            _("Sie sind bereits angemeldet."),
            _("Sie stehen bereits auf der Warteliste."),
        )
        gruende = anmeldung_hindernisse(veranstaltung, person)
        if gruende:
            raise NichtMoeglich(*gruende)
        if veranstaltung.termin_id:
            return treffen_antworten(veranstaltung, person, Teilnahme.Antwort.JA)
        return platz_nehmen(veranstaltung, person)


def veranstaltung_abmelden(anmeldung: Veranstaltungsanmeldung, akteur) -> Veranstaltungsanmeldung:
    """Gives up a seat or leaves the waiting list; the first waiting person moves up. At a
    network meeting linked to its Termin, it is the answer "Ich komme nicht" there."""
    with transaction.atomic():
        veranstaltung = veranstaltung_sperren(anmeldung.veranstaltung_id)
        anmeldung = Veranstaltungsanmeldung.objects.get(pk=anmeldung.pk)
        warteliste.storniert_ablehnen(anmeldung)
        if veranstaltung.termin_id:
            jourfixe.teilnahme_antworten(
                veranstaltung.termin, anmeldung.person, Teilnahme.Antwort.NEIN
            )
            anmeldung.refresh_from_db()
            if anmeldung.status == Veranstaltungsanmeldung.Status.ABGEMELDET:
                return anmeldung
        return platz_freigeben(veranstaltung, anmeldung)


def teilnahme_erfassen(veranstaltung: Veranstaltung, akteur, anwesende: set[int]) -> int:
    """Ticks who came; they and their organisations count as active on their lists."""
    if timezone.localtime(veranstaltung.beginn).date() > timezone.localdate():
        raise NichtMoeglich(_("Die Teilnahme lässt sich ab dem Tag der Veranstaltung erfassen."))

    with transaction.atomic():
        angemeldet = veranstaltung.anmeldungen.filter(
            status=Veranstaltungsanmeldung.Status.ANGEMELDET
        )
        angemeldet.update(teilgenommen=False)
        angemeldet.filter(pk__in=anwesende).update(teilgenommen=True)
        personen = User.objects.filter(
            veranstaltungsanmeldungen__in=angemeldet.filter(teilgenommen=True)
        )
        organisationen = vertretene_organisationen_aller(personen)
        aktivitaet_vermerken(
            Mitgliedschaft.Aktivitaet.TREFFEN, personen=personen, organisationen=organisationen
        )
        return angemeldet.filter(teilgenommen=True).count()


def vertretene_organisationen_aller(personen):
    """Organisations any of ``personen`` represents."""
    return granted_to_any(Organisation, personen, VERTRETEN)
