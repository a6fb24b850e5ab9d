from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnterkuenfteConfig(AppConfig):
    name = "unterkuenfte"
    verbose_name = _("Unterkünfte")

    def ready(self):
        from netzwerk import abschnitte
        from regionen import kreise, uebersicht

        from . import aufrufe, personendaten, roles, signals  # noqa: F401  (signals: connects the receivers)
        from .jourfixe_kreis import EHRENAMTSKOORDINATION
        from .uebersicht import UNTERKUENFTE

        roles.beitragen()
        personendaten.beitragen()
        kreise.register(EHRENAMTSKOORDINATION)
        uebersicht.register(UNTERKUENFTE)
        abschnitte.register(aufrufe.abschnitt)
