"""Demo: the last closed month, quarter and year are frozen and the running ones stored
provisionally, as the worker's jobs would have done."""

from django.utils import timezone

from .tasks import abgeschlossene_perioden, einfrieren, offene_perioden


def anlegen(kontext) -> None:
    heute = timezone.localdate()
    for periode in abgeschlossene_perioden(heute):
        einfrieren(periode)
    for periode in offene_perioden(heute):
        einfrieren(periode, vorlaeufig=True)
