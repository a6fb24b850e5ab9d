"""Regional coordination: the region's team, and the jour-fixe workflows.

Every jour-fixe step is a function with an acting user; it checks what it needs, refuses
with a translated reason (``NichtMoeglich``) and changes nothing then, and queues notices
to the invited circle in the same transaction (the notifications app delivers them).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common import abstimmung
from common.notices import notices_write
from common.scoping import allows, holders
from common.workflow import NichtMoeglich
from konten.models import User

from . import kreise, recurrence
from .models import Aufgabe, JourFixeSerie, Region, Stimme, Teilnahme, Termin, Thema
from .permissions import KOORDINIEREN
from .signals import anwesenheit_erfasst, teilnahme_beantwortet


def region_team(region):
    """The people holding the Regionalkoordination grant on ``region`` (directly or through
    a group).

    Visibility derives from the region: callers pass a region obtained through
    ``Region.objects.for_user()``.
    """
    return holders(Region, KOORDINIEREN, region).filter(is_active=True).order_by("anzeigename")


# --- the invited circle -----------------------------------------------------------------------


def eingeladene(serie: JourFixeSerie):
    """Everyone invited to the series: its circle in its region, and the persons it names."""
    eintrag = kreise.kreis(serie.kreis)
    im_kreis = eintrag.mitglieder(serie.region).values("pk") if eintrag else User.objects.none()
    benannt = serie.weitere_eingeladene.values("pk")
    return User.objects.filter(Q(pk__in=im_kreis) | Q(pk__in=benannt), is_active=True).order_by(
        "anzeigename"
    )


def _verwaltende(serie: JourFixeSerie):
    """The regional coordination of the series' region and of the regions above it."""
    return holders(Region, KOORDINIEREN, serie.region.vorfahren_und_selbst()).filter(is_active=True)


def _benachrichtigen(serie, art, objekt, **daten):
    notices_write(eingeladene(serie), art, objekt, **daten)


def _zeit(wert) -> str:
    return date_format(timezone.localtime(wert), "SHORT_DATETIME_FORMAT")


# --- series and Termine -----------------------------------------------------------------------


def _vorlauf() -> timedelta:
    return timedelta(days=settings.JOURFIXE_VORLAUF_TAGE)


def termine_materialisieren(serie: JourFixeSerie | None = None, jetzt=None) -> int:
    """Creates the Termine of the coming months that do not exist yet; returns how many.

    Idempotent: a Termin is keyed by its series and the start its rule gave it
    (``vorgesehen``), so moved or cancelled Termine are never created a second time.
    """
    jetzt = jetzt or timezone.now()
    serien = [serie] if serie is not None else JourFixeSerie.objects.laufend().iterator()
    neu = 0
    for eintrag in serien:
        starts = recurrence.vorkommen(
            eintrag.regel, eintrag.erster_tag, eintrag.beginn, jetzt, jetzt + _vorlauf()
        )
        vorhanden = set(
            eintrag.termine.filter(vorgesehen__in=starts).values_list("vorgesehen", flat=True)
        )
        dauer = recurrence.dauer(eintrag.beginn, eintrag.ende)
        fehlend = [
            Termin(serie=eintrag, vorgesehen=start, beginn=start, ende=start + dauer)
            for start in starts
            if start not in vorhanden
        ]
        # ignore_conflicts: a parallel run may have created the same Termin meanwhile
        Termin.objects.bulk_create(fehlend, ignore_conflicts=True)
        neu += len(fehlend)
    return neu


def _pruefen(objekt) -> None:
    try:
        objekt.full_clean()
    except ValidationError as fehler:
        raise NichtMoeglich(*fehler.messages) from None


@transaction.atomic
def serie_anlegen(serie: JourFixeSerie, akteur, weitere=()) -> JourFixeSerie:
    """Saves a new series of a region the actor coordinates and creates its first Termine."""
    if not Region.objects.for_user(akteur).filter(pk=serie.region_id).exists():
        raise NichtMoeglich(_("Sie koordinieren diese Region nicht."))
    serie.erstellt_von = akteur
    _pruefen(serie)
    serie.save()
    serie.weitere_eingeladene.set(weitere)
    if not termine_materialisieren(serie) and not serie.termine.exists():
        raise NichtMoeglich(
            _("Diese Regel ergibt in den nächsten %(tage)s Tagen keinen Termin.")
            % {"tage": settings.JOURFIXE_VORLAUF_TAGE}
        )
    _benachrichtigen(serie, "jourfixe_eingeladen", serie, titel=serie.titel)
    return serie


