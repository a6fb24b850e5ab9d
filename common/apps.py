from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Gemeinsame Grundlagen")

    def ready(self):
        from . import aufbewahrungsarten, checks, personendaten  # noqa: F401 - checks: start-up checks

        personendaten.beitragen()
        # who read whose records: kept for the registry's period, then gone
        aufbewahrungsarten.beitragen(
            aufbewahrungsarten.nach_verzeichnis("zugriffsprotokoll", "common.Zugriffsprotokoll")
        )
