"""The calls for helpers on an organisation's page: what is open now, and for those who
manage the organisation's calls the way to post and follow them."""

from common.scoping import allows

from .models import Bedarf
from .permissions import aufrufe_verwaltet


def abschnitt(organisation, user) -> dict | None:
    offen = list(
        Bedarf.objects.for_user(user, "public")
        .filter(organisation=organisation)
        .select_related("taetigkeitsfeld", "bezirk")
        .order_by("-created_at")[:10]
    )
    verwaltet = (
        user.is_authenticated and aufrufe_verwaltet(user).filter(pk=organisation.pk).exists()
    )
    if not offen and not verwaltet:
        return None
    return {
        "template": "unterkuenfte/_aufrufe_abschnitt.html",
        "aufrufe": offen,
        "verwaltet": verwaltet,
        "darf_aufrufen": verwaltet and allows(user, "change", organisation),
    }
