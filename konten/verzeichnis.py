"""The records of processing (Verzeichnis von Verarbeitungstätigkeiten, Art. 30 DSGVO),
read from the registry of personal data (common/datenschutz.py): ``manage.py
verarbeitungsverzeichnis`` prints it, the platform admin reads it as a page."""

from dataclasses import asdict, dataclass
from itertools import groupby

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from common import datenschutz
from common.datenschutz import OEFFENTLICH, SELBST, Personendaten

from .roles import alle_rollen_nach_key


@dataclass(frozen=True)
class Verarbeitung:
    """One declared model as the records of processing show it, in words."""

    model: str
    titel: str
    felder: list[str]
    zweck: str
    rechtsgrundlage: str
    empfaenger: list[str]
    loeschung: str
    speicherdauer: str
    frist_monate: int | None
    begruendung: str


def _empfaenger(key: str) -> str:
    if key == SELBST:
        return _("die Person selbst")
    if key == OEFFENTLICH:
        return _("öffentlich")
    return str(alle_rollen_nach_key()[key].label)


def _feldname(deklaration: Personendaten, name: str) -> str:
    feld = datenschutz.pfad_ziel(deklaration.model_class, name)
    return str(getattr(feld, "verbose_name", name))


def _verarbeitung(deklaration: Personendaten) -> Verarbeitung:
    return Verarbeitung(
        model=deklaration.model,
        titel=deklaration.titel,
        felder=[_feldname(deklaration, name) for name in deklaration.felder],
        zweck=str(deklaration.zweck),
        rechtsgrundlage=str(deklaration.rechtsgrundlage.label),
        empfaenger=[_empfaenger(key) for key in deklaration.empfaenger],
        loeschung=str(deklaration.loeschung.label),
        speicherdauer=str(deklaration.speicherdauer),
        frist_monate=deklaration.frist_monate,
        begruendung=str(deklaration.begruendung),
    )


@dataclass(frozen=True)
class Gruppe:
    key: str
    kategorie: str
    verarbeitungen: list[Verarbeitung]


def verzeichnis() -> list[Gruppe]:
    """The processings per category (in the registry's order), each by purpose."""
    gruppen = []
    for kategorie, deklarationen in groupby(datenschutz.alle(), key=lambda d: d.kategorie):
        eintraege = sorted(
            (_verarbeitung(d) for d in deklarationen), key=lambda v: (v.zweck, v.titel)
        )
        gruppen.append(Gruppe(kategorie.value, str(kategorie.label), eintraege))
    return gruppen


def verzeichnis_daten() -> list[dict]:
    """The same as plain data, for JSON."""
    return [asdict(gruppe) for gruppe in verzeichnis()]


def verarbeitungsverzeichnis(request):
    """For platform admins only; everyone else finds no such page."""
    if not request.user.is_staff:
        raise Http404
    return render(request, "konten/verarbeitungsverzeichnis.html", {"gruppen": verzeichnis()})
