from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Gemeinsame Grundlagen")

    def ready(self):
        from . import checks, personendaten  # noqa: F401 - checks registers the start-up checks

        personendaten.beitragen()
