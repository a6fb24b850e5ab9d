"""Recurrence rules of jour-fixe series: RFC 5545 RRULE text, read by python-dateutil.

Occurrences are computed in local wall-clock time (Europe/Berlin) and made aware only at
the end, so "every second Wednesday at 10:00" stays at 10:00 across daylight-saving changes.
"""

from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: a jour fixe meets at most weekly; finer rules would flood calendars with Termine
FREQUENZEN = ("WEEKLY", "MONTHLY", "YEARLY")

WOCHENTAGE = [
    ("MO", gettext_lazy("Montag")),
    ("TU", gettext_lazy("Dienstag")),
    ("WE", gettext_lazy("Mittwoch")),
    ("TH", gettext_lazy("Donnerstag")),
    ("FR", gettext_lazy("Freitag")),
    ("SA", gettext_lazy("Samstag")),
    ("SU", gettext_lazy("Sonntag")),
]

WOCHEN_IM_MONAT = [
    ("1", gettext_lazy("ersten")),
    ("2", gettext_lazy("zweiten")),
    ("3", gettext_lazy("dritten")),
    ("4", gettext_lazy("vierten")),
    ("-1", gettext_lazy("letzten")),
]


def regel_bauen(rhythmus: str, wochentag: str, woche_im_monat: str = "") -> str:
    """The RRULE for the choices of the series form (weekly, fortnightly, monthly)."""
    if rhythmus == "woechentlich":
        return f"FREQ=WEEKLY;BYDAY={wochentag}"
    if rhythmus == "zweiwoechentlich":
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={wochentag}"
    return f"FREQ=MONTHLY;BYDAY={woche_im_monat}{wochentag}"


def _teile(regel: str) -> dict:
    text = regel.strip().upper().removeprefix("RRULE:")
    teile = {}
    for teil in filter(None, text.split(";")):
        name, _gleich, wert = teil.partition("=")
        teile[name] = wert
    return teile


def regel_normalisieren(regel: str) -> str:
    return regel.strip().upper().removeprefix("RRULE:")


def _lesen(regel: str, erster_tag: date, uhrzeit: time):
    return rrulestr(
        f"RRULE:{regel_normalisieren(regel)}", dtstart=datetime.combine(erster_tag, uhrzeit)
    )


def regel_pruefen(regel: str, erster_tag: date, uhrzeit: time) -> None:
    """Raises a translated ValidationError unless the rule is valid and yields a date."""
    teile = _teile(regel)
    if "DTSTART" in teile:
        raise ValidationError(
            _("Der erste Tag wird im eigenen Feld angegeben, nicht in der Regel.")
        )
    if teile.get("FREQ") not in FREQUENZEN:
        raise ValidationError(
            _(
                "Ein Jour fixe wiederholt sich wöchentlich, monatlich oder jährlich "
                "(FREQ=%(erlaubt)s)."
            )
            % {"erlaubt": "WEEKLY|MONTHLY|YEARLY"}
        )
    try:
        regel_objekt = _lesen(regel, erster_tag, uhrzeit)
    except (ValueError, TypeError) as fehler:
        raise ValidationError(
            _("Die Wiederholungsregel ist ungültig: %(fehler)s") % {"fehler": fehler}
        ) from None
    if regel_objekt.after(datetime.combine(erster_tag, uhrzeit), inc=True) is None:
        raise ValidationError(_("Diese Regel ergibt ab dem ersten Tag keinen einzigen Termin."))


def vorkommen(regel: str, erster_tag: date, uhrzeit: time, von: datetime, bis: datetime):
    """Aware start times of the rule's occurrences between ``von`` and ``bis`` (inclusive)."""
    zone = timezone.get_current_timezone()
    lokal_von = timezone.localtime(von, zone).replace(tzinfo=None)
    lokal_bis = timezone.localtime(bis, zone).replace(tzinfo=None)
    regel_objekt = _lesen(regel, erster_tag, uhrzeit)
    return [
        timezone.make_aware(zeitpunkt, zone)
        for zeitpunkt in regel_objekt.between(lokal_von, lokal_bis, inc=True)
    ]


def dauer(beginn: time, ende: time) -> timedelta:
    return datetime.combine(date.min, ende) - datetime.combine(date.min, beginn)


def regel_beschreiben(regel: str) -> str:
    """The rule in words for the rules the form builds; other rules are shown as written."""
    teile = _teile(regel)
    tage = dict(WOCHENTAGE)
    byday = teile.get("BYDAY", "")
    if set(teile) - {"FREQ", "INTERVAL", "BYDAY"} or "," in byday or not byday:
        return regel_normalisieren(regel)
    tag, woche = byday[-2:], byday[:-2]
    if tag not in tage:
        return regel_normalisieren(regel)
    if teile["FREQ"] == "WEEKLY" and not woche:
        if teile.get("INTERVAL", "1") == "2":
            return _("jeden zweiten %(tag)s") % {"tag": tage[tag]}
        if teile.get("INTERVAL", "1") == "1":
            return _("jeden %(tag)s") % {"tag": tage[tag]}
    if teile["FREQ"] == "MONTHLY" and "INTERVAL" not in teile and woche in dict(WOCHEN_IM_MONAT):
        return _("jeden %(woche)s %(tag)s im Monat") % {
            "woche": dict(WOCHEN_IM_MONAT)[woche],
            "tag": tage[tag],
        }
    return regel_normalisieren(regel)
