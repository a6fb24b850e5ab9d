from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FortbildungConfig(AppConfig):
    name = "fortbildung"
    verbose_name = _("Fortbildung")

    def ready(self):
        from common import kalender
        from regionen import uebersicht

        from . import personendaten, roles
        from .kalender import sitzungen_im_kalender
        from .uebersicht import FORTBILDUNG

        roles.beitragen()
        personendaten.beitragen()
        kalender.register(sitzungen_im_kalender)
        uebersicht.register(FORTBILDUNG)
