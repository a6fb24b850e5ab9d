"""Calendar feeds (RFC 5545): each app contributes the entries of a person's calendar.

Apps register a source from ``AppConfig.ready`` (jour-fixe Termine now; training sessions
and events later), so one secret feed URL per person carries everything. Entries keep their
UID for life; SEQUENCE grows with every change, and a cancelled entry stays in the feed with
STATUS:CANCELLED so calendar programs remove it instead of keeping a stale copy.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event


@dataclass(frozen=True)
class Kalendereintrag:
    uid: str
    beginn: datetime
    ende: datetime
    titel: str
    sequenz: int = 0
    abgesagt: bool = False
    ort: str = ""
    beschreibung: str = ""
    url: str = ""
    geaendert: datetime | None = None


#: source(user) -> the user's entries; registered by the apps
_quellen: list[Callable[[object], Iterable[Kalendereintrag]]] = []


def register(quelle: Callable[[object], Iterable[Kalendereintrag]]) -> None:
    if quelle not in _quellen:
        _quellen.append(quelle)


def eintraege(user) -> list[Kalendereintrag]:
    return sorted(
        (eintrag for quelle in _quellen for eintrag in quelle(user)), key=lambda e: e.beginn
    )


def _event(eintrag: Kalendereintrag, jetzt) -> Event:
    event = Event()
    event.add("uid", eintrag.uid)
    event.add("dtstamp", jetzt)
    event.add("dtstart", timezone.localtime(eintrag.beginn))
    event.add("dtend", timezone.localtime(eintrag.ende))
    event.add("summary", eintrag.titel)
    event.add("sequence", eintrag.sequenz)
    event.add("status", "CANCELLED" if eintrag.abgesagt else "CONFIRMED")
    if eintrag.ort:
        event.add("location", eintrag.ort)
    if eintrag.beschreibung:
        event.add("description", eintrag.beschreibung)
    if eintrag.url:
        event.add("url", eintrag.url)
    if eintrag.geaendert:
        event.add("last-modified", eintrag.geaendert)
    return event


def ics(eintraege: Iterable[Kalendereintrag], name: str) -> bytes:
    """A VCALENDAR with the entries in local time and the Europe/Berlin VTIMEZONE."""
    kalender = Calendar()
    kalender.add("prodid", "-//Ehrenamt-Plattform//Kalender//DE")
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("method", "PUBLISH")
    kalender.add("x-wr-calname", name)
    kalender.add("x-wr-timezone", settings.TIME_ZONE)
    jetzt = timezone.now()
    for eintrag in eintraege:
        kalender.add_component(_event(eintrag, jetzt))
    kalender.add_missing_timezones()
    return kalender.to_ical()


def ics_response(eintraege: Iterable[Kalendereintrag], name: str, dateiname: str) -> HttpResponse:
    antwort = HttpResponse(ics(eintraege, name), content_type="text/calendar; charset=utf-8")
    antwort["Content-Disposition"] = f'attachment; filename="{dateiname}"'
    antwort["Cache-Control"] = "private, no-store"
    return antwort
