"""Signals for the apps above: bulk writes send no model signals, so the workflows say it."""

from django.dispatch import Signal

#: sent after the attendance of a Termin is recorded: ``termin``, ``anwesende`` (user ids)
anwesenheit_erfasst = Signal()