@transaction.atomic
def serie_aendern(serie: JourFixeSerie, akteur, weitere=None) -> JourFixeSerie:
    """Saves changed details (title, place, circle …); every Termin's calendar entry changes."""
    if serie.beendet_am:
        raise NichtMoeglich(_("Diese Reihe ist beendet."))
    _pruefen(serie)
    weitere_neu = weitere is not None and {p.pk for p in weitere} != set(
        serie.weitere_eingeladene.values_list("pk", flat=True)
    )
    if not _geaendert(serie) and not weitere_neu:
        # saving the same values again: calendars must not see a new version of every Termin
        return serie
    serie.sequenz += 1
    serie.save()
    if weitere_neu:
        serie.weitere_eingeladene.set(weitere)
    return serie


def _geaendert(objekt) -> bool:
    """Whether any field a person can edit differs from the stored row."""
    felder = [
        feld.attname
        for feld in objekt._meta.concrete_fields
        if feld.editable and not feld.primary_key
    ]
    gespeichert = type(objekt)._default_manager.filter(pk=objekt.pk).values(*felder).get()
    return any(getattr(objekt, feld) != gespeichert[feld] for feld in felder)


@transaction.atomic
def serie_beenden(serie: JourFixeSerie, akteur) -> int:
    """Ends the series: its future Termine are removed (and the invited told); past ones stay."""
    serie = JourFixeSerie.objects.select_for_update().get(pk=serie.pk)
    if serie.beendet_am:
        raise NichtMoeglich(_("Diese Reihe ist bereits beendet."))
    jetzt = timezone.now()
    serie.beendet_am = jetzt
    serie.save(update_fields=["beendet_am", "updated_at"])
    kuenftig = kuenftige_termine(serie, jetzt)
    anzahl = kuenftig.count()
    _benachrichtigen(serie, "jourfixe_beendet", serie, titel=serie.titel)
    kuenftig.delete()
    return anzahl


def kuenftige_termine(serie: JourFixeSerie, jetzt=None):
    """The Termine that ending the series removes: those that have not begun."""
    return serie.termine.filter(beginn__gt=jetzt or timezone.now())


def _nicht_abgesagt(termin):
    if termin.abgesagt:
        raise NichtMoeglich(_("Dieser Termin ist abgesagt."))


@transaction.atomic
def termin_verschieben(termin: Termin, akteur, beginn, ende, ort="", online_link="") -> Termin:
    """Moves one Termin (or changes its place); the series and the other Termine stay."""
    _nicht_abgesagt(termin)
    if ende <= beginn:
        raise NichtMoeglich(_("Das Ende muss nach dem Beginn liegen."))
    if beginn < timezone.now():
        raise NichtMoeglich(_("Ein Termin kann nicht in die Vergangenheit verschoben werden."))
    alt = termin.beginn
    if (termin.beginn, termin.ende, termin.ort, termin.online_link) == (
        beginn,
        ende,
        ort,
        online_link,
    ):
        return termin  # nothing moved: no new calendar version, no notice
    termin.beginn, termin.ende, termin.ort, termin.online_link = beginn, ende, ort, online_link
    _pruefen(termin)
    termin.sequenz += 1
    termin.save()
    _benachrichtigen(
        termin.serie, "termin_verschoben", termin, vorher=_zeit(alt), neu=_zeit(beginn)
    )
    return termin


@transaction.atomic
def termin_absagen(termin: Termin, akteur, grund: str = "") -> Termin:
    _nicht_abgesagt(termin)
    if termin.vorbei:
        raise NichtMoeglich(_("Der Termin ist schon vorbei."))
    grund = grund.strip()
    laenge = Termin._meta.get_field("absagegrund").max_length
    if len(grund) > laenge:
        # the page's field stops at this length, but a request can carry more
        raise NichtMoeglich(
            _("Der Grund der Absage darf höchstens %(laenge)d Zeichen lang sein.")
            % {"laenge": laenge}
        )
    termin.status = Termin.Status.ABGESAGT
    termin.absagegrund = grund
    termin.sequenz += 1
    termin.save()
    _benachrichtigen(termin.serie, "termin_abgesagt", termin, termin=_zeit(termin.beginn))
    return termin


# --- agenda -----------------------------------------------------------------------------------


def _themen_offen(termin: Termin):
    _nicht_abgesagt(termin)
    if termin.tagesordnung_veroeffentlicht_am:
        raise NichtMoeglich(_("Die Tagesordnung ist schon veröffentlicht."))
    if timezone.now() >= termin.themenfrist:
        raise NichtMoeglich(
            _("Die Frist für Themen und Stimmen endete am %(frist)s.")
            % {"frist": _zeit(termin.themenfrist)}
        )


