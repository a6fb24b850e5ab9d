"""What a phone shows of a page: sideways overflow, tables that neither scroll nor stack, and
text cut off in labels, buttons and selects. ``seite_pruefen(page)`` returns the problems
as readable lines, an empty list for a page that fits. The checks (telefon.js) read what
the browser laid out, not what the markup intends."""

from pathlib import Path

_PRUEFUNG = Path(__file__).with_name("telefon.js").read_text(encoding="utf-8")


def seite_pruefen(page) -> list[str]:
    return page.evaluate(_PRUEFUNG)
