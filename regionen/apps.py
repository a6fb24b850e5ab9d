from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionenConfig(AppConfig):
    name = "regionen"
    verbose_name = _("Regionen")

    def ready(self):
        from common import kalender

        from . import personendaten, roles, uebersicht
        from .kalender import termine_im_kalender

        roles.beitragen()
        personendaten.beitragen()
        kalender.register(termine_im_kalender)
        uebersicht.register(uebersicht.JOURFIXE)
