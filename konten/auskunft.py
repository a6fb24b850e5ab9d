"""A person's copy of everything the platform holds about them (Art. 15 and 20 DSGVO),
read from the registry of personal data (common/datenschutz.py), so a model or field
declared later is in the copy without a change here.

One builder, :func:`auskunft_daten`, serves the download on "Mein Konto" (built by the
worker, konten/tasks.py) and ``manage.py personendaten_export`` for requests made on paper.
It takes, per declaration, the rows about the person (``zeilen_von``) with the declared
export fields and their labels. Rows naming the person only as author or actor are taken
where that is the declaration's only way to the person (a topic wish, an action item): those
are the person's own contributions. Where a declaration has rows about someone else that
name the person as actor (an inspection record the person noted about a volunteer), the
copy counts them and shows nothing of them: they are the other person's data.

Never in the copy: secrets and keys (sessions and tokens are listed by their declared
fields; row ids are left out, as a token's id is the hash of its secret).
"""

import io
import json
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from itertools import groupby

from django.contrib.auth import get_user_model
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from common import datenschutz
from common.datenschutz import Personendaten

#: names of the files in the download
JSON_DATEI = "meine-daten.json"
HTML_DATEI = "meine-daten.html"
FORMAT = "ehrenamt-plattform/auskunft/1"


def _text(objekt) -> str:
    """A related row in words; a person by their display name, never their address."""
    if isinstance(objekt, get_user_model()):
        return objekt.anzeigename or _("(ohne Namen)")
    return str(objekt)


def _wert(zeile, feld):
    """The value of ``feld`` on ``zeile`` as JSON: choices by their label, related rows in
    words, times in ISO 8601 (local time)."""
    if feld.many_to_many:
        return sorted(_text(o) for o in getattr(zeile, feld.name).all())
    wert = getattr(zeile, feld.name)
    if wert is None:
        return None
    if feld.is_relation:
        return _text(wert)
    if feld.choices:
        return str(getattr(zeile, f"get_{feld.name}_display")())
    if isinstance(wert, datetime):
        return timezone.localtime(wert).isoformat(timespec="seconds")
    if isinstance(wert, date | time):
        return wert.isoformat()
    if isinstance(wert, Decimal):
        return str(wert)
    if isinstance(wert, bool | int | float | str | dict | list):
        return wert
    return str(wert)


def _felder(deklaration: Personendaten) -> list[models.Field]:
    model = deklaration.model_class
    return [model._meta.get_field(name) for name in deklaration.exportfelder]


def _mit_verwandten(zeilen, felder):
    einzeln = [f.name for f in felder if f.many_to_one or f.one_to_one]
    mehrere = [f.name for f in felder if f.many_to_many]
    return zeilen.select_related(*einzeln).prefetch_related(*mehrere).order_by("pk")


def _eintrag(deklaration: Personendaten, user) -> dict | None:
    """One declaration's part of the copy, None when it holds nothing about the person."""
    felder = _felder(deklaration)
    if not felder:
        return None
    nur_akteur = not (deklaration.person or deklaration.email or deklaration.name)
    nur_akteur = nur_akteur and not deklaration.finden
    zeilen = deklaration.zeilen_als_akteur(user) if nur_akteur else deklaration.zeilen_von(user)
    werte = [{f.name: _wert(z, f) for f in felder} for z in _mit_verwandten(zeilen, felder)]
    als_akteur = 0
    if deklaration.akteure and not nur_akteur:
        als_akteur = deklaration.zeilen_als_akteur(user).exclude(pk__in=zeilen.values("pk")).count()
    if not werte and not als_akteur:
        return None
    return {
        "model": deklaration.model,
        "titel": deklaration.titel,
        "zweck": str(deklaration.zweck),
        "rechtsgrundlage": str(deklaration.rechtsgrundlage.label),
        "speicherdauer": str(deklaration.speicherdauer),
        "von_ihnen": nur_akteur,
        "felder": {f.name: str(getattr(f, "verbose_name", f.name)) for f in felder},
        "zeilen": werte,
        "als_akteur_genannt": als_akteur,
    }


def auskunft_daten(user, fortschritt=None) -> dict:
    """Everything about ``user`` by category of the registry. ``fortschritt(done, total)``
    is called after each declaration."""
    deklarationen = datenschutz.alle()
    eintraege = []
    for nummer, deklaration in enumerate(deklarationen, start=1):
        if eintrag := _eintrag(deklaration, user):
            eintraege.append((deklaration.kategorie, eintrag))
        if fortschritt:
            fortschritt(nummer, len(deklarationen))
    return {
        "format": FORMAT,
        "erstellt_am": timezone.localtime().isoformat(timespec="seconds"),
        "person": {"email": user.email, "anzeigename": user.anzeigename},
        "kategorien": [
            {
                "kategorie": kategorie.value,
                "titel": str(kategorie.label),
                "daten": [eintrag for _k, eintrag in gruppe],
            }
            for kategorie, gruppe in groupby(eintraege, key=lambda paar: paar[0])
        ],
    }


def auskunft_json(daten: dict) -> str:
    return json.dumps(daten, ensure_ascii=False, indent=2)


def _anzeige(wert) -> str:
    if wert is None or wert == "" or wert == []:
        return "—"
    if isinstance(wert, bool):
        return _("ja") if wert else _("nein")
    if isinstance(wert, list):
        return ", ".join(str(w) for w in wert)
    if isinstance(wert, dict):
        return json.dumps(wert, ensure_ascii=False)
    return str(wert)


def auskunft_html(daten: dict) -> str:
    """A self-contained page (no scripts, no links to load) to read the copy."""
    kategorien = [
        {
            **kategorie,
            "daten": [
                {
                    **eintrag,
                    "spalten": list(eintrag["felder"].values()),
                    "tabelle": [
                        [_anzeige(zeile[name]) for name in eintrag["felder"]]
                        for zeile in eintrag["zeilen"]
                    ],
                }
                for eintrag in kategorie["daten"]
            ],
        }
        for kategorie in daten["kategorien"]
    ]
    return render_to_string(
        "konten/datei/meine_daten.html", {"daten": daten, "kategorien": kategorien}
    )


def auskunft_zip(user, fortschritt=None) -> bytes:
    """The download: the JSON for other services and the page to read it."""
    daten = auskunft_daten(user, fortschritt)
    puffer = io.BytesIO()
    with zipfile.ZipFile(puffer, "w", zipfile.ZIP_DEFLATED) as archiv:
        archiv.writestr(JSON_DATEI, auskunft_json(daten))
        archiv.writestr(HTML_DATEI, auskunft_html(daten))
    return puffer.getvalue()
