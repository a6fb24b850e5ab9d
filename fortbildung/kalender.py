"""Training sessions in the calendar feeds (common/kalender.py)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from common.kalender import Kalendereintrag

from .models import Anmeldung, Sitzung
from .permissions import ist_team

#: how far back a feed still lists past sessions
RUECKBLICK = timedelta(days=90)


def sitzung_eintrag(sitzung: Sitzung, nummer: int | None = None) -> Kalendereintrag:
    kurs = sitzung.kurs
    titel = kurs.titel if nummer is None else f"{kurs.titel} ({nummer})"
    zeilen = [kurs.reihe.titel]
    if sitzung.online_link:
        zeilen.append(sitzung.online_link)
    return Kalendereintrag(
        uid=f"sitzung-{sitzung.uid}@{settings.KALENDER_UID_DOMAIN}",
        beginn=sitzung.beginn,
        ende=sitzung.ende,
        titel=titel,
        sequenz=sitzung.sequenz,
        ort=sitzung.ort or sitzung.online_link,
        beschreibung="\n".join(zeilen),
        url=settings.SITE_URL + kurs.get_absolute_url(),
        geaendert=sitzung.updated_at,
    )


def sitzungen_im_kalender(user):
    """Sessions of the courses the person holds a seat in (the team: of every course it
    runs), from three months back."""
    sitzungen = Sitzung.objects.for_user(user).filter(ende__gte=timezone.now() - RUECKBLICK)
    if not ist_team(user):
        sitzungen = sitzungen.filter(
            kurs__anmeldungen__person=user, kurs__anmeldungen__status=Anmeldung.Status.ANGEMELDET
        )
    return [sitzung_eintrag(s) for s in sitzungen.select_related("kurs__reihe")]
