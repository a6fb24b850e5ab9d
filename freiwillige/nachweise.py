"""The rules for volunteer checks, applied to inspection records (DOMAIN.md): pure functions
of a record and a date, without queries (nachweisstand.py reads the records).

The rules are data on each Anforderungsart: how old a document may be when presented, how
long an inspection holds, and from which birth date a requirement applies.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: how long before the due date a check counts as running out
VORWARNUNG = timedelta(days=30)


class Status(models.TextChoices):
    GUELTIG = "gueltig", gettext_lazy("gültig")
    LAEUFT_AB = "laeuft_ab", gettext_lazy("läuft in 30 Tagen ab")
    ABGELAUFEN = "abgelaufen", gettext_lazy("abgelaufen")
    FEHLT = "fehlt", gettext_lazy("fehlt")
    NICHT_ERFORDERLICH = "nicht_erforderlich", gettext_lazy("nicht erforderlich")


def nachweis_fehler(nachweis) -> dict:
    """Field errors of an inspection record against its kind's rules (empty when fine)."""
    fehler = {}
    art, ausgestellt, eingesehen = nachweis.art, nachweis.ausgestellt_am, nachweis.eingesehen_am
    if eingesehen and eingesehen > timezone.localdate():
        fehler["eingesehen_am"] = _("Die Einsicht kann nicht in der Zukunft liegen.")
    if ausgestellt and eingesehen and eingesehen < ausgestellt:
        fehler["eingesehen_am"] = _("Die Einsicht kann nicht vor der Ausstellung liegen.")
    elif art.hoechstalter_bei_vorlage_tage:
        if not ausgestellt:
            fehler["ausgestellt_am"] = _("Für „%(art)s“ ist das Ausstellungsdatum nötig.") % {
                "art": art.name
            }
        elif eingesehen and (eingesehen - ausgestellt).days > art.hoechstalter_bei_vorlage_tage:
            fehler["ausgestellt_am"] = _(
                "„%(art)s“ darf bei Vorlage höchstens %(tage)s Tage alt sein; dieses war "
                "%(alter)s Tage alt."
            ) % {
                "art": art.name,
                "tage": art.hoechstalter_bei_vorlage_tage,
                "alter": (eingesehen - ausgestellt).days,
            }
    return fehler


def faellig_am(nachweis) -> date | None:
    """When the check must be presented again; None when it holds indefinitely."""
    if nachweis.ergebnis == nachweis.Ergebnis.NICHT_ERFUELLT:
        return None
    if not nachweis.art.gueltigkeit_monate:
        return None
    basis = nachweis.ausgestellt_am or nachweis.eingesehen_am
    return basis + relativedelta(months=nachweis.art.gueltigkeit_monate)


def erforderlich(art, geburtsjahr: int | None) -> bool:
    """Measles protection applies only to people born from its cut-off date on."""
    if art.gilt_fuer_geboren_ab is None or geburtsjahr is None:
        return True
    return geburtsjahr >= art.gilt_fuer_geboren_ab.year


def status_von(nachweis, stichtag: date) -> str:
    if nachweis is None or nachweis.ergebnis == nachweis.Ergebnis.NICHT_ERFUELLT:
        return Status.FEHLT
    if nachweis.faellig_am is None:
        return Status.GUELTIG
    if nachweis.faellig_am < stichtag:
        return Status.ABGELAUFEN
    if nachweis.faellig_am - stichtag <= VORWARNUNG:
        return Status.LAEUFT_AB
    return Status.GUELTIG