def thema_vorschlagen(termin: Termin, person, titel: str, beschreibung: str = "") -> Thema:
    """An invited person proposes a topic before the deadline (the management until it
    publishes the agenda, never once the meeting is over)."""
    if not titel.strip():
        raise NichtMoeglich(_("Bitte geben Sie dem Thema einen Titel."))
    if termin.vorbei:
        raise NichtMoeglich(
            _("Dieser Termin ist vorbei: Themen lassen sich nur für kommende Termine vorschlagen.")
        )
    if allows(person, "change", termin):
        _nicht_abgesagt(termin)
        if termin.tagesordnung_veroeffentlicht_am:
            raise NichtMoeglich(_("Die Tagesordnung ist schon veröffentlicht."))
    else:
        _themen_offen(termin)
    return Thema.objects.create(
        termin=termin,
        titel=titel.strip(),
        beschreibung=beschreibung.strip(),
        vorgeschlagen_von=person,
    )


def thema_abstimmen(thema: Thema, person) -> Stimme:
    """One vote per person and topic, until the deadline."""
    _themen_offen(thema.termin)
    return abstimmung.abstimmen(thema, person, _("Sie haben für dieses Thema bereits gestimmt."))


def thema_stimme_zurueckziehen(thema: Thema, person) -> None:
    _themen_offen(thema.termin)
    abstimmung.stimme_zurueckziehen(thema, person)


@transaction.atomic
def tagesordnung_festlegen(termin: Termin, akteur, reihenfolge: list[int]) -> None:
    """Puts the topics named in ``reihenfolge`` on the agenda, in that order; the rest off."""
    _nicht_abgesagt(termin)
    if termin.tagesordnung_veroeffentlicht_am:
        raise NichtMoeglich(_("Die Tagesordnung ist schon veröffentlicht."))
    themen = {thema.pk: thema for thema in termin.themen.all()}
    if set(reihenfolge) - set(themen) or len(set(reihenfolge)) != len(reihenfolge):
        raise NichtMoeglich(_("Die Auswahl enthält Themen, die nicht zu diesem Termin gehören."))
    stelle = {pk: nummer for nummer, pk in enumerate(reihenfolge, start=1)}
    for pk, thema in themen.items():
        thema.auf_tagesordnung = pk in stelle
        thema.position = stelle.get(pk, 0)
    Thema.objects.bulk_update(themen.values(), ["auf_tagesordnung", "position"])


@transaction.atomic
def tagesordnung_veroeffentlichen(termin: Termin, akteur) -> None:
    """Publishes the agenda (chosen topics and carried-over action items) to the circle."""
    _nicht_abgesagt(termin)
    if termin.tagesordnung_veroeffentlicht_am:
        raise NichtMoeglich(_("Die Tagesordnung ist schon veröffentlicht."))
    leer = (
        not termin.themen.filter(auf_tagesordnung=True).exists()
        and not Aufgabe.objects.offen_bei(termin).exists()
    )
    if leer:
        raise NichtMoeglich(_("Die Tagesordnung ist leer: wählen Sie zuerst Themen aus."))
    termin.tagesordnung_veroeffentlicht_am = timezone.now()
    termin.sequenz += 1  # the calendar entry now carries the agenda
    termin.save(update_fields=["tagesordnung_veroeffentlicht_am", "sequenz", "updated_at"])
    _benachrichtigen(termin.serie, "tagesordnung_veroeffentlicht", termin)


# --- answers and attendance -------------------------------------------------------------------


@transaction.atomic
def teilnahme_antworten(termin: Termin, person, antwort: str) -> Teilnahme:
    """A person's one answer to a Termin, wherever it is given (the Termin, the list, a
    network meeting's event page): apps above hold what follows from it, such as a seat at
    the meeting (``teilnahme_beantwortet``), in the same transaction."""
    if antwort not in Teilnahme.Antwort.values:
        raise NichtMoeglich(_("Bitte antworten Sie mit Ja, Nein oder Vielleicht."))
    _nicht_abgesagt(termin)
    if termin.vorbei:
        raise NichtMoeglich(_("Der Termin ist schon vorbei."))
    teilnahme, _neu = Teilnahme.objects.update_or_create(
        termin=termin, person=person, defaults={"antwort": antwort}
    )
    teilnahme_beantwortet.send(sender=Termin, termin=termin, person=person, antwort=antwort)
    return teilnahme


def anwesenheitsliste(termin: Termin):
    """The invited and everyone who answered, with their answer and attendance."""
    teilnahmen = {t.person_id: t for t in termin.teilnahmen.select_related("person")}
    personen = {p.pk: p for p in eingeladene(termin.serie)}
    personen.update({pk: t.person for pk, t in teilnahmen.items()})
    return [
        (person, teilnahmen.get(person.pk))
        for person in sorted(personen.values(), key=lambda p: p.anzeigename.casefold())
    ]


