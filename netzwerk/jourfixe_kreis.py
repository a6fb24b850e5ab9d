"""The network's circle for jours fixes: everyone on a distribution list of the region.

A network meeting's programme comes from the topics its members raise. Rather than a second
agenda, the network coordination runs the meetings as a jour-fixe series with this circle:
members propose topics and vote, the coordination sets the agenda, minutes and action items
follow, and the meeting's event page (``Veranstaltung.termin``) shows the agenda.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.scoping import holders
from konten.models import User
from regionen.kreise import Kreis
from regionen.models import Region

from .models import Mitgliedschaft, Organisation
from .permissions import VERTRETEN, vertretene_organisationen

KEY = "netzwerk"


def _auf_der_liste():
    return Mitgliedschaft.objects.auf_der_liste()


def mitglieder(region):
    """Active users on a list at or below ``region``: as persons or as contacts of a
    member organisation."""
    darunter = _auf_der_liste().filter(verteiler__region__pfad__startswith=region.pfad)
    organisationen = Organisation.objects.filter(mitgliedschaften__in=darunter)
    return User.objects.filter(
        Q(verteiler_mitgliedschaften__in=darunter)
        | Q(pk__in=holders(Organisation, VERTRETEN, organisationen).values("pk")),
        is_active=True,
    ).distinct()


def regionen(user):
    """Regions of the lists the user is on (directly or through an organisation)."""
    eigene = _auf_der_liste().filter(
        Q(person=user) | Q(organisation__in=vertretene_organisationen(user))
    )
    return Region.objects.filter(verteiler__mitgliedschaften__in=eigene)


NETZWERK = Kreis(
    key=KEY,
    label=_("alle Mitglieder der Verteiler der Region (Netzwerktreffen)"),
    mitglieder=mitglieder,
    regionen=regionen,
)
