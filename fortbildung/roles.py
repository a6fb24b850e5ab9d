"""What ``fortbildung`` adds to the roles: the training team's courses, everyone's calendar."""

from django.utils.translation import gettext_lazy as _

from konten import roles
from konten.roles import Menuepunkt, Startabschnitt

from .models import Kurs


def _kommende_kurse(user) -> dict:
    return {
        "kurse": Kurs.objects.for_user(user, "change")
        .mit_belegung()
        .kommend()
        .select_related("reihe")
        .order_by("erster_beginn")[:8]
    }


def beitragen() -> None:
    roles.beitragen(
        "fortbildungsteam",
        menue=[
            Menuepunkt(_("Kursverwaltung"), "fortbildung:verwaltung", "fortbildung", 10),
            Menuepunkt(_("Themenwünsche"), "fortbildung:wuensche", "fortbildung", 20),
        ],
        abschnitte=[Startabschnitt("fortbildung/start_fortbildungsteam.html", _kommende_kurse)],
    )
    roles.oeffentlich_beitragen(
        Menuepunkt(_("Fortbildungen"), "fortbildung:kalender", "entdecken", 20)
    )
