from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionenConfig(AppConfig):
    name = "regionen"
    verbose_name = _("Regionen")

    def ready(self):
        from common import kalender
        from konten import roles

        from . import uebersicht
        from .kalender import termine_im_kalender
        from .roles import Regionalkoordination, VerwaltungMitRegionen

        roles.register(Regionalkoordination())
        roles.register(VerwaltungMitRegionen())
        kalender.register(termine_im_kalender)
        uebersicht.register(uebersicht.JOURFIXE)