@transaction.atomic
def anwesenheit_erfassen(termin: Termin, akteur, anwesende: set[int]) -> int:
    """Records who attended (everyone on the list not named counts as absent)."""
    _nicht_abgesagt(termin)
    if not termin.hat_begonnen:
        raise NichtMoeglich(_("Die Anwesenheit wird ab dem Tag des Termins erfasst."))
    liste = dict(anwesenheitsliste(termin))
    moegliche = {person.pk for person in liste}
    if anwesende - moegliche:
        raise NichtMoeglich(_("Die Liste enthält Personen, die nicht eingeladen sind."))
    vorhanden = {t.person_id: t for t in termin.teilnahmen.all()}
    for teilnahme in vorhanden.values():
        teilnahme.anwesend = teilnahme.person_id in anwesende
    Teilnahme.objects.bulk_update(vorhanden.values(), ["anwesend", "updated_at"])
    Teilnahme.objects.bulk_create(
        [
            Teilnahme(termin=termin, person_id=pk, anwesend=pk in anwesende)
            for pk in moegliche - set(vorhanden)
        ]
    )
    # apps above this one react (the network counts attendance as a member's activity)
    anwesenheit_erfasst.send(sender=Termin, termin=termin, anwesende=frozenset(anwesende))
    return len(anwesende)


# --- minutes and action items ----------------------------------------------------------------


@transaction.atomic
def protokoll_speichern(
    termin: Termin, akteur, protokoll: str, beschluesse: str, veroeffentlichen=False
) -> None:
    _nicht_abgesagt(termin)
    if not termin.hat_begonnen:
        raise NichtMoeglich(_("Das Protokoll wird ab dem Tag des Termins geschrieben."))
    termin.protokoll, termin.beschluesse = protokoll.strip(), beschluesse.strip()
    felder = ["protokoll", "beschluesse", "updated_at"]
    erstmals = veroeffentlichen and not termin.protokoll_veroeffentlicht_am
    if erstmals:
        if not termin.protokoll:
            raise NichtMoeglich(_("Ein leeres Protokoll wird nicht veröffentlicht."))
        termin.protokoll_veroeffentlicht_am = timezone.now()
        felder.append("protokoll_veroeffentlicht_am")
    termin.save(update_fields=felder)
    if erstmals:
        _benachrichtigen(termin.serie, "protokoll_veroeffentlicht", termin)


def verantwortliche_auswahl(serie: JourFixeSerie):
    """Who may own an action item: the invited and the region's coordination."""
    return User.objects.filter(
        Q(pk__in=eingeladene(serie).values("pk")) | Q(pk__in=_verwaltende(serie).values("pk"))
    ).order_by("anzeigename")


@transaction.atomic
def aufgabe_anlegen(termin: Termin, akteur, titel: str, verantwortlich=None, faellig_am=None):
    """Records an action item of the Termin's minutes: not due before the meeting's day,
    and not twice (the same title for the same owner)."""
    _nicht_abgesagt(termin)
    titel = titel.strip()
    if not titel:
        raise NichtMoeglich(_("Bitte beschreiben Sie die Aufgabe."))
    if (
        verantwortlich
        and not verantwortliche_auswahl(termin.serie).filter(pk=verantwortlich.pk).exists()
    ):
        raise NichtMoeglich(
            _("Die verantwortliche Person gehört nicht zum Kreis dieses Jour fixe.")
        )
    tag = timezone.localtime(termin.beginn).date()
    if faellig_am and faellig_am < tag:
        raise NichtMoeglich(
            _(
                "Eine Aufgabe aus dem Termin vom %(tag)s kann nicht vorher fällig sein: "
                "wählen Sie den %(tag)s oder einen späteren Tag."
            )
            % {"tag": date_format(tag, "SHORT_DATE_FORMAT")}
        )
    # the Termin's row lock keeps two identical items sent at once from both being written
    Termin.objects.select_for_update().filter(pk=termin.pk).exists()
    if termin.aufgaben.filter(titel__iexact=titel, verantwortlich=verantwortlich).exists():
        raise NichtMoeglich(
            _("Diese Aufgabe steht für diese Person schon im Protokoll dieses Termins.")
            if verantwortlich
            else _("Diese Aufgabe ohne verantwortliche Person steht schon im Protokoll.")
        )
    aufgabe = Aufgabe.objects.create(
        termin=termin, titel=titel, verantwortlich=verantwortlich, faellig_am=faellig_am
    )
    if verantwortlich and verantwortlich != akteur:
        notices_write([verantwortlich], "aufgabe_zugewiesen", aufgabe, titel=aufgabe.titel)
    return aufgabe


def aufgabe_status_setzen(aufgabe: Aufgabe, akteur, status: str) -> Aufgabe:
    if status not in Aufgabe.Status.values:
        raise NichtMoeglich(_("Unbekannter Status."))
    aufgabe.status = status
    aufgabe.abgeschlossen_am = None if status == Aufgabe.Status.OFFEN else timezone.now()
    aufgabe.save(update_fields=["status", "abgeschlossen_am", "updated_at"])
    return aufgabe
