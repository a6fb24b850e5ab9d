"""The declarations a volunteer accepts (code of conduct, data protection): which versions are
in force and which of them a person still has to accept. Applying, matching and the login
check ask here."""

from django.db import transaction
from django.utils import timezone

from konten import roles

from .models import Erklaerung, Zustimmung


def aktuelle_erklaerungen() -> list[Erklaerung]:
    """The newest version of each declaration that is in force (one query: there are few)."""
    neueste = {}
    for erklaerung in Erklaerung.objects.filter(gueltig_ab__lte=timezone.now()).order_by(
        "art", "-version"
    ):
        neueste.setdefault(erklaerung.art, erklaerung)
    return list(neueste.values())


def erklaerungen_offen(user) -> list[Erklaerung]:
    """Current declarations the volunteer has not accepted yet (empty for everyone else)."""
    if not user.is_authenticated or not roles.rolle("freiwillige").holds(user):
        return []
    aktuelle = aktuelle_erklaerungen()
    angenommen = set(
        Zustimmung.objects.filter(person=user, erklaerung__in=aktuelle).values_list(
            "erklaerung_id", flat=True
        )
    )
    return [e for e in aktuelle if e.pk not in angenommen]


@transaction.atomic
def erklaerungen_annehmen(user, erklaerungen) -> None:
    for erklaerung in erklaerungen:
        Zustimmung.objects.get_or_create(person=user, erklaerung=erklaerung)
