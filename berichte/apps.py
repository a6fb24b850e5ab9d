from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BerichteConfig(AppConfig):
    name = "berichte"
    verbose_name = _("Berichte")

    def ready(self):
        from . import personendaten, roles

        roles.beitragen()
        personendaten.beitragen()
