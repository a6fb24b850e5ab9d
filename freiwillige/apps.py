from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FreiwilligeConfig(AppConfig):
    name = "freiwillige"
    verbose_name = _("Freiwillige")

    def ready(self):
        from . import aufbewahrung, personendaten, roles, signals  # noqa: F401 - signals: login check

        roles.beitragen()
        personendaten.beitragen()
        aufbewahrung.beitragen()
