from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnterkuenfteConfig(AppConfig):
    name = "unterkuenfte"
    verbose_name = _("Unterkünfte")

    def ready(self):
        from konten import roles
        from netzwerk import abschnitte
        from regionen import kreise, uebersicht

        from . import aufrufe, signals  # noqa: F401  (signals: connects the receivers)
        from .kreis import EHRENAMTSKOORDINATION
        from .roles import Ehrenamtskoordination, RegionalkoordinationMitUnterkuenften
        from .uebersicht import UNTERKUENFTE

        roles.oeffentliche_navigation.append((_("Offene Bedarfe"), "unterkuenfte:board"))
        roles.register(Ehrenamtskoordination())
        roles.register(RegionalkoordinationMitUnterkuenften())
        kreise.register(EHRENAMTSKOORDINATION)
        uebersicht.register(UNTERKUENFTE)
        abschnitte.register(aufrufe.abschnitt)
