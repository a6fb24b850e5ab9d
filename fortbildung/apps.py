from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FortbildungConfig(AppConfig):
    name = "fortbildung"
    verbose_name = _("Fortbildung")

    def ready(self):
        from common import kalender
        from konten import roles
        from regionen import uebersicht

        from .kalender import sitzungen_im_kalender
        from .roles import FortbildungsteamMitKursen
        from .uebersicht import FORTBILDUNG

        roles.oeffentliche_navigation.append((_("Fortbildungen"), "fortbildung:kalender"))
        roles.register(FortbildungsteamMitKursen())
        kalender.register(sitzungen_im_kalender)
        uebersicht.register(FORTBILDUNG)
