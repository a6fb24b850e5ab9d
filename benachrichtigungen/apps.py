from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenachrichtigungenConfig(AppConfig):
    name = "benachrichtigungen"
    verbose_name = _("Benachrichtigungen")

    def ready(self):
        from konten import roles
        from konten.roles import KONTO, Menuepunkt

        from . import personendaten

        roles.konto_beitragen(
            Menuepunkt(_("Benachrichtigungen"), "benachrichtigungen:einstellungen", KONTO, 30)
        )
        # everyone chooses what they are told, the administration included
        roles.beitragen("verwaltung", routen=["benachrichtigungen"])
        personendaten.beitragen()
