from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetzwerkConfig(AppConfig):
    name = "netzwerk"
    verbose_name = _("Netzwerk")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from common import kalender
        from regionen import kreise, termin_verweise
        from regionen.signals import anwesenheit_erfasst, teilnahme_beantwortet

        from . import aufbewahrung, personendaten, roles
        from .jourfixe_kreis import NETZWERK
        from .signals import angemeldet, platz_nach_antwort, treffen_besucht
        from .treffen import veranstaltung_verweise
        from .views.veranstaltung import veranstaltungen_im_kalender

        roles.beitragen()
        personendaten.beitragen()
        aufbewahrung.beitragen()
        kalender.register(veranstaltungen_im_kalender)
        kreise.register(NETZWERK)
        user_logged_in.connect(angemeldet, dispatch_uid="netzwerk-aktivitaet-login")
        anwesenheit_erfasst.connect(treffen_besucht, dispatch_uid="netzwerk-aktivitaet-treffen")
        teilnahme_beantwortet.connect(platz_nach_antwort, dispatch_uid="netzwerk-platz-antwort")
        termin_verweise.register(veranstaltung_verweise)
