"""The default circle of a jour fixe: every shelter coordinator of the region."""

from django.utils.translation import gettext_lazy as _

from common.scoping import holders
from regionen.kreise import STANDARD, Kreis
from regionen.models import Region

from .models import Unterkunft
from .permissions import KOORDINIEREN, koordinierte_unterkuenfte


def mitglieder(region):
    """Active coordinators of the shelters in operation at or below ``region``."""
    unterkuenfte = Unterkunft.objects.filter(region__pfad__startswith=region.pfad).exclude(
        status=Unterkunft.Status.GESCHLOSSEN
    )
    return holders(Unterkunft, KOORDINIEREN, unterkuenfte).filter(is_active=True)


def regionen(user):
    """Regions of the shelters (in operation) the user coordinates."""
    unterkuenfte = koordinierte_unterkuenfte(user).exclude(status=Unterkunft.Status.GESCHLOSSEN)
    return Region.objects.filter(unterkuenfte__in=unterkuenfte)


EHRENAMTSKOORDINATION = Kreis(
    key=STANDARD,
    label=_("alle Ehrenamtskoordinationen der Region"),
    mitglieder=mitglieder,
    regionen=regionen,
)
