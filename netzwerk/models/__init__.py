from .organisation import (
    Arbeitsfeld,
    Aufnahmeschritt,
    Organisation,
    OrganisationGroupObjectPermission,
    OrganisationUserObjectPermission,
)
from .veranstaltung import Veranstaltung, Veranstaltungsanmeldung
from .verteiler import (
    WIEDERHERSTELLEN_TAGE,
    Mitgliedschaft,
    Verteiler,
    Verteilerereignis,
    Verteilernachricht,
    Zustellung,
)

__all__ = [
    "WIEDERHERSTELLEN_TAGE",
    "Arbeitsfeld",
    "Aufnahmeschritt",
    "Mitgliedschaft",
    "Organisation",
    "OrganisationGroupObjectPermission",
    "OrganisationUserObjectPermission",
    "Veranstaltung",
    "Veranstaltungsanmeldung",
    "Verteiler",
    "Verteilerereignis",
    "Verteilernachricht",
    "Zustellung",
]
