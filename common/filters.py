"""Filters shared by the API's filter sets."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError

#: the database's integer keys (BigAutoField): 64 bits, signed
KENNUNG_BEREICH = range(-(2**63), 2**63)


class _MehrereKennungenFeld(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        # An id past the integer range is unknown like any other: SQLite cannot even
        # compare a column with it (OverflowError, which would answer 500).
        for kennung in value:
            try:
                ausserhalb = int(kennung) not in KENNUNG_BEREICH
            except (TypeError, ValueError):
                continue  # the parent's own message for a value that is no id
            if ausserhalb:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": kennung},
                )
        return super()._check_values(value)


class MehrereKennungen(django_filters.ModelMultipleChoiceFilter):
    """Several ids of related rows (``?feld=1&feld=2``)."""

    field_class = _MehrereKennungenFeld


class Kennung(django_filters.NumberFilter):
    """The id of a related row, matched as it is: an unknown id finds nothing. A value that
    is no whole number within the integer range is refused (400): SQLite cannot compare a
    column with a larger one."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", KENNUNG_BEREICH.start)
        kwargs.setdefault("max_value", KENNUNG_BEREICH.stop - 1)
        super().__init__(*args, **kwargs)
