"""Signals for the apps above: bulk writes send no model signals, so the workflows say it."""

from django.dispatch import Signal

#: sent after the attendance of a Termin is recorded: ``termin``, ``anwesende`` (user ids)
anwesenheit_erfasst = Signal()

#: sent when a person answers a Termin (yes / maybe / no), inside the answer's transaction:
#: ``termin``, ``person``, ``antwort``. A receiver that refuses raises ``NichtMoeglich``
#: and the answer is not saved either.
teilnahme_beantwortet = Signal()
