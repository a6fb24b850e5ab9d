"""Helpers for tests of actions that ask first (common/bestaetigung.py)."""

import re

from common.bestaetigung import FELD, WERT

#: ``client.post(url, {**BESTAETIGT, "status": "beendet"})`` acts instead of asking
BESTAETIGT = {FELD: WERT}


def frage(antwort) -> str:
    """The question an unconfirmed POST answered with: its text, sentences and button."""
    assert antwort.status_code == 200, antwort.status_code
    html = antwort.content.decode()
    treffer = re.search(r'<section class="card [^"]*bestaetigung".*?</section>', html, re.S)
    assert treffer, "the answer asks no question"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", treffer.group(0))).strip()
