from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FreiwilligeConfig(AppConfig):
    name = "freiwillige"
    verbose_name = _("Freiwillige")

    def ready(self):
        from konten import roles

        from . import roles as eigene
        from . import signals  # noqa: F401 - connects the login check

        for rolle in (
            eigene.FreiwilligeMitProfil(),
            eigene.EhrenamtskoordinationMitBewerbungen(),
            eigene.RegionalkoordinationMitKennzahlen(),
            eigene.VerwaltungMitKennzahlen(),
        ):
            roles.register(rolle)
