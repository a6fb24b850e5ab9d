"""What the retention schedule (common/aufbewahrung.py) removes of the distribution lists:
messages and their send ledger once they are old."""

from django.utils import timezone

from common.aufbewahrungsarten import Regelart, loeschen
from common.aufbewahrungsarten import beitragen as regeln_beitragen
from common.loeschung import monate_vorher

from .models import Verteilernachricht, Zustellung


def _verteiler(monate):
    grenze = monate_vorher(timezone.now(), monate)
    return [
        # the ledger first: a message's rows go with it, and would be counted twice
        loeschen("netzwerk.Zustellung", Zustellung.objects.filter(created_at__lt=grenze)),
        loeschen(
            "netzwerk.Verteilernachricht",
            Verteilernachricht.objects.filter(created_at__lt=grenze),
        ),
    ]


def beitragen() -> None:
    regeln_beitragen(Regelart("verteiler-nachrichten", _verteiler))
