"""The training team's menu and start page."""

from django.utils.translation import gettext_lazy as _

from konten.roles import Fortbildungsteam


class FortbildungsteamMitKursen(Fortbildungsteam):
    start_template = "fortbildung/start_fortbildungsteam.html"

    def start_context(self, user) -> dict:
        from .models import Kurs

        return {
            "kurse": Kurs.objects.for_user(user, "change")
            .mit_belegung()
            .kommend()
            .select_related("reihe")
            .order_by("erster_beginn")[:8]
        }

    def navigation(self, user):
        return [(_("Kursverwaltung"), "fortbildung:verwaltung")]
