from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetzwerkConfig(AppConfig):
    name = "netzwerk"
    verbose_name = _("Netzwerk")

    def ready(self):
        from konten import roles

        from .roles import Organisationskontakt

        roles.register(Organisationskontakt())
