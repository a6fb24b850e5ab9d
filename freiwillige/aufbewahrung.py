"""What the retention schedule (common/aufbewahrung.py) removes of volunteering: declined
applications, and inspection records once the person's last assignment has ended."""

from django.contrib.auth import get_user_model
from django.db.models import Max
from django.utils import timezone

from common import datenschutz
from common.aufbewahrungsarten import Regelart, loeschen
from common.aufbewahrungsarten import beitragen as regeln_beitragen
from common.loeschung import monate_vorher

from .models import Bewerbung, Nachweis


def _abgelehnte_bewerbungen(monate):
    """Declined applications untouched for ``monate``: a declined application is not edited
    any more, so its last change is the decline. They count in no figure (the figures count
    waiting ones); their history goes with them."""
    grenze = monate_vorher(timezone.now(), monate)
    zeilen = Bewerbung.objects.filter(status=Bewerbung.Status.ABGELEHNT, updated_at__lt=grenze)
    return [loeschen("freiwillige.Bewerbung", zeilen)]


def ausgeschieden(monate):
    """People whose assignments have all ended, the last more than ``monate`` ago; someone
    with a running assignment (no end yet) or none at all is not among them."""
    grenze = monate_vorher(timezone.now(), monate).date()
    return (
        get_user_model()
        .objects.annotate(letztes_ende=Max("einsaetze__ende"))
        .filter(letztes_ende__lt=grenze)
        .exclude(einsaetze__ende__isnull=True)
    )


def _nachweise(monate):
    """Inspection records of people who left: § 72a Abs. 5 SGB VIII wants them gone three
    months after the activity ends."""
    deklaration = datenschutz.deklaration(Nachweis)
    return [loeschen(deklaration.model, deklaration.zeilen_von_personen(ausgeschieden(monate)))]


def beitragen() -> None:
    regeln_beitragen(
        Regelart("bewerbungen-abgelehnt", _abgelehnte_bewerbungen),
        Regelart("nachweise", _nachweise),
    )
