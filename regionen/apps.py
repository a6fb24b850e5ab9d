from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionenConfig(AppConfig):
    name = "regionen"
    verbose_name = _("Regionen")

    def ready(self):
        from konten import roles

        from .roles import Regionalkoordination, VerwaltungMitRegionen

        roles.register(Regionalkoordination())
        roles.register(VerwaltungMitRegionen())
