"""Where one person stands with the checks (DOMAIN.md): the rules of nachweise.py applied to
the person's latest records, read in one query."""

from datetime import date

from django.utils import timezone

from .models import Nachweis, Profil
from .nachweise import Status, erforderlich, status_von


def anforderungen_status(person, arten, stichtag: date | None = None) -> dict:
    """Status and latest record per requirement kind, for one person, in one query.

    Returns ``{art: (status, nachweis or None)}``.
    """
    tag = stichtag or timezone.localdate()
    arten = list(arten)
    neueste = {}
    for nachweis in Nachweis.objects.filter(person=person, art__in=arten).order_by(
        "art_id", "-eingesehen_am", "-created_at"
    ):
        neueste.setdefault(nachweis.art_id, nachweis)
    profil = Profil.objects.filter(person=person).only("geburtsjahr").first()
    geburtsjahr = profil.geburtsjahr if profil else None
    ergebnis = {}
    for art in arten:
        if not erforderlich(art, geburtsjahr):
            ergebnis[art] = (Status.NICHT_ERFORDERLICH, None)
        else:
            nachweis = neueste.get(art.pk)
            ergebnis[art] = (status_von(nachweis, tag), nachweis)
    return ergebnis
