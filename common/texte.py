"""Texts in several languages: German in the model's own field, translations beside it.

Profiles, events and calls for helpers carry their texts in German plus any of the
supported languages (`INHALTSSPRACHEN`). The translations live in one JSON column per row
(``{"ar": {"beschreibung": "…"}}``), so a list of events reads every language in the same
query and adding a language needs no migration. Readers get their own language; a text
missing there falls back to German.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

#: languages texts may be written in, German first (the source language)
INHALTSSPRACHEN = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "uk": "Українська",
    "ru": "Русский",
    "tr": "Türkçe",
}
#: written right to left
RTL = frozenset({"ar", "fa"})
#: the languages a text may be translated into
UEBERSETZUNGSSPRACHEN = [code for code in INHALTSSPRACHEN if code != "de"]


def richtung(sprache: str) -> str:
    return "rtl" if sprache in RTL else "ltr"


@dataclass(frozen=True)
class Text:
    """A text as a reader gets it: the words, their language and writing direction."""

    text: str
    sprache: str

    @property
    def richtung(self) -> str:
        return richtung(self.sprache)

    def __str__(self):
        return self.text


def uebersetzungen_pruefen(uebersetzungen, felder) -> dict:
    """Cleans a ``{language: {field: text}}`` mapping; unknown codes or fields are refused."""
    if uebersetzungen in (None, ""):
        return {}
    if not isinstance(uebersetzungen, dict):
        raise ValidationError(
            _("Übersetzungen werden als Zuordnung Sprache → Felder angegeben."), code="form"
        )
    fehler, sauber = [], {}
    for sprache, texte in uebersetzungen.items():
        if sprache not in UEBERSETZUNGSSPRACHEN:
            fehler.append(
                ValidationError(
                    _("Die Sprache „%(code)s“ wird nicht unterstützt. Möglich sind: %(codes)s."),
                    code="sprache",
                    params={"code": sprache, "codes": ", ".join(UEBERSETZUNGSSPRACHEN)},
                )
            )
            continue
        if not isinstance(texte, dict):
            fehler.append(
                ValidationError(
                    _("Die Übersetzung „%(code)s“ braucht Felder mit Texten."),
                    code="form",
                    params={"code": sprache},
                )
            )
            continue
        unbekannt = sorted(set(texte) - set(felder))
        if unbekannt:
            fehler.append(
                ValidationError(
                    _("Diese Felder lassen sich nicht übersetzen: %(felder)s."),
                    code="feld",
                    params={"felder": ", ".join(unbekannt)},
                )
            )
            continue
        bereinigt = {feld: str(text).strip() for feld, text in texte.items() if str(text).strip()}
        if bereinigt:
            sauber[sprache] = bereinigt
    if fehler:
        raise ValidationError(fehler)
    return sauber


class Mehrsprachig(models.Model):
    """Adds translations of the fields named in ``uebersetzbare_felder``."""

    uebersetzbare_felder: tuple[str, ...] = ()

    uebersetzungen = models.JSONField(_("Übersetzungen"), default=dict, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        try:
            self.uebersetzungen = uebersetzungen_pruefen(
                self.uebersetzungen, self.uebersetzbare_felder
            )
        except ValidationError as fehler:
            raise ValidationError({"uebersetzungen": fehler.messages}) from None

    def text(self, feld: str, sprache: str | None = None) -> Text:
        """The field in the reader's language, else in German."""
        sprache = (sprache or get_language() or "de").split("-")[0]
        uebersetzt = (self.uebersetzungen or {}).get(sprache, {}).get(feld)
        if sprache != "de" and uebersetzt:
            return Text(uebersetzt, sprache)
        return Text(getattr(self, feld) or "", "de")

    def sprachen_mit_text(self) -> list[str]:
        """German and every language with at least one translated field."""
        vorhanden = set(self.uebersetzungen or {})
        return ["de"] + [code for code in UEBERSETZUNGSSPRACHEN if code in vorhanden]
