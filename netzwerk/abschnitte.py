"""Sections that apps above the network add to an organisation's page (the calls for helpers
live in unterkuenfte, which netzwerk must not import).

A section is a function ``(organisation, user) -> dict | None``; the dict names its
``template`` and carries that template's context, ``None`` leaves the section out.
"""

_abschnitte = []


def register(abschnitt) -> None:
    _abschnitte.append(abschnitt)


def fuer(organisation, user) -> list[dict]:
    return [a for a in (abschnitt(organisation, user) for abschnitt in _abschnitte) if a]
