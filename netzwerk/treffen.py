"""A network meeting is an event and a jour-fixe Termin at once (``Veranstaltung.termin``).
It has one answer per person: the answer to the Termin, wherever it is given (the event
page, the Termin's page, the jour-fixe list, either API), written by the jour fixe's service
(``regionen.services.teilnahme_antworten``); the seat at a meeting with registration
follows from it (``platz_nach_antwort``, receiving ``teilnahme_beantwortet``). Each page
leads to the other: the event page links its Termin, the Termin's page links back through
``regionen.termin_verweise``.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.workflow import NichtMoeglich
from regionen import services as jourfixe
from regionen.models import Teilnahme
from regionen.termin_verweise import Verweis

from .models import Veranstaltung, Veranstaltungsanmeldung
from .plaetze import platz_freigeben, platz_nehmen, veranstaltung_sperren


def treffen_antworten(veranstaltung: Veranstaltung, person, antwort: str):
    """The answer to a network meeting given on its event page. It is the answer to the
    meeting's Termin, written by the jour fixe's service; the seat follows from it
    (``platz_nach_antwort``). Returns the person's registration, if the meeting has seats."""
    if not veranstaltung.termin_id:
        raise NichtMoeglich(_("Diese Veranstaltung hat keinen Jour-fixe-Termin."))
    if not veranstaltung.veroeffentlicht or veranstaltung.abgesagt:
        raise NichtMoeglich(_("Für diese Veranstaltung ist keine Anmeldung möglich."))
    if antwort == Teilnahme.Antwort.JA and veranstaltung.beginn <= timezone.now():
        raise NichtMoeglich(_("Die Veranstaltung hat bereits begonnen."))
    with transaction.atomic():
        jourfixe.teilnahme_antworten(veranstaltung.termin, person, antwort)
        return veranstaltung.anmeldungen.aktiv().filter(person=person).first()


def _treffen_mit_plaetzen(termin_id):
    """The published, not cancelled meeting with registration that has this Termin."""
    return Veranstaltung.objects.filter(
        termin_id=termin_id, anmeldung_erforderlich=True, veroeffentlicht=True, abgesagt=False
    ).first()


def platz_nach_antwort(termin, person, antwort: str) -> None:
    """The seat at a network meeting follows the answer to its Termin, wherever it was
    given: "Ich komme" holds a seat (or a place on the waiting list), "Vielleicht" and
    "Ich komme nicht" give it up. Runs in the answer's transaction."""
    treffen = _treffen_mit_plaetzen(termin.pk)
    if treffen is None:
        return
    treffen = veranstaltung_sperren(treffen.pk)
    vorhanden = treffen.anmeldungen.aktiv().filter(person=person).first()
    if antwort == Teilnahme.Antwort.JA and vorhanden is None:
        platz_nehmen(treffen, person)
    elif antwort != Teilnahme.Antwort.JA and vorhanden is not None:
        platz_freigeben(treffen, vorhanden)


def treffen_abgleichen(veranstaltung: Veranstaltung) -> None:
    """Brings the seats of a network meeting and the answers to its Termin into line, once
    the event has both (linked to the Termin later, or published or opened for
    registration later): whoever registered has answered yes; whoever answered yes holds
    a seat or waits for one; where the two differ, the later one counts."""
    if not veranstaltung.termin_id or _treffen_mit_plaetzen(veranstaltung.termin_id) is None:
        return
    veranstaltung = veranstaltung_sperren(veranstaltung.pk)
    antworten = {
        t.person_id: t
        for t in Teilnahme.objects.filter(termin_id=veranstaltung.termin_id)
        .exclude(antwort="")
        .select_related("person")
        .order_by("updated_at", "pk")
    }
    plaetze = {a.person_id: a for a in veranstaltung.anmeldungen.aktiv()}
    for person_id, anmeldung in plaetze.items():
        teilnahme = antworten.get(person_id)
        spaeter_angemeldet = teilnahme is not None and teilnahme.updated_at < anmeldung.updated_at
        if teilnahme is None or (teilnahme.antwort != Teilnahme.Antwort.JA and spaeter_angemeldet):
            Teilnahme.objects.update_or_create(
                termin_id=veranstaltung.termin_id,
                person_id=person_id,
                defaults={"antwort": Teilnahme.Antwort.JA},
            )
        elif teilnahme.antwort != Teilnahme.Antwort.JA:
            platz_freigeben(veranstaltung, anmeldung)
    for person_id, teilnahme in antworten.items():
        if teilnahme.antwort == Teilnahme.Antwort.JA and person_id not in plaetze:
            platz_nehmen(veranstaltung, teilnahme.person)


def veranstaltung_verweise(termin, user) -> list[Verweis]:
    """The meeting's event page, if the user may see it, with their seat as a note."""
    treffen = Veranstaltung.objects.for_user(user).filter(termin=termin).first()
    if treffen is None:
        return []
    hinweis = ""
    if user.is_authenticated and treffen.anmeldung_erforderlich:
        meine = treffen.anmeldungen.aktiv().filter(person=user).first()
        if meine is not None:
            hinweis = (
                _("Sie haben einen Platz.")
                if meine.status == Veranstaltungsanmeldung.Status.ANGEMELDET
                else _("Sie stehen auf der Warteliste.")
            )
    return [
        Verweis(
            _("Zur Veranstaltungsseite: %(titel)s") % {"titel": treffen.titel},
            treffen.get_absolute_url(),
            hinweis,
        )
    ]
