"""What ``berichte`` adds to the roles: the region reports, for the administration (whose
closed role reaches them) and for regional coordinations about their own regions."""

from django.utils.translation import gettext_lazy as _

from konten import roles
from konten.roles import Menuepunkt, Startabschnitt

BERICHTE = Menuepunkt(_("Berichte"), "berichte:uebersicht", "zahlen", 10)


def beitragen() -> None:
    roles.beitragen(
        "verwaltung",
        menue=[BERICHTE],
        abschnitte=[Startabschnitt("berichte/start_verwaltung.html", reihenfolge=20)],
        routen=["berichte"],
    )
    for key in ("regionalkoordination", "plattform_admin"):
        roles.beitragen(key, menue=[BERICHTE])
