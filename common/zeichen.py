"""What a typed text may contain, in one place: single-line texts (titles, names, subjects)
and multi-line texts (descriptions, messages).

Every way text enters the platform applies these rules: form fields (common/forms.py),
API fields (common/serializers.py), the admin (common/admin.py) and spreadsheet imports
(common/tabellen.py). A line break in a title would otherwise become an extra line in a
mail, and a right-to-left override could make a title read differently from what it says.
"""

import re
import unicodedata

#: line breaks in every spelling: Windows, old Mac, vertical tab, form feed, NEL, the
#: Unicode line and paragraph separators
ZEILENUMBRUCH = re.compile("\r\n|[\n\r\v\f\x85\u2028\u2029]")

#: invisible format characters (category Cf) that stay. Zero-width non-joiner and joiner
#: (U+200C, U+200D) are part of correct Persian, Urdu, Kurdish and Indic spelling
#: ("می‌خواهم") and of emoji sequences. The direction marks LRM, RLM and ALM (U+200E,
#: U+200F, U+061C) only tell neutral characters such as brackets and full stops which way
#: they belong when Arabic or Persian is mixed with Latin script; unlike the embeddings,
#: overrides and isolates (U+202A–U+202E, U+2066–U+2069) they cannot reverse the order of
#: letters or hide a run of text, so they stay and those go.
FORMATZEICHEN_ERLAUBT = frozenset("\u200c\u200d\u200e\u200f\u061c")


def _unsichtbar(zeichen: str) -> bool:
    """Control characters, lone surrogates (JSON can carry them, the database cannot) and
    format characters except the ones above: bidi controls, zero-width spaces, byte-order
    marks, the tag characters that can smuggle hidden text."""
    kategorie = unicodedata.category(zeichen)
    if kategorie in ("Cc", "Cs"):
        return True
    return kategorie == "Cf" and zeichen not in FORMATZEICHEN_ERLAUBT


def _sichtbar(text: str, behalten: str = "") -> str:
    return "".join(z for z in text if z in behalten or not _unsichtbar(z))


def einzeilig(text: str) -> str:
    """A title or name: one line, line breaks and tabs become a space, invisible control
    and direction characters go, runs of whitespace become one space, no space at the ends.
    """
    text = ZEILENUMBRUCH.sub(" ", text).replace("\t", " ")
    text = unicodedata.normalize("NFC", _sichtbar(text))
    return " ".join(text.split())


def mehrzeilig(text: str) -> str:
    """A description or message: line breaks stay (as ``\\n``), tabs become a space,
    invisible control and direction characters go, no whitespace at the ends."""
    text = ZEILENUMBRUCH.sub("\n", text).replace("\t", " ")
    return unicodedata.normalize("NFC", _sichtbar(text, behalten="\n")).strip()
