"""Need and access-ban workflows of a shelter's coordination."""

from django.utils import timezone

from .models import Bedarf, Hausverbot


def bedarf_status_setzen(bedarf: Bedarf, status: str) -> Bedarf:
    """Opens, pauses or closes a need (the caller has checked the "change" right)."""
    if status not in Bedarf.Status.values:
        raise ValueError(status)
    Bedarf.objects.filter(pk=bedarf.pk).update(status=status, updated_at=timezone.now())
    bedarf.status = status
    return bedarf


def abgelaufene_bedarfe_schliessen(stichtag=None) -> int:
    """Closes every open, filled or paused need whose end date has passed."""
    tag = stichtag or timezone.localdate()
    return (
        Bedarf.objects.filter(ende__lt=tag)
        .exclude(status=Bedarf.Status.GESCHLOSSEN)
        .update(status=Bedarf.Status.GESCHLOSSEN, updated_at=timezone.now())
    )


def hausverbot_besteht(person, unterkunft, stichtag=None) -> bool:
    """True while ``person`` is banned from ``unterkunft``; applications check this."""
    return Hausverbot.objects.filter(unterkunft=unterkunft, person=person).aktiv(stichtag).exists()


class HausverbotBeendet(Exception):
    """The ban is over already; nothing to end."""


def hausverbot_beenden(hausverbot: Hausverbot) -> Hausverbot:
    """Ends a ban from today on; its period stays on record as it was issued."""
    heute = timezone.localdate()
    if hausverbot.beendet_am or hausverbot.bis < heute:
        raise HausverbotBeendet
    hausverbot.beendet_am = heute
    hausverbot.save(update_fields=["beendet_am", "updated_at"])
    return hausverbot
