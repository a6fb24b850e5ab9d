"""Finn (freiwillig) applied to shelter B; Bea applied to shelter A; Hanna works at B.

Rows are written directly: fixtures need no notices or history.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from freiwillige.models import Bewerbung, Einsatz, Stundeneintrag
from konten.models import User
from tests.factories import UserFactory, freiwillige_bereit
from tests.welten.grundlage import Grundlage, zusammensetzen


@dataclass(kw_only=True)
class Freiwilligenarbeit(Grundlage):
    bea: User
    hanna: User
    bewerbung_a: Bewerbung
    bewerbung_b: Bewerbung
    einsatz_b: Einsatz
    stunden_b: Stundeneintrag


def freiwilligenarbeit_bauen(g: Grundlage) -> Freiwilligenarbeit:
    freiwillige_bereit(g.freiwillig, sprachen=[("ar", 4)], heimatbezirk=g.pankow)
    bea = UserFactory(email="bea@test.invalid", anzeigename="Bea Bewerberin")
    freiwillige_bereit(bea, sprachen=[("fa", 4), ("de", 3)], heimatbezirk=g.pankow)
    hanna = UserFactory(email="hanna@test.invalid", anzeigename="Hanna Helferin")
    freiwillige_bereit(hanna, sprachen=[("uk", 4)], heimatbezirk=g.neukoelln)
    angenommen = Bewerbung.objects.create(bedarf=g.bedarf_b, person=hanna, status="angenommen")
    einsatz_b = Einsatz.objects.create(
        bewerbung=angenommen,
        person=hanna,
        bedarf=g.bedarf_b,
        unterkunft=g.bedarf_b.unterkunft,
        # since the first of last month: a report compares her month with the one before
        beginn=(timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1),
    )
    return zusammensetzen(
        Freiwilligenarbeit,
        g,
        bea=bea,
        hanna=hanna,
        bewerbung_a=Bewerbung.objects.create(bedarf=g.bedarf_a, person=bea, nachricht="Hallo"),
        bewerbung_b=Bewerbung.objects.create(bedarf=g.bedarf_b, person=g.freiwillig),
        einsatz_b=einsatz_b,
        stunden_b=Stundeneintrag.objects.create(
            einsatz=einsatz_b,
            datum=timezone.localdate() - timedelta(days=1),
            stunden=2,
            erfasst_von=hanna,
        ),
    )
