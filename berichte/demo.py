"""Demo: the last closed month, quarter and year are frozen, as the monthly job would have
done, so the reports show both kinds of figures (frozen months, live current ones)."""

from django.utils import timezone

from .tasks import abgeschlossene_perioden, einfrieren


def anlegen(kontext) -> None:
    for periode in abgeschlossene_perioden(timezone.localdate()):
        einfrieren(periode)
